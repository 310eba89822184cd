//! What `factcheck import` adds, in words: the counts, then the new facts
//! as they are (or would be) written.

use std::fmt::Write;

use crate::error::plural;
use crate::import::Plan;

/// The import's report: counts, then up to `shown` of the new facts as
/// YAML, then how many more. `written` says whether they were written.
pub fn summary(table: &str, plan: &Plan, written: bool, shown: usize) -> String {
    let mut out = format!("import: {} of {table}: ", plural(plan.rows, "row"));
    let mut parts = vec![plural(plan.new.len(), "new fact")];
    if plan.present > 0 {
        parts.push(format!("{} already present", plan.present));
    }
    if plan.skipped > 0 {
        parts.push(format!("{} without a number left out", plural(plan.skipped, "cell")));
    }
    out.push_str(&parts.join(", "));
    out.push('\n');
    if plan.new.is_empty() {
        out.push_str("nothing to add: the reference holds every fact of the table\n");
        return out;
    }
    let files: Vec<String> = plan
        .writes
        .iter()
        .map(|w| {
            let new = if w.creates { ", a new file" } else { "" };
            if plan.writes.len() == 1 && w.creates {
                format!("{} (a new file)", w.path)
            } else if plan.writes.len() == 1 {
                w.path.clone()
            } else {
                format!("{} ({}{new})", w.path, plural(w.facts, "fact"))
            }
        })
        .collect();
    let _ = writeln!(out, "{} {}:", if written { "added to" } else { "would add to" }, files.join(", "));
    for fact in plan.new.iter().take(shown) {
        for (n, line) in fact.lines.iter().enumerate() {
            let _ = writeln!(out, "{}{line}", if n == 0 { "  - " } else { "    " });
        }
    }
    if plan.new.len() > shown {
        let _ = writeln!(out, "  … and {} more", plural(plan.new.len() - shown, "fact"));
    }
    if !written {
        out.push_str("write them with --write\n");
    }
    out
}
