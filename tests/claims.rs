//! One test per claim: `<article-id>::<claim-id>`.
//!
//! Each test checks its claim against the reference data as of the article's
//! publication date and asserts the verdict as an insta snapshot in
//! `snapshots/<article-id>/<claim-id>.snap`. A claim whose verdict differs
//! from its `expect` fails even when the snapshot matches. Data is read at
//! run time, so editing a claim or a fact needs no recompilation.

use std::path::PathBuf;
use std::sync::Arc;

use factcheck::check;
use factcheck::model::Project;
use factcheck::report::{self, Style, snapshot};
use libtest_mimic::{Arguments, Failed, Trial};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn main() {
    let args = Arguments::from_args();
    let trials = match factcheck::load::from_root(&root()) {
        Ok(loaded) => trials(Arc::new(loaded.project)),
        Err(error) => vec![failing("load", render_error(&error))],
    };
    libtest_mimic::run(&args, trials).exit();
}

fn render_error(error: &factcheck::Error) -> String {
    match error {
        factcheck::Error::Load(d) => report::diagnostic::render(d, Style::default(), report::diagnostic::DEFAULT_WIDTH),
        other => other.to_string(),
    }
}

fn failing(name: &str, message: String) -> Trial {
    Trial::test(name, move || Err(Failed::from(message)))
}

fn trials(project: Arc<Project>) -> Vec<Trial> {
    let total: usize = project.articles.iter().map(|a| a.claims.len()).sum();
    if total == 0 {
        return vec![failing("claims", "no claims found: a run that checks nothing proves nothing".to_owned())];
    }
    let mut trials = Vec::with_capacity(total);
    for (article_index, article) in project.articles.iter().enumerate() {
        for claim_index in 0..article.claims.len() {
            let claim = &article.claims[claim_index];
            let name = format!("{}::{}", article.article.id, claim.id);
            let project = Arc::clone(&project);
            trials.push(
                Trial::test(name, move || run_claim(&project, article_index, claim_index))
                    .with_kind(claim.assertion.kind().name()),
            );
        }
    }
    trials
}

/// Checks one claim and asserts its snapshot and its expectation.
fn run_claim(project: &Project, article_index: usize, claim_index: usize) -> Result<(), Failed> {
    let article = &project.articles[article_index];
    let as_of = article.article.default_as_of();
    let indexes = check::Indexes::new(&project.reference);
    let cx = indexes.context(&project.reference, article, as_of);
    let claim = &article.claims[claim_index];
    let verdict = check::check_claim(claim, &cx);
    let article_id = article.article.id.as_str();
    let record = snapshot::record(article_id, claim, &verdict, &project.reference, as_of);

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join(snapshot::dir(article_id)));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_input_file(root().join("claims").join(format!("{article_id}.yaml")));
    settings.set_description(claim.text.as_str());
    settings.set_info(&snapshot::info(article_id, claim));
    settings.bind(|| insta::assert_yaml_snapshot!(claim.id.as_str(), &record));

    if claim.expects(verdict.verdict) {
        return Ok(());
    }
    let expected =
        claim.expect.map_or_else(|| "no contradicted, misleading or conflicting verdict".to_owned(), |e| e.to_string());
    Err(Failed::from(format!(
        "claim `{}` came out {}, but its `expect` says {expected}\n{}",
        claim.id,
        verdict.verdict,
        report::text::headline(&verdict),
    )))
}
