//! `suggest --write`: the drafts of an article's uncovered check-worthy
//! sentences, appended to its claims file as claims marked `draft: true`.
//!
//! Like every other edit ([`crate::add`]), the entries are added to the
//! file's text, so its comments and order survive; the whole project is
//! loaded with them before anything is written (a draft's fields are
//! checked as a claim's are, bar the ones it still lacks); the file is
//! replaced atomically under its lock; in [`Mode::DryRun`] nothing is
//! written. A sentence a claim or a draft already covers gets no draft, so
//! writing twice adds nothing the second time.

use std::path::Path;

use crate::add::{Mode, commit, current, file_text, lock};
use crate::error::Error;
use crate::load::{CLAIMS_DIR, Loaded};
use crate::yaml::append_all_to_sequence;

/// What `suggest --write` wrote, or would write.
#[derive(Debug)]
pub struct Written {
    /// The claims file, relative to the project root.
    pub path: String,
    /// Its text before.
    pub before: String,
    /// Its text after (the same when there was nothing to draft).
    pub after: String,
    /// The new drafts' ids, in reading order.
    pub ids: Vec<String>,
    /// The project with the drafts.
    pub loaded: Loaded,
    /// Whether the file was written (not in a dry run, and not when there
    /// was nothing to draft).
    pub written: bool,
}

/// Appends the drafts of every check-worthy sentence of `article` that no
/// claim or draft covers to `claims/<article>.yaml`.
pub fn write_drafts(root: &Path, article: &str, mode: Mode) -> Result<Written, Error> {
    let path = format!("{CLAIMS_DIR}/{article}.yaml");
    if !root.join(&path).is_file() {
        return Err(Error::Usage(format!("there is no `{path}`; create the article with `factcheck new {article}`")));
    }
    let _lock = match mode {
        Mode::Write => Some(lock(root, &path)?),
        Mode::DryRun => None,
    };
    let (mut files, loaded) = current(root)?;
    let Some(claims) = loaded.project.articles.iter().find(|a| a.article.id.as_str() == article) else {
        return Err(Error::Usage(format!("there is no article `{article}`")));
    };
    let suggestions = super::suggest(claims);
    let drafts = suggestions.to_write(claims);
    let ids: Vec<String> = drafts.iter().map(|(id, _)| id.clone()).collect();
    let before = file_text(&files, &path).unwrap_or_default().to_owned();
    if drafts.is_empty() {
        return Ok(Written { path, after: before.clone(), before, ids, loaded, written: false });
    }
    let entries: Vec<Vec<String>> = drafts.iter().map(|(id, draft)| draft.lines(id)).collect();
    let after =
        append_all_to_sequence(&before, "claims", &entries).map_err(|e| Error::Usage(format!("{path}: {e}")))?;
    let loaded = commit(root, &mut files, &path, after.clone(), mode, |d| d)?;
    Ok(Written { path, before, after, ids, loaded, written: mode == Mode::Write })
}
