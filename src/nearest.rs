//! "Did you mean …?": the closest known name to a mistyped one.

/// Edit distance (insertions, deletions, substitutions) between two strings,
/// counted in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// The candidate closest to `name`, if it is near enough to be a typo: at
/// most two edits, and at most one edit per three characters of the name
/// (but always one). Ties go to the alphabetically first candidate, so hints
/// are stable.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let allowed = (name.chars().count() / 3).clamp(1, 2);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (distance(name, c), c))
        .filter(|(d, _)| *d <= allowed)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
        assert_eq!(distance("Iraq’s", "Iraq's"), 1);
    }

    #[test]
    fn suggests_only_near_misses() {
        let known = ["bls-2024", "reuters-2024", "ap-2023"];
        assert_eq!(closest("bls-2023", known), Some("bls-2024"));
        assert_eq!(closest("quantty", ["quantity", "quote"]), Some("quantity"));
        assert_eq!(closest("completely-different", known), None);
        assert_eq!(closest("ab", ["xy"]), None);
    }
}
