//! Opinion claims: recorded so a reader sees them, never checked.
//!
//! A judgement ("US troops should have left Iraq years ago!") has no truth
//! value a reference can settle; its verdict is always `opinion`.

use crate::model::VerdictKind;

use super::Outcome;

/// Returns the opinion verdict.
pub fn check() -> Outcome {
    Outcome::new(VerdictKind::Opinion)
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::model::{Assertion, VerdictKind};

    #[test]
    fn opinions_are_never_checked() {
        let article = article("2024-08-17", vec![claim("c", Assertion::Opinion)]);
        let v = verdict(&article, &reference(vec![], vec![]), "c");
        assert_eq!(v.verdict, VerdictKind::Opinion);
        assert!(v.discrepancies.is_empty() && v.facts.is_empty());
    }
}
