//! Verdicts follow the data: change one reference value in a copy of the
//! seed project and exactly the claims that depend on it change verdict.

mod common;

use std::collections::BTreeMap;

use common::Sandbox;
use factcheck::{VerdictKind, check, load};

fn verdicts(sandbox: &Sandbox) -> BTreeMap<String, VerdictKind> {
    let project = load::from_root(sandbox.path()).unwrap().project;
    check::check_project(&project, None)
        .iter()
        .flat_map(|c| c.verdicts.iter().map(|v| (v.claim.to_string(), v.verdict)))
        .collect()
}

fn changed(
    before: &BTreeMap<String, VerdictKind>,
    after: &BTreeMap<String, VerdictKind>,
) -> Vec<(String, VerdictKind)> {
    after.iter().filter(|(id, v)| before.get(*id) != Some(v)).map(|(id, v)| (id.clone(), *v)).collect()
}

#[test]
fn changing_the_troop_count_flips_only_the_troop_claim() {
    let sandbox = Sandbox::seed();
    let before = verdicts(&sandbox);
    sandbox.set_troop_count(3500);
    let after = verdicts(&sandbox);
    assert_eq!(changed(&before, &after), [("us-troops-about-2500".to_owned(), VerdictKind::Contradicted)]);
}

#[test]
fn moving_the_statement_date_flips_only_the_thursday_claim() {
    let sandbox = Sandbox::seed();
    let before = verdicts(&sandbox);
    // Both wire facts now say Wednesday; the Cradle's Friday still loses on rank.
    sandbox.edit(
        "reference/facts/coalition-talks.yaml",
        "    measure: date\n    date: 2024-08-15\n    sources: [reuters-dailymail",
        "    measure: date\n    date: 2024-08-14\n    sources: [reuters-dailymail",
    );
    let after = verdicts(&sandbox);
    assert_eq!(changed(&before, &after), [("fm-statement-thursday".to_owned(), VerdictKind::Contradicted)]);
}

#[test]
fn removing_a_fact_makes_its_claims_unverifiable() {
    let sandbox = Sandbox::seed();
    let before = verdicts(&sandbox);
    let facts = sandbox.read("reference/facts/soleimani.yaml");
    let start = facts.find("  - id: us-killed-soleimani").unwrap();
    let end = facts.find("  - id: soleimani-killing-place").unwrap();
    sandbox.write("reference/facts/soleimani.yaml", &format!("{}{}", &facts[..start], &facts[end..]));
    let after = verdicts(&sandbox);
    assert_eq!(changed(&before, &after), [("soleimani-killed-2020".to_owned(), VerdictKind::Unverifiable)]);
}
