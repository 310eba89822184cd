//! "Did you mean …?": the closest known name to a mistyped one, by
//! [`strsim::osa_distance`] (insertions, deletions, substitutions, and swaps
//! of two neighbours, the typos people make: `unti` → `unit` is one edit).

/// The candidate closest to `name`, if it is near enough to be a typo: at
/// most two edits, and at most one edit per three characters of the name
/// (but always one). Ties go to the alphabetically first candidate, so hints
/// are stable.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let allowed = (name.chars().count() / 3).clamp(1, 2);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (strsim::osa_distance(name, c), c))
        .filter(|(d, _)| *d <= allowed)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_edits_in_characters_with_swaps() {
        assert_eq!(strsim::osa_distance("kitten", "sitting"), 3);
        assert_eq!(strsim::osa_distance("Iraq’s", "Iraq's"), 1);
        assert_eq!(strsim::osa_distance("unti", "unit"), 1);
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
