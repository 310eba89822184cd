//! Any date text: parsing and resolving must never panic.
#![no_main]

use factcheck::date::{DateExpr, DateSpec, DateWindow};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(spec) = text.parse::<DateSpec>() {
        let window = spec.window();
        let _ = window.to_string();
        let _ = window.days_outside(DateWindow::day(jiff::civil::Date::constant(2024, 8, 15)));
    }
    if let Ok(DateExpr::Relative(rel)) = text.parse::<DateExpr>() {
        for anchor in ["0001", "2024-08-16/2024-08-17", "9999-12-31"] {
            if let Ok(spec) = anchor.parse::<DateSpec>() {
                let _ = rel.resolve(spec.window());
            }
        }
    }
});
