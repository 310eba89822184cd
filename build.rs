//! Writes VARCON's spelling pairs, as the quote checker folds them, into
//! one sorted text table the library includes (`spellings.tsv` in
//! `OUT_DIR`), with where each of its lines starts and where its tab is
//! (`spelling_starts.rs`), so a word is found by a binary search in the
//! binary's read-only data and no process builds a map of them.
//!
//! The `varcon` crate holds its list as nested static slices of `&str`:
//! about 113,000 pointers, each relocated when the program starts. That
//! was 3 MB of `.data.rel.ro` and 2.7 MB of `.rela.dyn` in every process,
//! `factcheck --version` included, for a table the checker reads once to
//! build one map. Folded here at build time, the binary holds only the
//! pairs it uses, as plain text.

use std::collections::BTreeMap;
use std::io::Write;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = std::path::Path::new(&out);
    let mut table = String::new();
    let mut starts = Vec::new();
    // A BTreeMap walks its keys in byte order: the order the library's
    // binary search compares in.
    for (variant, american) in pairs() {
        starts.push(format!("[{}, {}]", table.len(), table.len() + variant.len()));
        table.push_str(&variant);
        table.push('\t');
        table.push_str(american);
        table.push('\n');
    }
    let starts = format!("[{}]", starts.join(", "));
    write(&out.join("spellings.tsv"), &table);
    write(&out.join("spelling_starts.rs"), &starts);
}

fn write(path: &std::path::Path, text: &str) {
    let mut file = std::fs::File::create(path).expect("OUT_DIR is writable");
    file.write_all(text.as_bytes()).expect("OUT_DIR is writable");
}

/// British, Canadian and Australian spellings (lower case), each with the
/// American spelling of the same word: only spellings preferred in some
/// standard, never archaic entries, so a rare variant never joins two
/// words. A variant listed under more than one American word keeps the
/// first, in VARCON's order.
fn pairs() -> BTreeMap<String, &'static str> {
    use varcon::{Category, Tag};
    let preferred = |t: &varcon::Type| matches!(t.tag, None | Some(Tag::Eq));
    let mut map = BTreeMap::new();
    for entry in varcon::VARCON.iter().flat_map(|cluster| cluster.entries) {
        if entry.archaic {
            continue;
        }
        let american =
            entry.variants.iter().find(|v| v.types.iter().any(|t| t.category == Category::American && preferred(t)));
        let Some(american) = american else { continue };
        for variant in entry.variants {
            let other = variant
                .types
                .iter()
                .any(|t| t.category != Category::American && t.category != Category::Other && preferred(t));
            if variant.word != american.word && other {
                map.entry(variant.word.to_lowercase()).or_insert(american.word);
            }
        }
    }
    map
}
