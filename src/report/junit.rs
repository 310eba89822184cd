//! The JUnit XML report, for CI dashboards: one `<testsuite>` per article,
//! one `<testcase>` per claim.
//!
//! A claim is a test that passes when its verdict is what its author
//! expects. A claim with severity `error` that comes out otherwise is a
//! `<failure>` whose text is the claim and its discrepancies; one with
//! severity `warn` passes with a warning in its `<system-out>`, as it does
//! not fail the run. Opinions are `<skipped>`: they are never checked, and
//! so are drafts (`draft: true`), one case each, until reviewed. Every
//! case's `<system-out>` gives the verdict and its discrepancies. Times are
//! written as 0, because a report must be byte-stable.

use std::fmt::Write;

use crate::check::ArticleCheck;
use crate::model::{Claim, DraftClaim, Severity, Verdict, VerdictKind};

use super::{content_first, describe, escape_markup as escape, expected_name};

/// How a claim fares as a test case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed,
    Skipped,
}

fn outcome(claim: &Claim, verdict: &Verdict) -> Outcome {
    if verdict.verdict == VerdictKind::Opinion && claim.expects(verdict.verdict) {
        Outcome::Skipped
    } else if claim.severity == Severity::Error && !claim.expects(verdict.verdict) {
        Outcome::Failed
    } else {
        Outcome::Passed
    }
}

#[derive(Default)]
struct Counts {
    tests: usize,
    failures: usize,
    skipped: usize,
}

impl Counts {
    fn of(check: &ArticleCheck<'_>) -> Counts {
        let mut counts = Counts::default();
        for (claim, verdict) in check.pairs() {
            counts.add(outcome(claim, verdict));
        }
        for _ in &check.drafts {
            counts.add(Outcome::Skipped);
        }
        counts
    }

    fn add(&mut self, outcome: Outcome) {
        self.tests += 1;
        self.failures += usize::from(outcome == Outcome::Failed);
        self.skipped += usize::from(outcome == Outcome::Skipped);
    }

