//! Attribution claims: what someone said, wanted or gave as a reason.
//!
//! An attribution has the same shape as an event (the speaker is the
//! subject, what they said is the object) and is checked by the same rules;
//! it stays a kind of its own because reports and exports (AVeriTeC's
//! "Position Statement") treat it differently.

use crate::model::Triple;

use super::{Context, Outcome, event};

/// Checks an attribution claim.
pub fn check(claim: &Triple, cx: &Context<'_>) -> Outcome {
    event::check(claim, cx)
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::model::{Anchor, Assertion, FactValue, SourceKind, Term, Triple, VerdictKind};

    fn said(object: &str) -> Assertion {
        Assertion::Attribution(Triple {
            subject: Term::from("ministry"),
            predicate: Term::from("gave-reason"),
            object: Term::from(object),
            date: None,
            relative_to: Anchor::Article,
            organisation: None,
        })
    }

    fn run(object: &str, facts: Vec<crate::model::Fact>) -> VerdictKind {
        let article = article("2024-08-17", vec![claim("c", said(object))]);
        let reference = reference(vec![source("wire", SourceKind::Wire)], facts);
        verdict(&article, &reference, "c").verdict
    }

    fn reason(object: &str) -> crate::model::Fact {
        let value = FactValue::Object { object: Term::from(object), date: None, organisation: None };
        fact("reason", "ministry", "gave-reason", value, "wire")
    }

    #[test]
    fn what_was_said_is_supported() {
        assert_eq!(run("latest-developments", vec![reason("latest-developments")]), VerdictKind::Supported);
    }

    #[test]
    fn something_else_is_contradicted() {
        assert_eq!(run("security-concerns", vec![reason("latest-developments")]), VerdictKind::Contradicted);
    }

    #[test]
    fn nothing_on_record_is_unverifiable() {
        assert_eq!(run("latest-developments", vec![]), VerdictKind::Unverifiable);
    }
}
