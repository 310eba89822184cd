//! Any facts file next to a fixed, valid claims file and sources: loading and
//! checking must never panic, whatever the facts say.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "The ministry said on Thursday that 40 advisers left the base. “It is a first step,” a spokesman said.\nTwo years later, parliament voted again.\n";
const CLAIMS: &str = include_str!("../../tests/fixtures/base/claims/base.yaml");
const SOURCES: &str = include_str!("../../tests/fixtures/base/reference/sources.yaml");
const TERMS: &str = include_str!("../../tests/fixtures/base/reference/terms.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(facts) = std::str::from_utf8(data) else { return };
    let files = factcheck::load::Files {
        claims: BTreeMap::from([("claims/base.yaml".to_owned(), CLAIMS.to_owned())]),
        articles: BTreeMap::from([("base".to_owned(), ARTICLE.to_owned())]),
        sources: Some(SOURCES.to_owned()),
        facts: BTreeMap::from([("reference/facts/f.yaml".to_owned(), facts.to_owned())]),
        terms: Some(TERMS.to_owned()),
        ..Default::default()
    };
    match factcheck::load::from_files(&files) {
        Ok(loaded) => {
            for as_of in ["2000-01-01", "2024-09-06", "2030-12-31"] {
                let date = as_of.parse::<factcheck::date::DateSpec>().map(|d| d.window().last()).ok();
                let checks = factcheck::check::check_project(&loaded.project, date);
                let _ = factcheck::report::render(
                    &checks,
                    &loaded.project.reference,
                    factcheck::report::Format::Json,
                    &Default::default(),
                );
            }
        }
        Err(factcheck::Error::Load(diagnostics)) => {
            let _ = factcheck::report::diagnostic::render(&diagnostics, Default::default(), 100);
        }
        Err(_) => {}
    }
});