    fn attributes(&self) -> String {
        format!(r#"tests="{}" failures="{}" errors="0" skipped="{}" time="0""#, self.tests, self.failures, self.skipped)
    }
}

/// The verdict and its discrepancies, one per line.
fn details(claim: &Claim, verdict: &Verdict) -> String {
    let mut out = format!("{}: {}\n", verdict.verdict.name(), claim.text.trim());
    if !claim.expects(verdict.verdict) {
        let _ = writeln!(out, "expected: {}", expected_name(claim));
    }
    for d in content_first(verdict) {
        let _ = writeln!(out, "- {}", describe(d));
    }
    out
}

/// The opening tag of the test case of claim (or draft) `id`.
fn open_testcase(out: &mut String, article: &str, id: &str) {
    let _ = writeln!(
        out,
        r#"    <testcase name="{}" classname="{}" file="claims/{}.yaml" time="0">"#,
        escape(id),
        escape(article),
        escape(article),
    );
}

fn testcase(out: &mut String, article: &str, claim: &Claim, verdict: &Verdict) {
    open_testcase(out, article, claim.id.as_str());
    let details = escape(&details(claim, verdict));
    match outcome(claim, verdict) {
        Outcome::Failed => {
            let message = format!("{}, expected {}", verdict.verdict.name(), expected_name(claim));
            let kind = verdict.verdict.name();
            let _ = writeln!(out, r#"      <failure message="{}" type="{kind}">{details}</failure>"#, escape(&message));
        }
        Outcome::Skipped => {
            let _ = writeln!(out, r#"      <skipped message="opinion: recorded, not checked"/>"#);
            let _ = writeln!(out, "      <system-out>{details}</system-out>");
        }
        Outcome::Passed => {
            let warning =
                if claim.expects(verdict.verdict) { "" } else { "warning: unexpected verdict (severity warn)\n" };
            let _ = writeln!(out, "      <system-out>{warning}{details}</system-out>");
        }
    }
    let _ = writeln!(out, "    </testcase>");
}

/// A draft's test case: skipped, since a draft is not checked until reviewed.
fn draft_testcase(out: &mut String, article: &str, draft: &DraftClaim) {
    open_testcase(out, article, draft.id.as_str());
    let _ = writeln!(out, r#"      <skipped message="draft: not checked until reviewed"/>"#);
    let details = format!("draft {}: {}\n{}\n", draft.kind, draft.text.trim(), super::needs(draft));
    let _ = writeln!(out, "      <system-out>{}</system-out>", escape(&details));
    let _ = writeln!(out, "    </testcase>");
}

/// Renders the run as a JUnit XML document, ending with a newline.
pub fn render(checks: &[ArticleCheck<'_>]) -> String {
    let mut total = Counts::default();
    let mut suites = String::new();
    for check in checks {
        let article = &check.article.article;
        let counts = Counts::of(check);
        for (claim, verdict) in check.pairs() {
            total.add(outcome(claim, verdict));
        }
        for _ in &check.drafts {
            total.add(Outcome::Skipped);
        }
        let _ = writeln!(suites, r#"  <testsuite name="{}" {}>"#, escape(article.id.as_str()), counts.attributes());
        let _ = writeln!(suites, "    <properties>");
        let _ = writeln!(suites, r#"      <property name="url" value="{}"/>"#, escape(&article.url));
        let _ = writeln!(suites, r#"      <property name="as-of" value="{}"/>"#, check.as_of);
        let _ = writeln!(suites, "    </properties>");
        for (claim, verdict) in check.pairs() {
            testcase(&mut suites, article.id.as_str(), claim, verdict);
        }
        for draft in &check.drafts {
            draft_testcase(&mut suites, article.id.as_str(), draft);
        }
        let _ = writeln!(suites, "  </testsuite>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"factcheck\" {}>\n{suites}</testsuites>\n",
        total.attributes()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{article, claim};
    use crate::model::{Assertion, ClaimKind, Discrepancy, SourceId};

    fn verdict(id: &str, kind: VerdictKind, discrepancies: Vec<Discrepancy>) -> Verdict {
        Verdict {
            claim: id.into(),
            kind: ClaimKind::Event,
            verdict: kind,
            discrepancies,
            facts: Vec::new(),
            claimed_date: None,
        }
    }

    #[test]
    fn a_failure_carries_the_discrepancy_and_text_is_escaped() {
        let mut failing = claim("a", Assertion::Opinion);
        failing.text = "Troops <left> & \"stayed\"".into();
        failing.expect = Some(VerdictKind::Supported);
        let mut warned = claim("b", Assertion::Opinion);
        warned.expect = Some(VerdictKind::Supported);
        warned.severity = Severity::Warn;
        let opinion = claim("c", Assertion::Opinion);
        let article = article("2024-08-16", vec![failing, warned, opinion]);
        let missing = Discrepancy::SourceMissing { source: SourceId::from("gone") };
        let verdicts = vec![
            verdict("a", VerdictKind::Contradicted, vec![missing]),
            verdict("b", VerdictKind::Misleading, Vec::new()),
            verdict("c", VerdictKind::Opinion, Vec::new()),
        ];
        let check = ArticleCheck::all(&article, article.article.default_as_of(), verdicts);
        let xml = render(&[check]);
        assert!(xml.contains(r#"<testsuites name="factcheck" tests="3" failures="1" errors="0" skipped="1""#), "{xml}");
        assert!(
            xml.contains(r#"<failure message="contradicted, expected supported" type="contradicted">contradicted: Troops &lt;left&gt; &amp; &quot;stayed&quot;"#),
            "{xml}"
        );
        assert!(xml.contains("- expected source `gone` is not in the reference\n</failure>"), "{xml}");
        assert!(xml.contains("<system-out>warning: unexpected verdict (severity warn)\nmisleading: "), "{xml}");
        assert!(xml.contains(r#"<skipped message="opinion: recorded, not checked"/>"#), "{xml}");
    }
}
