//! A source's headline is evidence: its title is a passage in its outlet's
//! own words, found by quote checks (and by `search`) like an excerpt. On a
//! made-up transport story, built with commands only: a headline quoted
//! from its outlet is supported, given to someone else misleading, changed
//! contradicted, and words no headline or excerpt holds unverifiable.

mod common;

use common::Sandbox;
use factcheck::exit;

const ARTICLE: &str = "The Example Shipping News ran the headline “Ferry operator cuts two winter sailings”. \
The operator announced it “cuts two winter sailings”. \
Later the paper was quoted as writing “Ferry operator cuts three winter sailings”. \
Its chief executive called the cuts “a last resort”.\n";

fn quote(sandbox: &Sandbox, id: &str, text: &str, speaker: &str, words: &str, expect: &str) -> String {
    let run = sandbox.run(&[
        "add",
        "claim",
        "ferry-sailings",
        "--id",
        id,
        "--text",
        text,
        "--kind",
        "quote",
        "--speaker",
        speaker,
        "--words",
        words,
        "--source",
        "example-shipping-news-2024-10-01",
        "--expect",
        expect,
    ]);
    run.expect_code(exit::OK);
    run.stdout
}

#[test]
fn a_headline_is_its_outlets_words() {
    let sandbox = Sandbox::empty();
    sandbox.write("draft.txt", ARTICLE);
    let new = [
        "new",
        "ferry-sailings",
        "--text",
        "draft.txt",
        "--publisher",
        "Example Coast Daily",
        "--url",
        "https://example.org/coast/ferry",
        "--published",
        "2024-10-02",
    ];
    sandbox.run(&new).expect_code(exit::OK);
    let source = [
        "add",
        "source",
        "--publisher",
        "Example Shipping News",
        "--title",
        "Ferry operator cuts two winter sailings",
        "--url",
        "https://example.org/shipping/ferry-cuts",
        "--published",
        "2024-10-01",
        "--kind",
        "secondary",
    ];
    sandbox.run(&source).expect_code(exit::OK);
    let supported = quote(
        &sandbox,
        "headline-quoted",
        "ran the headline “Ferry operator cuts two winter sailings”",
        "example-shipping-news",
        "Ferry operator cuts two winter sailings",
        "supported",
    );
    assert!(supported.contains("supported    headline-quoted"), "{supported}");
    let misleading = quote(
        &sandbox,
        "headline-given-to-operator",
        "The operator announced it “cuts two winter sailings”",
        "ferry-operator",
        "cuts two winter sailings",
        "misleading",
    );
    assert!(misleading.contains("misleading   headline-given-to-operator"), "{misleading}");
    assert!(misleading.contains("example-shipping-news"), "names whose words they are: {misleading}");
    let contradicted = quote(
        &sandbox,
        "headline-changed",
        "“Ferry operator cuts three winter sailings”",
        "example-shipping-news",
        "Ferry operator cuts three winter sailings",
        "contradicted",
    );
    assert!(contradicted.contains("contradicted headline-changed"), "{contradicted}");
    let unverifiable =
        quote(&sandbox, "last-resort", "“a last resort”", "ferry-chief", "a last resort", "unverifiable");
    assert!(unverifiable.contains("unverifiable last-resort"), "{unverifiable}");
    let check = sandbox.run(&["check", "--verbose"]);
    check.expect_code(exit::OK);
    assert!(check.stdout.contains("all as expected"), "{}", check.stdout);
}
