//! One allocation for each distinct id and source list of a file: a
//! million facts name far fewer subjects, measures and sources than they
//! have places for them, and mostly cite the same few sources. The loader
//! shares them as it converts a file ([`super::convert`]) and the parse
//! cache as it decodes one ([`crate::cache`]), where each fact's copy is
//! decoded on its own.

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

use crate::model::SourceId;

/// The ids and source lists of one file met so far.
#[derive(Debug, Default)]
pub struct Shared {
    texts: foldhash::HashSet<Arc<str>>,
    /// The lists, found by the ids they hold, as text: a list met again is
    /// taken without sharing its ids one by one first.
    sources: HashTable<Arc<[SourceId]>>,
    /// The list taken last: neighbouring facts mostly cite the same one,
    /// found again without hashing its ids.
    last: Option<Arc<[SourceId]>>,
    hasher: FixedState,
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
        self.source_list(sources.iter().map(SourceId::as_str))
    }

    /// The one copy of the list of the source ids `ids`, each shared too.
    pub fn source_list<'i>(&mut self, ids: impl Iterator<Item = &'i str> + Clone) -> Arc<[SourceId]> {
        let same = |list: &Arc<[SourceId]>| list.iter().map(SourceId::as_str).eq(ids.clone());
        if let Some(last) = self.last.as_ref().filter(|last| same(last)) {
            return Arc::clone(last);
        }
        let hash = hash_ids(&self.hasher, ids.clone());
        let one = match self.sources.find(hash, same) {
            Some(one) => Arc::clone(one),
            None => {
                let one: Arc<[SourceId]> = ids.map(|id| SourceId::from(self.text(id))).collect();
                let hasher = &self.hasher;
                self.sources
                    .insert_unique(hash, Arc::clone(&one), |list| hash_ids(hasher, list.iter().map(SourceId::as_str)));
                one
            }
        };
        self.last = Some(Arc::clone(&one));
        one
    }
}

/// The hash of a list of ids, each with its end marked ([`str`]'s `Hash`).
fn hash_ids<'i>(state: &FixedState, ids: impl Iterator<Item = &'i str>) -> u64 {
    let mut hasher = state.build_hasher();
    for id in ids {
        id.hash(&mut hasher);
    }
    hasher.finish()
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
        // Found again after another list, and that one again right after.
        assert!(Arc::ptr_eq(&shared.sources(&list), &one));
        let short = shared.sources(&list[..1]);
        assert!(Arc::ptr_eq(&shared.sources(&list[..1]), &short));
    }
}
