//! One allocation for each distinct id and source list of a file: a
//! million facts name far fewer subjects, measures and sources than they
//! have places for them, and mostly cite the same few sources. The loader
//! shares them as it converts a file ([`super::convert`]) and the parse
//! cache as it decodes one ([`crate::cache`]), where each fact's copy is
//! decoded on its own.

use std::sync::Arc;

use crate::model::SourceId;

/// The ids and source lists of one file met so far.
#[derive(Debug, Default)]
pub struct Shared {
    texts: foldhash::HashSet<Arc<str>>,
    sources: foldhash::HashSet<Arc<[SourceId]>>,
}

impl Shared {
    /// The one copy of `text`.
    pub fn text(&mut self, text: &str) -> Arc<str> {
        if let Some(one) = self.texts.get(text) {
            return Arc::clone(one);
        }
        let one: Arc<str> = Arc::from(text);
        self.texts.insert(Arc::clone(&one));
        one
    }

    /// The one copy of the source list `sources`, whose ids are shared too.
    pub fn sources(&mut self, sources: &[SourceId]) -> Arc<[SourceId]> {
        if let Some(one) = self.sources.get(sources) {
            return Arc::clone(one);
        }
        let one: Arc<[SourceId]> = sources.iter().map(|s| SourceId::from(self.text(s.as_str()))).collect();
        self.sources.insert(Arc::clone(&one));
        one
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_and_lists_share_one_copy() {
        let mut shared = Shared::default();
        let (a, b) = (shared.text("town"), shared.text(&String::from("town")));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &shared.text("city")));
        let list = [SourceId::from("s"), SourceId::from("t")];
        let (one, two) = (shared.sources(&list), shared.sources(&list.clone()));
        assert!(Arc::ptr_eq(&one, &two));
        assert_eq!(&*one, &list);
        assert_eq!(one[0].as_str().as_ptr(), shared.text("s").as_ptr());
        assert_ne!(&*shared.sources(&list[..1]), &*one);
    }
}
