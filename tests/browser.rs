//! The HTML report in a real browser: headless Chromium loads the page,
//! and the test reads back the DOM it built and takes a screenshot.
//!
//! A copy of the page with a small probe script (and a content security
//! policy that lets it run) records, on every claim's span, the background
//! and underline the browser computed and whether the span has a box. The
//! test then asserts that every claim of the seed article, and of a
//! 5,000-word article with 100 overlapping claims, has a highlighted,
//! visible span carrying its verdict, underlined in the legend's colour for
//! that verdict. The page itself, unchanged, is what the screenshot shows:
//! `target/tmp/browser/report.png`, the source of `docs/report.png`.
//!
//! Chromium is found at `FACTCHECK_CHROMIUM` or `/usr/bin/chromium`. When it
//! is missing the tests pass with a note, unless `FACTCHECK_BROWSER=1`
//! (set by `.ci/run`) makes its absence a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use factcheck::check::{self, ArticleCheck};
use factcheck::report;

/// Long enough for a cold start on a loaded machine; a guard against a hung
/// browser, not a measure of speed.
const BROWSER_DEADLINE: Duration = Duration::from_secs(120);

const PROBE: &str = r#"<script>
for (const key of document.querySelectorAll('.legend .key')) {
  key.setAttribute('data-probe-color', getComputedStyle(key.querySelector('.swatch')).borderBottomColor);
}
for (const span of document.querySelectorAll('span.claim')) {
  const style = getComputedStyle(span);
  const box = span.getBoundingClientRect();
  span.setAttribute('data-probe-background', style.backgroundColor);
  span.setAttribute('data-probe-underline', style.borderBottomColor);
  span.setAttribute('data-probe-visible', String(box.width > 0 && box.height > 0));
}
document.body.setAttribute('data-probe', 'done');
</script>
"#;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("FACTCHECK_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("FACTCHECK_BROWSER").as_deref() != Ok("1"),
        "FACTCHECK_BROWSER=1 but there is no Chromium at {} (apt-get install chromium)",
        path.display()
    );
    eprintln!("note: no Chromium at {}: skipping the browser test (apt-get install chromium)", path.display());
    None
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium on `page` with `args`, returning what it printed.
fn run_chromium(chromium: &Path, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > BROWSER_DEADLINE {
            let _ = child.kill();
            panic!("Chromium did not finish within {BROWSER_DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "Chromium failed: {status}");
    reader.join().unwrap()
}

/// The DOM Chromium builds from `html` with the probe added.
fn probed_dom(chromium: &Path, html: &str, name: &str) -> String {
    let csp = r#"content="default-src 'none'; style-src 'unsafe-inline'""#;
    assert!(html.contains(csp), "the page's content security policy changed");
    let probed = html
        .replace(csp, r#"content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'""#)
        .replace("</body>", &format!("{PROBE}</body>"));
    let page = out_dir().join(format!("{name}-probe.html"));
    std::fs::write(&page, probed).unwrap();
    let dom = run_chromium(chromium, &page, &["--dump-dom"]);
    assert!(dom.contains(r#"data-probe="done""#), "the probe did not run:\n{dom}");
    dom
}

/// Every claim of `check` has a visible span in `dom` with its verdict,
/// a background and the legend's underline colour for that verdict.
fn assert_every_claim_highlighted(dom: &str, check: &ArticleCheck<'_>) {
    let legend: std::collections::BTreeMap<String, String> = common::spans(dom, "key")
        .into_iter()
        .map(|key| {
            let verdict = key["class"].split(' ').find_map(|c| c.strip_prefix("v-")).unwrap().to_owned();
            (verdict, key["data-probe-color"].clone())
        })
        .collect();
    assert_eq!(legend.len(), factcheck::VerdictKind::ALL.len(), "{legend:?}");
    let spans = common::claim_spans(dom);
    for (claim, verdict) in check.pairs() {
        let name = verdict.verdict.name();
        let highlighted = spans.iter().any(|span| {
            span.get("data-claim").map(String::as_str) == Some(claim.id.as_str())
                && span.get("data-verdict").map(String::as_str) == Some(name)
                && span.get("data-probe-visible").map(String::as_str) == Some("true")
                && span.get("data-probe-background").is_some_and(|bg| bg != "rgba(0, 0, 0, 0)")
                && span.get("data-probe-underline") == legend.get(name)
        });
        assert!(highlighted, "claim `{}` ({name}) has no highlighted span in the browser", claim.id);
    }
}

/// The width and height of a PNG, read from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn every_claim_of_the_seed_article_is_highlighted_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let project = common::seed_project();
    let checks = check::check_project(&project, None);
    let html = report::html::render(&checks, &project.reference);
    let dom = probed_dom(&chromium, &html, "seed");
    assert_every_claim_highlighted(&dom, &checks[0]);

    let page = out_dir().join("report.html");
    std::fs::write(&page, &html).unwrap();
    let screenshot = out_dir().join("report.png");
    let _ = std::fs::remove_file(&screenshot);
    run_chromium(&chromium, &page, &[&format!("--screenshot={}", screenshot.display()), "--window-size=1400,2000"]);
    assert_eq!(png_size(&std::fs::read(&screenshot).unwrap()), (1400, 2000));
}

#[test]
fn every_claim_of_a_long_article_is_highlighted_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let (article, verdicts) = common::large_article();
    let check = ArticleCheck::all(&article, article.article.default_as_of(), verdicts);
    let html = report::html::render(std::slice::from_ref(&check), &Default::default());
    let dom = probed_dom(&chromium, &html, "long");
    assert_every_claim_highlighted(&dom, &check);
}
