//! A change to a file as a unified diff, for `--dry-run` and for reviewing
//! what a command wrote.

/// The change from `before` to `after` of the file `path`, as a unified
/// diff with three lines of context; empty when nothing changed.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    let old = if before.is_empty() { "/dev/null".to_owned() } else { format!("a/{path}") };
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&old, &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_lines_changed_with_context() {
        let diff = unified("claims/a.yaml", "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(diff, "--- a/claims/a.yaml\n+++ b/claims/a.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assert!(unified("x", "same\n", "same\n").is_empty());
        assert!(unified("new.txt", "", "text\n").starts_with("--- /dev/null\n+++ b/new.txt\n"));
    }
}
