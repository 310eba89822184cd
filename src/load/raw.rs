//! The files' shapes exactly as written, every value with its span.
//!
//! serde checks structure here (unknown and duplicate fields, wrong types);
//! everything with a rule beyond its type (dates, ids, which fields a kind
//! takes) stays text and is checked in [`super::convert`], where a failure
//! can point at the value and offer a hint.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::yaml::Spanned;

/// Text with its span.
pub type Text = Spanned<String>;

/// A list of texts with the span of the list.
pub type TextList = Spanned<Vec<Text>>;

/// `claims/<article-id>.yaml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    pub article: Spanned<Article>,
    pub claims: Spanned<Vec<Spanned<Claim>>>,
}

/// The `article:` block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: Text,
    pub title: Option<Text>,
    pub publisher: Text,
    pub url: Text,
    pub published: Text,
    pub note: Option<Text>,
}

/// One claim; the fields a kind takes are checked after parsing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: Text,
    pub text: Text,
    pub kind: Text,
    pub sources: Option<TextList>,
    pub expect: Option<Text>,
    pub severity: Option<Text>,
    pub note: Option<Text>,
    pub subject: Option<Text>,
    pub measure: Option<Text>,
    pub value: Option<Spanned<f64>>,
    pub unit: Option<Text>,
    pub qualifier: Option<Text>,
    pub tolerance: Option<Spanned<Tolerance>>,
    pub event: Option<Text>,
    pub date: Option<Text>,
    pub relative_to: Option<Text>,
    pub speaker: Option<Text>,
    pub words: Option<Text>,
    pub predicate: Option<Text>,
    pub object: Option<Text>,
    pub period: Option<Text>,
    pub scale: Option<Text>,
    pub signed: Option<Spanned<bool>>,
    pub parts: Option<TextList>,
    pub aggregate: Option<Text>,
    pub base_subject: Option<Text>,
    pub base_measure: Option<Text>,
    pub base_period: Option<Text>,
    pub direction: Option<Text>,
    pub among: Option<TextList>,
    pub rank: Option<Spanned<u32>>,
    pub order: Option<Text>,
    pub record: Option<Text>,
    pub since: Option<Text>,
    pub figure: Option<Text>,
    pub relation: Option<Text>,
    pub organisation: Option<Text>,
    /// `draft: true`: drafted from the text, not reviewed, not checked.
    pub draft: Option<Spanned<bool>>,
}

/// `tolerance: {absolute: 50}` or `tolerance: {relative: 0.05}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    pub absolute: Option<Spanned<f64>>,
    pub relative: Option<Spanned<f64>>,
}

/// `reference/sources.yaml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    pub sources: Vec<Spanned<Source>>,
}

/// One source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub publisher: Text,
    pub original_publisher: Option<Text>,
    pub title: Text,
    pub url: Text,
    #[serde(default)]
    pub also_at: Vec<Text>,
    pub published: Text,
    #[serde(default)]
    pub date_inferred: bool,
    pub kind: Text,
    pub note: Option<Text>,
    #[serde(default)]
    pub excerpts: Vec<Spanned<Excerpt>>,
    pub speaker: Option<Text>,
    #[serde(default)]
    pub cut_short: bool,
    #[serde(default)]
    pub translation: bool,
    pub not_independent_of: Option<TextList>,
}

/// One verbatim passage of a source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    pub text: Text,
    pub speaker: Text,
    pub quoting: Option<Text>,
    #[serde(default)]
    pub cut_short: bool,
}

/// `reference/facts/*.yaml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    pub facts: Vec<Spanned<Fact>>,
}

/// `reference/facts/*.yaml` read one fact at a time: each fact is handed
/// to the function as soon as it is parsed, so that a file's facts are
/// never all held at once in this spanned form, which takes several times
/// the room of the model's. It reads what [`FactsFile`] reads and refuses
/// what it refuses, with the same messages: the same struct and field
/// names, the same sequence visitor.
pub struct FactsStream<F>(pub F);

impl<'de, F: FnMut(Spanned<Fact>)> DeserializeSeed<'de> for FactsStream<F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("FactsFile", &["facts"], FactsFileVisitor(self.0))
    }
}

/// The one field of a facts file, as `#[derive(Deserialize)]` names it.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum FactsField {
    Facts,
}

struct FactsFileVisitor<F>(F);

impl<'de, F: FnMut(Spanned<Fact>)> Visitor<'de> for FactsFileVisitor<F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct FactsFile")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen = false;
        while let Some(FactsField::Facts) = map.next_key()? {
            if seen {
                return Err(de::Error::duplicate_field("facts"));
            }
            map.next_value_seed(EachFact(&mut self.0))?;
            seen = true;
        }
        if seen { Ok(()) } else { Err(de::Error::missing_field("facts")) }
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        match seq.next_element_seed(EachFact(&mut self.0))? {
            Some(()) => Ok(()),
            None => Err(de::Error::invalid_length(0, &"struct FactsFile with 1 element")),
        }
    }
}

/// The `facts:` list, each fact handed on as it is read.
struct EachFact<'f, F>(&'f mut F);

impl<'de, F: FnMut(Spanned<Fact>)> DeserializeSeed<'de> for EachFact<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(Spanned<Fact>)> Visitor<'de> for EachFact<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(fact) = seq.next_element::<Spanned<Fact>>()? {
            (self.0)(fact);
        }
        Ok(())
    }
}

/// One fact; which value fields go together is checked after parsing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: Text,
    pub subject: Text,
    pub measure: Option<Text>,
    pub predicate: Option<Text>,
    pub value: Option<Spanned<f64>>,
    pub unit: Option<Text>,
    pub qualifier: Option<Text>,
    pub date: Option<Text>,
    pub object: Option<Text>,
    pub organisation: Option<Text>,
    pub unsettled: Option<Spanned<bool>>,
    pub valid_from: Option<Text>,
    pub valid_to: Option<Text>,
    pub as_of: Option<Text>,
    #[serde(default)]
    pub forecast: bool,
    pub sources: TextList,
    pub note: Option<Text>,
    pub period: Option<Text>,
    pub published: Option<Text>,
    pub scale: Option<Text>,
    #[serde(default)]
    pub signed: bool,
    pub record: Option<Text>,
    pub since: Option<Text>,
}

/// `reference/terms.yaml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsFile {
    pub terms: Vec<Spanned<Term>>,
}

/// One vocabulary entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: Text,
    pub label: Option<Text>,
    #[serde(default)]
    pub broader: Vec<Text>,
    #[serde(default)]
    pub part_of: Vec<Text>,
}
