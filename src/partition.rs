//! Shares of a test run: which of N processes runs which claim, so that a
//! CI matrix splits the per-claim tests into N processes rather than one
//! per claim, as nextest does.
//!
//! `hash:K/N` puts each test in the share its name's digest gives, so a
//! claim stays in its share however others are added or removed;
//! `count:K/N` deals the tests out in listing order, so the shares differ
//! in size by one at most. K counts from 1, as nextest's `--partition`
//! does.

use std::fmt;
use std::str::FromStr;

/// The environment variable that gives a partition when the command line
/// does not.
pub const ENV: &str = "FACTCHECK_PARTITION";

/// One share of N.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    /// How tests are assigned to shares.
    pub by: By,
    /// The share, from 1.
    pub share: u64,
    /// How many shares.
    pub of: u64,
}

/// How tests are assigned to shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// By the digest of the test's name.
    Hash,
    /// By the test's place in the listing.
    Count,
}

impl FromStr for Partition {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let hint = || format!("`{text}` is not a partition: write `hash:K/N` or `count:K/N`, K from 1 to N");
        let (by, shares) = text.split_once(':').ok_or_else(hint)?;
        let by = match by {
            "hash" => By::Hash,
            "count" => By::Count,
            _ => return Err(hint()),
        };
        let (share, of) = shares.split_once('/').ok_or_else(hint)?;
        let (share, of): (u64, u64) = (share.parse().map_err(|_| hint())?, of.parse().map_err(|_| hint())?);
        if share == 0 || share > of {
            return Err(hint());
        }
        Ok(Partition { by, share, of })
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let by = match self.by {
            By::Hash => "hash",
            By::Count => "count",
        };
        write!(f, "{by}:{}/{}", self.share, self.of)
    }
}

impl Partition {
    /// The partition `args` give (`--partition X` or `--partition=X`, the
    /// first argument being the program), else the one [`ENV`] gives, and
    /// the other arguments.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<(Option<Partition>, Vec<String>), String> {
        let mut rest = Vec::new();
        let mut found = None;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let value = match arg.strip_prefix("--partition") {
                Some("") => args.next().ok_or("`--partition` needs a value: `hash:K/N` or `count:K/N`")?,
                Some(value) if value.starts_with('=') => value[1..].to_owned(),
                _ => {
                    rest.push(arg);
                    continue;
                }
            };
            found = Some(value.parse()?);
        }
        if let (None, Ok(value)) = (found, std::env::var(ENV)) {
            found = Some(value.parse().map_err(|e| format!("{ENV}: {e}"))?);
        }
        Ok((found, rest))
    }

    /// Whether the test `name`, at `place` in the listing, is in this share.
    pub fn admits(&self, name: &str, place: usize) -> bool {
        let at = match self.by {
            By::Hash => {
                let digest = blake3::hash(name.as_bytes());
                u64::from_le_bytes(digest.as_bytes()[..8].try_into().unwrap_or_default()) % self.of
            }
            By::Count => place as u64 % self.of,
        };
        at + 1 == self.share
    }

    /// The tests of `tests` in this share, each named by `name`; a test
    /// without `::` in its name (the harness's own, such as `load`) is in
    /// every share.
    pub fn select<T>(&self, tests: Vec<T>, name: impl Fn(&T) -> &str) -> Vec<T> {
        let mut place = 0;
        tests
            .into_iter()
            .filter(|test| {
                let name = name(test);
                if !name.contains("::") {
                    return true;
                }
                place += 1;
                self.admits(name, place - 1)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_are_read_and_refused_with_a_hint() {
        assert_eq!("hash:2/3".parse(), Ok(Partition { by: By::Hash, share: 2, of: 3 }));
        assert_eq!("count:1/1".parse::<Partition>().unwrap().to_string(), "count:1/1");
        for bad in ["hash:0/3", "hash:4/3", "hash:1", "random:1/2", "hash:a/2", ""] {
            let error = bad.parse::<Partition>().unwrap_err();
            assert!(error.contains("hash:K/N"), "{bad}: {error}");
        }
        let args = ["claims", "--partition", "count:2/2", "--nocapture"].map(String::from);
        let (found, rest) = Partition::from_args(args).unwrap();
        assert_eq!(found, Some(Partition { by: By::Count, share: 2, of: 2 }));
        assert_eq!(rest, ["claims", "--nocapture"]);
        let (found, _) = Partition::from_args(["claims", "--partition=hash:1/4"].map(String::from)).unwrap();
        assert_eq!(found.unwrap().of, 4);
        assert!(Partition::from_args(["claims", "--partition"].map(String::from)).is_err());
    }

    #[test]
    fn every_test_is_in_exactly_one_share() {
        let names: Vec<String> = (0..500).map(|i| format!("article-{}::claim-{i}", i % 7)).collect();
        for by in [By::Hash, By::Count] {
            let mut sizes = Vec::new();
            for (place, name) in names.iter().enumerate() {
                let shares: Vec<u64> =
                    (1..=4).filter(|&share| Partition { by, share, of: 4 }.admits(name, place)).collect();
                assert_eq!(shares.len(), 1, "{name}");
                sizes.push(shares[0]);
            }
            for share in 1..=4 {
                let size = sizes.iter().filter(|&&s| s == share).count();
                assert!((100..=150).contains(&size), "{by:?} share {share} has {size} of 500");
            }
        }
    }

    #[test]
    fn the_harness_tests_are_in_every_share() {
        let first = Partition { by: By::Count, share: 1, of: 2 }.select(vec!["load", "a::b", "a::c"], |n| n);
        assert_eq!(first, ["load", "a::b"]);
    }
}
