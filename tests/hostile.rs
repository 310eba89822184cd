//! Reports render data inert: markup in a claim, a title or a note stays
//! text, escape sequences never reach a terminal raw, and only http and https
//! addresses become links, in every format, even for data that did not come
//! through the loader's checks.

use std::path::Path;

use factcheck::check;
use factcheck::report::{self, Format, Options, Style};

const SCRIPT: &str = "<script>alert(1)</script>";

/// The small valid project, with hostile words in every field reports show.
fn hostile() -> factcheck::Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let mut project = factcheck::load::from_root(&root).unwrap().project;
    let article = &mut project.articles[0];
    article.article.title = Some(format!("Title {SCRIPT}"));
    article.article.publisher = "Publisher\"><img src=x onerror=alert(2)>".to_owned();
    article.article.url = "javascript:alert(3)".to_owned();
    article.text = format!("{SCRIPT} \u{1b}[2J {}", article.text);
    for claim in &mut article.claims {
        claim.note = Some(format!("note {SCRIPT} ](javascript:alert(4)) \u{1b}[31m"));
    }
    article.claims[0].text = format!("{} {SCRIPT}", article.claims[0].text);
    for source in &mut project.reference.sources {
        source.title = format!("<marquee>{}</marquee>", source.title);
        source.publisher = format!("{} ]({})", source.publisher, "javascript:alert(5)");
        source.url = "javascript:alert(6)".to_owned();
        for excerpt in &mut source.excerpts {
            excerpt.text = format!("{SCRIPT} {}", excerpt.text);
        }
    }
    for fact in &mut project.reference.facts {
        fact.note = Some(format!("fact {SCRIPT}"));
    }
    project
}

/// Whether `pattern` occurs in `out` other than escaped by a backslash (Markdown's escape).
fn raw(out: &str, pattern: &str) -> bool {
    out.match_indices(pattern).any(|(at, _)| !out[..at].ends_with('\\'))
}

fn render_all(project: &factcheck::Project) -> Vec<(Format, String)> {
    let checks = check::check_project(project, None);
    let options = Options { style: Style::default(), ..Options::default() };
    Format::ALL.iter().map(|f| (*f, report::render(&checks, &project.reference, *f, &options))).collect()
}

#[test]
fn no_format_lets_markup_or_script_links_through() {
    let project = hostile();
    for (format, out) in render_all(&project) {
        let name = format.name();
        let lower = out.to_lowercase();
        assert!(!out.contains('\u{1b}'), "{name}: a raw escape sequence");
        if name == "text" {
            // Plain text for a terminal: markup in it is just characters.
            continue;
        }
        assert!(!raw(&lower, "<script"), "{name}: a raw <script> element");
        assert!(!raw(&lower, "<img"), "{name}: a raw <img> element");
        assert!(!raw(&lower, "<marquee"), "{name}: raw markup from a title");
        assert!(!lower.contains("href=\"javascript:"), "{name}: a javascript: link");
        if name == "markdown" {
            assert!(!lower.contains("](javascript:"), "{name}: a javascript: Markdown link");
        }
    }
}

#[test]
fn machine_formats_stay_well_formed() {
    let project = hostile();
    for (format, out) in render_all(&project) {
        match format.name() {
            "json" | "claimreview" => {
                let json: serde_json::Value = serde_json::from_str(&out).unwrap();
                if format.name() == "claimreview" {
                    assert!(!out.contains("javascript:"), "ClaimReview links only http(s): {json}");
                }
            }
            "junit" => {
                // Balanced elements: every text from data is escaped, so only ours remain.
                assert_eq!(out.matches("<testcase").count(), project.articles[0].claims.len());
                assert!(!out.contains("<script"), "{out}");
            }
            "html" => {
                assert!(!out.to_lowercase().contains("<script"), "the page runs no script at all");
                for href in out.split("href=\"").skip(1) {
                    let target = href.split('"').next().unwrap_or_default();
                    assert!(
                        target.starts_with("https://") || target.starts_with("http://") || target.starts_with('#'),
                        "{target}"
                    );
                }
            }
            _ => {}
        }
    }
}
