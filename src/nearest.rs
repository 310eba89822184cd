//! "Did you mean …?": the closest known name to a mistyped one.

/// Edit distance between two strings, counted in characters: insertions,
/// deletions, substitutions, and swaps of two neighbours (`unti` → `unit`
/// is one edit), the typos people make.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the optimal-string-alignment table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
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
        assert_eq!(distance("unti", "unit"), 1);
        assert_eq!(distance("ab", "ba"), 1);
    }

    #[test]
    fn suggests_only_near_misses() {
        let known = ["bls-2024", "reuters-2024", "ap-2023"];
        assert_eq!(closest("bls-2023", known), Some("bls-2024"));
        assert_eq!(closest("quantty", ["quantity", "quote"]), Some("quantity"));
        assert_eq!(closest("unti", ["unit", "id"]), Some("unit"));
        assert_eq!(closest("completely-different", known), None);
        assert_eq!(closest("ab", ["xy"]), None);
    }
}
