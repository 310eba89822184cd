//! Rendering diagnostics the way compilers do: the message, `--> file:line:col`,
//! the offending line with its span underlined, and one hint.
//!
//! Only the lines around a span are handed to the renderer, so a diagnostic
//! in a huge file costs no more than one in a small file.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::error::{Diagnostic, Diagnostics, Level as DiagnosticLevel, plural};

use super::Style;

/// The width diagnostics are laid out for when not on a terminal.
pub const DEFAULT_WIDTH: usize = 100;

/// The lines holding `start..end`, as (text, first line number, span within).
fn excerpt(text: &str, start: usize, end: usize) -> (&str, usize, std::ops::Range<usize>) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    // Show at most three lines of a long span.
    let mut line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    if text[line_start..line_end].matches('\n').count() > 2 {
        let mut ends = text[line_start..].match_indices('\n').map(|(i, _)| line_start + i);
        line_end = ends.nth(2).unwrap_or(line_end);
    }
    let line_number = text[..line_start].matches('\n').count() + 1;
    let span = (start - line_start)..(end.min(line_end) - line_start);
    (&text[line_start..line_end], line_number, span)
}

fn render_one(d: &Diagnostic, renderer: &Renderer) -> String {
    let level = match d.level {
        DiagnosticLevel::Error => Level::ERROR,
        DiagnosticLevel::Warning => Level::WARNING,
    };
    let message = super::printable(&d.message);
    let mut group = Group::with_title(level.primary_title(message.as_ref()));
    if d.text.is_empty() || d.span.line == 0 {
        // A problem with a whole file (or folder) has no line to show.
        if d.path != "." {
            group = group.element(Origin::path(d.path.as_str()));
        }
    } else {
        let (source, line, span) = excerpt(&d.text, d.span.start, d.span.end);
        let mut annotation = AnnotationKind::Primary.span(span);
        if let Some(label) = &d.label {
            annotation = annotation.label(super::printable(label));
        }
        group = group.element(Snippet::source(source).line_start(line).path(d.path.as_str()).annotation(annotation));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(super::printable(help)));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}

/// Renders every diagnostic, then a count ("2 errors in 1 file").
pub fn render(diagnostics: &Diagnostics, style: Style, width: usize) -> String {
    let renderer = if style.color { Renderer::styled() } else { Renderer::plain() }.term_width(width);
    let mut out = String::new();
    for d in &diagnostics.0 {
        out.push_str(&render_one(d, &renderer));
        out.push_str("\n\n");
    }
    let warnings = diagnostics.0.len() - diagnostics.error_count();
    let mut counts = Vec::new();
    if diagnostics.error_count() > 0 {
        counts.push(diagnostics.error_summary());
    }
    if warnings > 0 {
        counts.push(plural(warnings, "warning"));
    }
    if !counts.is_empty() {
        out.push_str(&counts.join(", "));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_from_data_are_shown_not_obeyed() {
        let text: Arc<str> = Arc::from("claims:\n  - id: \"\u{1b}[2Jx\"\n");
        let span = Span::at(&text, 16).with_len(&text, 7);
        let d = Diagnostic::error("claims/a.yaml", &text, span, "claim id `\u{1b}[2Jx` is bad")
            .with_help("not \u{1b}[31mred");
        let out = render(&Diagnostics(vec![d]), Style::default(), DEFAULT_WIDTH);
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(out.contains("claim id `\\u{1b}[2Jx` is bad"), "{out}");
    }
    use crate::yaml::Span;
    use std::sync::Arc;

    #[test]
    fn renders_file_line_column_span_and_hint() {
        let text: Arc<str> = Arc::from("claims:\n  - id: c07\n    sources: [bls-2023]\n");
        let start = text.find("bls-2023").unwrap();
        let span = Span::at(&text, start).with_len(&text, "bls-2023".len());
        let d = Diagnostic::error("claims/jobs.yaml", &text, span, "claim `c07` cites unknown source `bls-2023`")
            .with_label("not in reference/sources.yaml")
            .with_help("did you mean `bls-2024`?");
        let out = render(&Diagnostics(vec![d]), Style::default(), DEFAULT_WIDTH);
        assert_eq!(
            out,
            "error: claim `c07` cites unknown source `bls-2023`
 --> claims/jobs.yaml:3:15
  |
3 |     sources: [bls-2023]
  |               ^^^^^^^^ not in reference/sources.yaml
  |
  = help: did you mean `bls-2024`?

1 error in 1 file
"
        );
    }
}
