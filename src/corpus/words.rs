//! The generated vocabulary: pseudo-words that are distinct by construction
//! (place names, family names, outlets), and the names composed from them.
//!
//! A word is two or more syllables, onset + vowel + optional coda, chosen so
//! that a word splits into syllables in one way only; the `n`th word of a
//! namespace is the syllables of an affine permutation of `n`, so no two
//! (namespace, `n`) pairs give the same word and no set of used words has to
//! be kept. The syllable table and the permutation depend on the seed.

use super::rng::Rng;

/// Consonants that start a syllable; the two-letter ones cannot be split
/// into a coda and an onset, as no coda is `b`, `d`, `g`, `k` or `t`.
const ONSETS: [&str; 20] =
    ["b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "r", "s", "t", "tr", "v", "z"];
/// Vowels; none starts with a consonant, so a syllable ends where the next onset begins.
const VOWELS: [&str; 8] = ["a", "e", "i", "o", "u", "ai", "ei", "ou"];
/// Consonants that may end a syllable.
const CODAS: [&str; 5] = ["", "n", "r", "l", "s"];
const SYLLABLES: u128 = (ONSETS.len() * VOWELS.len() * CODAS.len()) as u128;

/// Which kind of thing a word names; words of different namespaces never coincide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Namespace {
    /// The place a claim is about (one per claim).
    Locality = 0,
    /// The subject of background facts.
    Background = 1,
    /// Family names of people.
    Family = 2,
    /// Regions that articles and outlets are named after.
    Region = 3,
}

const NAMESPACES: u128 = 4;

/// An affine permutation of `0..modulus`.
#[derive(Clone, Copy, Debug)]
struct Permutation {
    modulus: u128,
    factor: u128,
    offset: u128,
}

impl Permutation {
    /// A permutation of `0..SYLLABLES^syllables`; the factor is odd and not
    /// a multiple of 5, the only primes dividing the modulus, so it is a bijection.
    fn new(rng: &mut Rng, syllables: u32) -> Permutation {
        let modulus = SYLLABLES.pow(syllables);
        let mut factor = (u128::from(rng.next_u64()) % modulus) | 1;
        if factor.is_multiple_of(5) {
            factor = (factor + 2) % modulus;
        }
        Permutation { modulus, factor, offset: u128::from(rng.next_u64()) % modulus }
    }

    fn apply(self, x: u128) -> u128 {
        (self.factor * x + self.offset) % self.modulus
    }
}

/// The seed's syllables and permutations.
#[derive(Clone, Debug)]
pub struct Lexicon {
    syllables: Vec<String>,
    permutations: [Permutation; 3],
}

impl Lexicon {
    /// The lexicon of `seed`.
    pub fn new(seed: u64) -> Lexicon {
        let mut rng = Rng::stream(seed, super::LEXICON, 0);
        let mut syllables: Vec<String> = ONSETS
            .iter()
            .flat_map(|o| VOWELS.iter().flat_map(move |v| CODAS.iter().map(move |c| format!("{o}{v}{c}"))))
            .collect();
        rng.shuffle(&mut syllables);
        let permutations = [2, 3, 4].map(|n| Permutation::new(&mut rng, n));
        Lexicon { syllables, permutations }
    }

    /// The `n`th word of `namespace`, in lowercase letters: two syllables
    /// while they last, then three, then four.
    pub fn word(&self, namespace: Namespace, n: u64) -> String {
        let mut x = u128::from(n) * NAMESPACES + namespace as u128;
        let mut word = String::new();
        for (count, permutation) in (2u32..).zip(self.permutations) {
            if x < permutation.modulus || count == 4 {
                let mut code = permutation.apply(x % permutation.modulus);
                for _ in 0..count {
                    word.push_str(&self.syllables[(code % SYLLABLES) as usize]);
                    code /= SYLLABLES;
                }
                break;
            }
            x -= permutation.modulus;
        }
        word
    }

    /// The `n`th word of `namespace`, capitalised, as a name.
    pub fn name(&self, namespace: Namespace, n: u64) -> String {
        capitalise(&self.word(namespace, n))
    }
}

/// `word` with its first letter in upper case.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Given names, mixed from many languages; family names are generated.
pub const GIVEN_NAMES: [&str; 60] = [
    "Mira", "Jonas", "Ana", "Tomas", "Leila", "Omar", "Ines", "Pavel", "Sara", "Nikos", "Elif", "Dario", "Hana",
    "Karim", "Lucia", "Marek", "Noor", "Oskar", "Rosa", "Samir", "Teodor", "Vera", "Yusuf", "Zofia", "Adel", "Bianca",
    "Celia", "Dmitri", "Emre", "Farah", "Goran", "Helena", "Ivo", "Jana", "Kofi", "Lena", "Milan", "Nadia", "Olga",
    "Petra", "Rami", "Sofia", "Tarik", "Una", "Viktor", "Wanda", "Yara", "Zoran", "Amira", "Boris", "Clara", "Davor",
    "Esra", "Filip", "Greta", "Hugo", "Irina", "Josef", "Katya", "Luka",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn words_are_distinct_across_namespaces() {
        let lexicon = Lexicon::new(1);
        let mut seen = BTreeSet::new();
        for n in 0..50_000 {
            for namespace in [Namespace::Locality, Namespace::Background, Namespace::Family, Namespace::Region] {
                let word = lexicon.word(namespace, n);
                assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "{word}");
                assert!(seen.insert(word.clone()), "{word} twice");
            }
        }
        // Past the two-syllable words, into the three-syllable ones.
        assert!(lexicon.word(Namespace::Locality, 200_000).len() > lexicon.word(Namespace::Locality, 0).len() / 2);
    }

    #[test]
    fn syllables_split_one_way_only() {
        // Every onset cluster of two letters would need a coda its first letter is not.
        for onset in ONSETS.iter().filter(|o| o.len() == 2) {
            assert!(!CODAS.contains(&&onset[..1]), "{onset}");
        }
        assert!(VOWELS.iter().all(|v| !ONSETS.iter().any(|o| v.starts_with(o))));
    }

    #[test]
    fn seeds_give_other_words() {
        assert_ne!(Lexicon::new(1).word(Namespace::Region, 0), Lexicon::new(2).word(Namespace::Region, 0));
        assert_eq!(capitalise("tavrin"), "Tavrin");
    }
}
