//! Any claims file text: loading must return data or located errors, never
//! panic, and whatever loads must check and render.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "The ministry said on Thursday that 40 advisers left the base. “It is a first step,” a spokesman said.\nTwo years later, parliament voted again.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match factcheck::load::from_str("claims/a.yaml", text, ARTICLE) {
        Ok(loaded) => {
            let checks = factcheck::check::check_project(&loaded.project, None);
            let options = factcheck::report::Options::default();
            for format in factcheck::report::Format::ALL {
                let _ = factcheck::report::render(&checks, &loaded.project.reference, format, &options);
            }
        }
        Err(factcheck::Error::Load(diagnostics)) => {
            let _ = factcheck::report::diagnostic::render(&diagnostics, Default::default(), 100);
        }
        Err(_) => {}
    }
});
