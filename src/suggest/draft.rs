//! Draft claims read from an article's sentences: for each thing a
//! sentence states that a claim could check, the kind of claim and the
//! fields its words give (a figure's value, unit, scale and hedge; the
//! period and the period compared with; a direction; a record, a rank, a
//! share, a ratio, a comparison; quoted words and their speaker; a role; a
//! date; an attribution verb). What no word gives (the subject and measure
//! as the reference names them, the sources, `expect`) is left to the
//! author. The rules are in `docs/writing-claims.md` and the README; each
//! is tested on sentences from several fields below.
//!
//! A sentence is cut into clauses at commas, semicolons, colons, dashes,
//! brackets, quotations and the words `while`, `but`, `whereas` and
//! `although`. Each clause gives a draft per figure and per phrase it
//! holds, so one sentence may give several drafts, as one sentence may hold
//! several claims; each draft's `text` is its clause.

use std::ops::Range;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::ClaimKind;
use crate::text::quotation::Quotation;
use crate::yaml::scalar;

use super::read::{
    ATTRIBUTION_VERBS, Anchor, DirectionWord, FUTURE, Figure, Token, VERB_PARTICLES, WEEKDAYS, When, directions,
    figures, fraction_word, hedge_before, mark_compared, month_of, number_word, tokens, whens,
};

/// A field's value in a draft, as it is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Field {
    /// Text, written as a YAML scalar.
    Text(String),
    /// A number as printed (`4.70`, `-7.7`, `48310`), written as is.
    Number(String),
}

impl Field {
    /// The value as it reads in YAML.
    pub fn yaml(&self) -> String {
        match self {
            Field::Text(t) => scalar(t),
            Field::Number(n) => n.clone(),
        }
    }

    /// The value as plain text (a number as printed).
    pub fn as_str(&self) -> &str {
        match self {
            Field::Text(t) | Field::Number(t) => t,
        }
    }
}

/// A claim drafted from the text.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimDraft {
    /// Its words: the clause (or sentence) it was read from, verbatim.
    pub text: String,
    /// Where `text` stands in the article, in bytes.
    pub span: Range<usize>,
    /// Where the words it was read from stand (a figure, a quotation, a
    /// phrase), in bytes: what tells two drafts of one clause apart.
    pub anchor: usize,
    /// The kind the rules give it.
    pub kind: ClaimKind,
    /// The fields read from the words, in the order a claim writes them.
    pub fields: Vec<(&'static str, Field)>,
}

/// As JSON: `{text, kind, fields: {key: value}, missing: [field]}`.
impl Serialize for ClaimDraft {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};
        struct Fields<'a>(&'a [(&'static str, Field)]);
        impl Serialize for Fields<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (key, value) in self.0 {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
        let mut out = serializer.serialize_struct("ClaimDraft", 4)?;
        out.serialize_field("text", &self.text)?;
        out.serialize_field("kind", &self.kind)?;
        out.serialize_field("fields", &Fields(&self.fields))?;
        out.serialize_field("missing", &self.missing())?;
        out.end()
    }
}

impl ClaimDraft {
    fn new(text: &str, span: Range<usize>, anchor: usize, kind: ClaimKind) -> ClaimDraft {
        let span = trim_span(text, span);
        ClaimDraft { text: text[span.clone()].to_owned(), span, anchor, kind, fields: Vec::new() }
    }

    fn set(&mut self, key: &'static str, value: Field) -> &mut Self {
        self.fields.retain(|(k, _)| *k != key);
        self.fields.push((key, value));
        let order = crate::entry::field_order(crate::add::DataFile::Claims);
        let rank = |k: &str| order.iter().position(|f| *f == k).unwrap_or(order.len());
        self.fields.sort_by_key(|(k, _)| rank(k));
        self
    }

    fn text(&mut self, key: &'static str, value: impl Into<String>) -> &mut Self {
        self.set(key, Field::Text(value.into()))
    }

    fn number(&mut self, key: &'static str, value: impl Into<String>) -> &mut Self {
        self.set(key, Field::Number(value.into()))
    }

    /// The value of one field, if the words gave it.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The words from where it was read to the end of its text, when they
    /// are two or more (`40 advisers left the base`), else its text: what
    /// names it apart from another draft of the same words.
    pub fn id_words(&self, article: &str) -> String {
        let from = self.anchor.clamp(self.span.start, self.span.end);
        let tail = article.get(from..self.span.end).unwrap_or_default();
        let words = tail.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        if words >= 2 { tail.to_owned() } else { self.text.clone() }
    }

    /// What it needs before it can be checked: the fields its kind
    /// requires that the words did not give, then `expect`.
    pub fn missing(&self) -> Vec<&'static str> {
        let present: Vec<&str> = self.fields.iter().map(|(k, _)| *k).collect();
        crate::load::missing_of(self.kind, &present)
    }

    /// The draft as the lines of a YAML block mapping (not indented):
    /// `id`, `text`, `kind`, `draft: true`, then its fields.
    pub fn lines(&self, id: &str) -> Vec<String> {
        let mut lines = vec![
            format!("id: {id}"),
            format!("text: {}", scalar(&self.text)),
            format!("kind: {}", self.kind.name()),
            "draft: true".to_owned(),
        ];
        lines.extend(self.fields.iter().map(|(k, v)| format!("{k}: {}", v.yaml())));
        lines
    }
}

/// `range` of `text` without the spaces, the closing punctuation of a
/// clause and a leading conjunction around it.
fn trim_span(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start;
    let mut end = range.end;
    loop {
        let slice = &text[start..end];
        let trimmed = slice.trim_start_matches(|c: char| c.is_whitespace() || ",;:–—(".contains(c));
        let mut next = start + (slice.len() - trimmed.len());
        for word in ["and ", "but ", "while ", "whereas ", "although "] {
            if trimmed.len() > word.len() && trimmed.get(..word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word)) {
                next += word.len();
            }
        }
        let slice = &text[next..end];
        let trimmed = slice.trim_end_matches(|c: char| c.is_whitespace() || ",;:–—(".contains(c));
        let new_end = next + trimmed.len();
        if next == start && new_end == end {
            return start..end;
        }
        start = next;
        end = new_end.max(start);
    }
}

/// What is known while reading an article from its start.
struct Reader<'a> {
    text: &'a str,
    anchor: Anchor,
    quotations: Vec<Quotation>,
    /// People named in full so far, so a surname alone (`Tedros`) is them.
    people: Vec<String>,
    /// The last person named, for `he` and `she`.
    last_person: Option<String>,
}

/// Words that make a sentence an opinion.
pub const OPINION: [&str; 9] =
    ["should", "must", "ought", "shameful", "outrageous", "disgrace", "disgraceful", "deserve", "deserves"];

/// Drafts for every sentence of `text` (an article published on
/// `published`), one list per sentence as [`crate::locate::sentences`]
/// cuts them.
pub fn draft_article(text: &str, published: Date) -> Vec<Vec<ClaimDraft>> {
    let mut reader = Reader {
        text,
        anchor: Anchor { published },
        quotations: crate::text::quotation::quotations(text),
        people: Vec::new(),
        last_person: None,
    };
    crate::locate::sentences(text).into_iter().map(|range| reader.sentence(range)).collect()
}

/// Drafts for one sentence on its own, as if it were a whole article
/// published on `published`.
pub fn draft_sentence(sentence: &str, published: Date) -> Vec<ClaimDraft> {
    draft_article(sentence, published).into_iter().flatten().collect()
}

/// The words of a name that are not part of it.
const NOT_NAME: [&str; 12] = ["the", "a", "an", "when", "as", "and", "but", "which", "who", "while", "in", "on"];

/// An id for a name as printed: `the World Health Organization` is
/// `world-health-organization`, `Russia’s` is `russia`.
pub fn name_id(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let start = words.iter().position(|w| !NOT_NAME.contains(&w.to_lowercase().as_str())).unwrap_or(words.len());
    let name = words[start..].join(" ");
    let name = name.trim_end_matches("’s").trim_end_matches("'s");
    crate::load::slug(name)
}

const PRONOUNS: [&str; 4] = ["he", "she", "him", "her"];

/// Titles a role may name, alone or after a modifier (`chief economist`).
const TITLES: [&str; 44] = [
    "director-general",
    "director",
    "president",
    "vice-president",
    "executive",
    "economist",
    "minister",
    "secretary",
    "secretary-general",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "head",
    "governor",
    "mayor",
    "editor",
    "professor",
    "councillor",
    "commissioner",
    "ambassador",
    "leader",
    "manager",
    "founder",
    "ceo",
    "officer",
    "analyst",
    "senator",
    "adviser",
    "advisor",
    "coach",
    "captain",
    "chancellor",
    "dean",
    "principal",
    "superintendent",
    "judge",
    "commander",
    "astronomer",
    "scientist",
    "researcher",
];

/// Words that may stand before a title: `chief`, `deputy`, `prime`, …
const TITLE_MODIFIERS: [&str; 12] = [
    "chief",
    "deputy",
    "senior",
    "acting",
    "executive",
    "vice",
    "associate",
    "assistant",
    "managing",
    "prime",
    "foreign",
    "finance",
];

/// Superlatives that mean the lowest; any other superlative means the highest.
const LOW_SUPERLATIVES: [&str; 13] = [
    "lowest",
    "smallest",
    "fewest",
    "least",
    "weakest",
    "slowest",
    "driest",
    "coldest",
    "coolest",
    "cheapest",
    "shortest",
    "worst",
    "narrowest",
];

/// Nouns of change: after a superlative they make the figure a change.
const CHANGE_NOUNS: [&str; 12] =
    ["rise", "increase", "gain", "jump", "climb", "growth", "fall", "drop", "decline", "decrease", "cut", "loss"];

/// Comparatives that mean less; any other `-er than` means greater.
const LESS: [&str; 14] = [
    "less", "fewer", "lower", "smaller", "slower", "weaker", "cheaper", "shorter", "drier", "colder", "cooler",
    "narrower", "worse", "younger",
];

fn is_superlative(word: &str) -> bool {
    matches!(word, "highest" | "largest" | "biggest" | "greatest" | "most" | "least" | "fewest" | "worst" | "best")
        || LOW_SUPERLATIVES.contains(&word)
        || (word.len() > 5
            && word.ends_with("est")
            && !matches!(
                word,
                "interest"
                    | "protest"
                    | "request"
                    | "suggest"
                    | "honest"
                    | "forest"
                    | "latest"
                    | "harvest"
                    | "arrest"
                    | "contest"
                    | "digest"
                    | "invest"
                    | "modest"
                    | "earnest"
            ))
}

fn is_comparative(word: &str) -> bool {
    matches!(word, "more" | "less" | "fewer" | "better" | "worse")
        || LESS.contains(&word)
        || (word.len() > 4
            && word.ends_with("er")
            && !matches!(
                word,
                "other"
                    | "under"
                    | "over"
                    | "after"
                    | "ever"
                    | "never"
                    | "either"
                    | "neither"
                    | "whether"
                    | "rather"
                    | "number"
                    | "quarter"
                    | "later"
                    | "earlier"
                    | "together"
            ))
}

/// What a sentence's words hold, shared by its clauses.
struct Sentence {
    range: Range<usize>,
    tokens: Vec<Token>,
    /// Which tokens stand inside a quotation.
    quoted: Vec<bool>,
    whens: Vec<When>,
    /// The direction of the last change read, for `or 2.4%`.
    last_direction: Option<&'static str>,
    /// The period of an opening clause that is only a period (`In April,`),
    /// with that clause.
    intro: Option<(String, Range<usize>)>,
}

impl Reader<'_> {
    fn sentence(&mut self, range: Range<usize>) -> Vec<ClaimDraft> {
        let text = self.text;
        let toks = tokens(text, range.clone());
        let quoted_ranges: Vec<Range<usize>> = self
            .quotations
            .iter()
            .map(|q| q.range.clone())
            .filter(|r| r.start < range.end && range.start < r.end)
            .collect();
        let quoted: Vec<bool> = toks
            .iter()
            .map(|t| quoted_ranges.iter().any(|q| q.start <= t.range.start && t.range.end <= q.end))
            .collect();
        let unquoted = |word: &[&str]| toks.iter().zip(&quoted).any(|(t, q)| !q && word.contains(&t.lower.as_str()));
        let future = unquoted(&FUTURE);
        // An opinion is the writer's: `should` after `told Reuters that` is someone else's, attributed.
        let first =
            |words: &[&str]| toks.iter().zip(&quoted).position(|(t, q)| !q && words.contains(&t.lower.as_str()));
        let opinion = match (first(&OPINION), first(&ATTRIBUTION_VERBS)) {
            (Some(judged), Some(said)) => judged < said,
            (Some(_), None) => true,
            (None, _) => false,
        } || text[range.clone()].trim_end().ends_with('!');
        let mut whens: Vec<When> = whens(&toks, self.anchor, future).into_iter().filter(|w| !quoted[w.at]).collect();
        mark_compared(&toks, &mut whens);
        let mut s = Sentence { range: range.clone(), tokens: toks, quoted, whens, last_direction: None, intro: None };
        let mut out = Vec::new();
        let roles = self.roles(&s);
        out.extend(self.quotes(&s, &roles));
        if opinion {
            out.push(ClaimDraft::new(text, range, s.tokens.first().map_or(0, |t| t.range.start), ClaimKind::Opinion));
            return out;
        }
        out.extend(roles);
        let clauses = clauses(&s);
        // A sentence opening with a period alone (`In the third quarter, …`) gives it to the readings after.
        s.intro = clauses.first().filter(|c| c.len() <= 6).and_then(|c| {
            let own: Vec<&When> = s.whens.iter().filter(|w| c.contains(&w.at) && own(w)).collect();
            let covered = own.first().is_some_and(|w| w.end >= c.end && w.at <= c.start + 1);
            (covered && clauses.len() > 1).then(|| (own[0].text.clone(), c.clone()))
        });
        let mut read = Vec::with_capacity(clauses.len());
        for clause in &clauses {
            let drafts = self.clause(&mut s, clause.clone());
            read.push(drafts.iter().any(|d| d.kind != ClaimKind::Date));
            out.extend(drafts);
        }
        if out.iter().all(|d| d.kind != ClaimKind::Quote) {
            let roles: Vec<ClaimDraft> =
                out.iter().filter(|d| d.field("predicate").is_some_and(|p| p.as_str() == "role")).cloned().collect();
            out.extend(self.attributions(&s, &clauses, &read, &roles));
        }
        if out.is_empty() {
            out.extend(self.fallback(&s));
        }
        out.sort_by_key(|d| (d.span.start, d.anchor));
        out
    }

    /// A person's id from a name as printed: a pronoun is the last person
    /// named, a surname alone the person named in full before, a title
    /// before a name (`Local councillor Ben Okafor`) left out, and so are
    /// honorifics (`Dr`, `Professor`).
    fn person(&mut self, name: &str) -> Option<String> {
        let mut words: Vec<&str> =
            name.split_whitespace().filter(|w| !NOT_NAME.contains(&w.to_lowercase().as_str())).collect();
        let first = words.first()?.to_lowercase();
        if PRONOUNS.contains(&first.as_str()) {
            return self.last_person.as_deref().map(name_id);
        }
        if matches!(first.as_str(), "it" | "they" | "we" | "i" | "you") {
            return None;
        }
        // The name after a title: "Local councillor Ben Okafor" is Ben Okafor.
        if let Some(title) = words.iter().rposition(|w| TITLES.contains(&w.to_lowercase().as_str()))
            && title + 1 < words.len()
            && words[title + 1..].iter().all(|w| w.starts_with(char::is_uppercase))
        {
            words.drain(..=title);
        }
        while words.len() > 1 && HONORIFICS.contains(&words[0].trim_end_matches('.')) {
            words.remove(0);
        }
        let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase));
        let full = if words.len() == 1 {
            self.people.iter().rev().find(|p| p.split_whitespace().any(|w| w == words[0])).cloned()
        } else {
            None
        };
        let name = full.unwrap_or_else(|| words.join(" "));
        if capitalised {
            if name.split_whitespace().count() >= 2 && !self.people.contains(&name) {
                self.people.push(name.clone());
            }
            self.last_person = Some(name.clone());
        }
        let id = name_id(&name);
        (!id.is_empty()).then_some(id)
    }

    /// A quote draft per quotation of the sentence that is speech: three
    /// words or more, ending in punctuation (inside or right after its
    /// closing mark) or introduced by a colon, an attribution verb or
    /// `that`; a phrase in quotation marks inside a clause (`an “advise
    /// and assist” capacity`) is not. Its words are those inside the
    /// sentence; its speaker the one named next to it, or the person of a
    /// role named there (`the authority’s chief executive, Lena Ortiz`).
    /// Its text is the quotation with its attribution.
    fn quotes(&mut self, s: &Sentence, roles: &[ClaimDraft]) -> Vec<ClaimDraft> {
        let text = self.text;
        let mut out: Vec<ClaimDraft> = Vec::new();
        // Each drafted quotation of this sentence: its index, its draft's, its words.
        let mut drafted: Vec<(usize, usize, String)> = Vec::new();
        for (index, q) in self.quotations.clone().into_iter().enumerate() {
            let pieces: Vec<Range<usize>> = q
                .pieces
                .iter()
                .map(|p| p.start.max(s.range.start)..p.end.min(s.range.end))
                .filter(|p| p.start < p.end)
                .collect();
            let words: Vec<&str> = pieces.iter().map(|p| text[p.clone()].trim()).filter(|w| !w.is_empty()).collect();
            let words = words.join(" ");
            let quoted = q.range.start.max(s.range.start)..q.range.end.min(s.range.end);
            // `“…,” Tanaka said, “…”`: the words after the attribution go on
            // the statement its comma broke off, as one quote of both pieces.
            let resumed = drafted
                .iter_mut()
                .find(|(i, _, before)| Some(*i) == q.resumes && before.ends_with(',') && !words.is_empty());
            if let Some(&mut (_, at, ref mut before)) = resumed {
                *before = format!("{before} {words}");
                let first = &out[at];
                let mut joined = ClaimDraft::new(text, first.span.start..quoted.end, first.anchor, ClaimKind::Quote);
                joined.fields = first.fields.clone();
                joined.text("words", before.trim_end_matches(',').to_owned());
                out[at] = joined;
                continue;
            }
            if words.split_whitespace().count() < 3 || !is_speech(text, &q, &words) {
                continue;
            }
            let speaker = q.speaker.as_ref().filter(|n| s.range.start <= n.range.start && n.range.end <= s.range.end);
            let span = match speaker {
                Some(n) if n.range.start >= quoted.end => quoted.start..clause_end(text, n.range.end, s.range.end),
                Some(n) => clause_start(text, n.range.start, s.range.start)..quoted.end,
                None => quoted.clone(),
            };
            let mut draft = ClaimDraft::new(text, span, pieces[0].start, ClaimKind::Quote);
            let by_role = speaker.and_then(|n| {
                roles
                    .iter()
                    .find(|r| r.span.start < n.range.end && n.range.start < r.span.end)
                    .and_then(|r| r.field("subject"))
                    .map(|f| f.as_str().to_owned())
            });
            if let Some(speaker) = by_role.or_else(|| q.speaker.as_ref().and_then(|n| self.person(&n.name))) {
                draft.text("speaker", speaker);
            }
            // A comma before the attribution stands for the speaker's full
            // stop (AP style): it is the sentence's, not the speaker's.
            draft.text("words", words.trim_end_matches(',').to_owned());
            drafted.push((index, out.len(), words));
            out.push(draft);
        }
        out
    }

    /// Roles: `Name, title of Organisation`, `Organisation’s title, Name`,
    /// `Title Name of Organisation`.
    fn roles(&mut self, s: &Sentence) -> Vec<ClaimDraft> {
        let t = &s.tokens;
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if s.quoted[i] {
                i += 1;
                continue;
            }
            let found = if let Some(name_end) = name_at(t, i).filter(|e| *e > i + 1 || self.known(&t[i].text))
                && t.get(name_end).is_some_and(|c| c.text == ",")
                && let Some((org, title, end)) = title_after(t, name_end + 1)
            {
                // Name, [the|a] [Org's] title [of|at [the] Org]
                Some((i..name_end, org, title, end))
            } else if let Some((org, title, comma)) = title_before(t, i)
                && t.get(comma).is_some_and(|c| c.text == ",")
                && let Some(name_end) = name_at(t, comma + 1).filter(|e| *e > comma + 2)
            {
                // [the|its|Org's] title [of Org], Name
                Some((comma + 1..name_end, org, title, name_end))
            } else if let Some((title, title_end)) = title_at(t, i)
                && let Some(name_end) = name_at(t, title_end).filter(|e| *e > title_end + 1)
            {
                // title Name [of|at [the] Org]: "Professor Lena Vogt of the Kessel Observatory", "councillor Ben Okafor"
                let org_end =
                    t.get(name_end).filter(|w| w.is("of") || w.is("at")).and_then(|_| org_at(t, name_end + 1));
                let org = org_end.map(|end| {
                    let start = if t[name_end + 1].is("the") { name_end + 2 } else { name_end + 1 };
                    join(t, start..end)
                });
                Some((title_end..name_end, org, title, org_end.unwrap_or(name_end)))
            } else {
                None
            };
            let Some((name, org, title, end)) = found else {
                i += 1;
                continue;
            };
            let span = t[i].range.start..t[end - 1].range.end;
            let mut draft = ClaimDraft::new(self.text, span, t[i].range.start, ClaimKind::Event);
            if let Some(person) = self.person(&join(t, name)) {
                draft.text("subject", person);
            }
            draft.text("predicate", "role").text("object", crate::load::slug(&title));
            if let Some(org) = org {
                draft.text("organisation", name_id(&org));
            }
            out.push(draft);
            i = end;
        }
        out
    }

    fn known(&self, word: &str) -> bool {
        self.people.iter().any(|p| p.split_whitespace().any(|w| w == word))
    }

    /// One clause's drafts: a draft per figure, then per phrase.
    fn clause(&mut self, s: &mut Sentence, clause: Range<usize>) -> Vec<ClaimDraft> {
        let text = self.text;
        if s.intro.as_ref().is_some_and(|(_, c)| *c == clause) {
            return Vec::new();
        }
        let intro = s.intro.as_ref().map(|(p, _)| p.clone());
        let t = &s.tokens[clause.clone()];
        let offset = clause.start;
        let span = t[0].range.start..t[t.len() - 1].range.end;
        let figs = figures(t, &[]);
        let dirs = directions(t);
        let whens: Vec<When> = s
            .whens
            .iter()
            .filter(|w| clause.contains(&w.at))
            .map(|w| When { at: w.at - offset, end: w.end - offset, ..w.clone() })
            .collect();
        let mut out = Vec::new();
        let mut used_directions: Vec<usize> = Vec::new();
        let mut used_whens: Vec<usize> = Vec::new();
        let sentence_period = own_periods(&s.whens).first().map(|w| w.text.clone());
        let clause_base = base_of(t, &whens);
        let sentence_base =
            s.whens.iter().find(|w| w.after.as_deref() == Some("from") && !w.is_offset()).map(|w| w.text.clone());
        let year_ago = year_ago(t);

        // Phrases first, so the figures they take are not read twice.
        let mut taken_figures: Vec<usize> = Vec::new();
        let record = record_in(t, &whens, &dirs);
        if let Some(r) = &record {
            let mut d = ClaimDraft::new(text, span.clone(), t[r.at].range.start, ClaimKind::Record);
            if let Some(p) = period_near(&whens, r.at).or(sentence_period.clone()) {
                d.text("period", p);
            }
            d.text("record", r.record);
            if let Some(since) = &r.since {
                d.text("since", since.clone());
            }
            if r.change {
                d.text("figure", "change");
            }
            used_directions.extend(r.directions.iter().copied());
            used_whens.extend(r.whens.iter().copied());
            out.push(d);
        }
        if record.is_none()
            && let Some(r) = rank_in(t)
        {
            let mut d = ClaimDraft::new(text, span.clone(), t[r.at].range.start, ClaimKind::Rank);
            if let Some(p) = period_near(&whens, r.at).or(sentence_period.clone()) {
                d.text("period", p);
            }
            d.number("rank", r.rank.to_string());
            if r.lowest {
                d.text("order", "lowest");
            }
            if r.change {
                d.text("figure", "change");
            }
            used_directions.extend(dirs.iter().filter(|x| x.at > r.at && x.at <= r.at + 2).map(|x| x.at));
            out.push(d);
        }
        if let Some(c) = comparison_in(t, &dirs) {
            let mut d = ClaimDraft::new(text, span.clone(), t[c.at].range.start, ClaimKind::Comparison);
            if let Some(p) = period_near(&whens, 0)
                .filter(|_| whens.iter().any(|w| w.at < c.at && own(w)))
                .or(sentence_period.clone())
            {
                d.text("period", p);
            }
            let base = whens.iter().find(|w| w.at > c.at).map(|w| w.text.clone());
            if base.is_none()
                && let Some(name) = compared_name(t, c.at)
            {
                d.text("base_subject", name);
            }
            let period = d.field("period").map(|f| f.as_str().to_owned());
            match (base, period) {
                (Some(b), _) if b != "the period before" => {
                    d.text("base_period", b);
                }
                (_, Some(p)) if c.before => {
                    if let Some(b) = previous_period(&p) {
                        d.text("base_period", b);
                    }
                }
                _ => {}
            }
            d.text("relation", c.relation);
            if let Some(f) = c.figure {
                d.text("figure", f);
            }
            used_directions.extend(c.directions.iter().copied());
            taken_figures.extend(figs.iter().enumerate().filter(|(_, f)| f.at > c.at).map(|(i, _)| i).take(0));
            out.push(d);
        }
        // Ratios written as words: doubled, halved, twice, N times.
        for r in ratios_in(t, &figs) {
            let mut d = ClaimDraft::new(text, span.clone(), t[r.at].range.start, ClaimKind::Ratio);
            let others: Vec<When> = whens.iter().filter(|w| Some(&w.text) != r.base.as_ref()).cloned().collect();
            // `twice as many as a year earlier`: the period is the sentence's, the base a year before it.
            let period = period_near(&others, r.at).or_else(|| year_ago.then(|| sentence_period.clone()).flatten());
            if let Some(p) = &period {
                d.text("period", p.clone());
            }
            if let Some(b) = &r.base {
                d.text("base_period", b.clone());
            } else if let Some(b) = period.as_deref().filter(|_| year_ago).and_then(year_before) {
                d.text("base_period", b);
            } else if let Some(name) = compared_name(t, r.at) {
                d.text("base_subject", name);
            }
            d.number("value", r.value.clone());
            if let Some(q) = r.qualifier {
                d.text("qualifier", q);
            }
            if let Some(i) = r.figure {
                taken_figures.push(i);
            }
            used_directions.extend(dirs.iter().filter(|x| x.at >= r.at && x.at <= r.at + 1).map(|x| x.at));
            out.push(d);
        }
        // Shares written as fractions: more than half of, a third of.
        for sh in fraction_shares(t, &figs) {
            let mut d = ClaimDraft::new(text, span.clone(), t[sh.at].range.start, ClaimKind::Share);
            if let Some(p) = period_near(&whens, sh.at) {
                d.text("period", p);
            }
            d.number("value", sh.value.clone());
            if let Some(q) = sh.qualifier {
                d.text("qualifier", q);
            }
            out.push(d);
        }

        for (n, f) in figs.iter().enumerate() {
            if taken_figures.contains(&n) {
                continue;
            }
            let role = figure_role(t, f, &dirs);
            let before = f.at.checked_sub(1).map(|p| t[p].lower.as_str());
            let hedge_start = hedge_before(t, f.at).map_or(f.at, |(_, s)| s);
            let word_before = hedge_start.checked_sub(1).map(|p| t[p].lower.as_str());
            let share = f.unit.as_deref() == Some("percent")
                && (t.get(f.end).is_some_and(|n| n.is("of"))
                    || (hedge_start >= 2 && share_verb(&t[hedge_start - 2].lower, &t[hedge_start - 1].lower)));
            let mut d;
            if share {
                d = ClaimDraft::new(text, span.clone(), t[f.at].range.start, ClaimKind::Share);
                d.number("value", f.value.clone());
                if let Some(q) = f.qualifier {
                    d.text("qualifier", q);
                }
                if let Some(p) = period_near(&whens, f.at) {
                    d.text("period", p);
                }
                out.push(d);
                continue;
            }
            let change = match &role {
                FigureRole::Size(dir) => Some(dir.clone()),
                _ if word_before == Some("or") && f.is_rate() => {
                    s.last_direction.map(|d| DirectionWord { at: f.at, end: f.at, direction: d })
                }
                _ => None,
            };
            if let Some(dir) = change {
                used_directions.push(dir.at);
                s.last_direction = Some(dir.direction);
                d = ClaimDraft::new(text, span.clone(), t[f.at].range.start, ClaimKind::Change);
                let period = period_near(&whens, f.at).or_else(|| intro.clone());
                if let Some(p) = &period {
                    d.text("period", p.clone());
                }
                if let Some(b) =
                    base_period(clause_base.as_deref(), year_ago, period.as_deref(), sentence_base.as_deref())
                {
                    d.text("base_period", b);
                }
                d.text("direction", dir.direction);
                let value = if matches!(dir.direction, "fell" | "edged-down") && !f.value.starts_with('-') {
                    format!("-{}", f.value)
                } else {
                    f.value.clone()
                };
                d.number("value", value);
                if let Some(u) = &f.unit {
                    d.text("unit", u.clone());
                }
                if let Some(sc) = f.scale {
                    d.text("scale", sc);
                }
                if let Some(q) = f.qualifier {
                    d.text("qualifier", q);
                }
                out.push(d);
                continue;
            }
            // A level: after `to`, the change's result; after `from`, the figure compared with.
            d = ClaimDraft::new(text, span.clone(), t[f.at].range.start, ClaimKind::Quantity);
            d.number("value", f.value.clone());
            if let Some(u) = &f.unit {
                d.text("unit", u.clone());
            }
            if let Some(q) = f.qualifier {
                d.text("qualifier", q);
            }
            let period = match role {
                FigureRole::From => whens.iter().find(|w| w.at >= f.end && !w.day).map(|w| w.text.clone()),
                _ => period_near(&whens, f.at).or_else(|| intro.clone()),
            };
            if let Some(p) = period {
                d.text("period", p);
            }
            if let Some(sc) = f.scale {
                d.text("scale", sc);
            }
            let _ = before;
            out.push(d);
        }

        // A direction no figure took: a change of direction only.
        if let Some(dir) = dirs.iter().find(|d| !used_directions.contains(&d.at) && !noun_after_article(t, d)) {
            let mut d = ClaimDraft::new(text, span.clone(), t[dir.at].range.start, ClaimKind::Change);
            let period = period_near(&whens, dir.at).or(sentence_period.clone());
            if let Some(p) = &period {
                d.text("period", p.clone());
            }
            if let Some(b) = base_period(clause_base.as_deref(), year_ago, period.as_deref(), sentence_base.as_deref())
            {
                d.text("base_period", b);
            }
            d.text("direction", dir.direction);
            s.last_direction = Some(dir.direction);
            out.push(d);
        }

        // Dates: every day named, and a month or year when nothing else was read.
        let mut dated = false;
        for (n, w) in whens.iter().enumerate() {
            if used_whens.contains(&n) || w.text == "the period before" {
                continue;
            }
            let statistical = out.iter().any(|d| d.kind != ClaimKind::Date);
            if !w.day && (statistical || dated) {
                continue;
            }
            let mut d = ClaimDraft::new(text, span.clone(), t[w.at].range.start, ClaimKind::Date);
            d.text("date", w.text.clone());
            if w.after.as_deref() == Some("by") {
                d.text("qualifier", "no-later-than");
            }
            dated = true;
            out.push(d);
        }
        out
    }

    /// An attribution per attribution verb whose words give no other
    /// claim: its clause, or the whole sentence up to it when the clause is
    /// only who said it (`…, the agency said`).
    fn attributions(
        &mut self,
        s: &Sentence,
        clauses: &[Range<usize>],
        read: &[bool],
        roles: &[ClaimDraft],
    ) -> Vec<ClaimDraft> {
        let t = &s.tokens;
        let mut out = Vec::new();
        for (n, clause) in clauses.iter().enumerate() {
            let Some(v) = clause.clone().find(|&i| {
                ATTRIBUTION_VERBS.contains(&t[i].lower.as_str())
                    || (t[i].is("according") && t.get(i + 1).is_some_and(|n| n.is("to")))
            }) else {
                continue;
            };
            let mut predicate = t[v].lower.clone();
            if predicate == "according" {
                predicate = "said".to_owned();
            }
            if let Some(p) = t.get(v + 1).filter(|p| VERB_PARTICLES.contains(&p.lower.as_str()) && p.lower != "to") {
                predicate = format!("{predicate}-{}", p.lower);
            }
            // Who: the words before the verb in its clause, else those after it.
            let before: Vec<&Token> =
                t[clause.start..v].iter().filter(|w| !w.is("has") && !w.is("have") && !w.is("had")).collect();
            let name = if before.is_empty() || before.iter().all(|w| w.text == ",") {
                // `said the minister`, `according to the club`: a name, or `the` and a noun; not `said on Tuesday`.
                let start = v + 1 + usize::from(t[v].is("according"));
                let end = (start..clause.end)
                    .find(|&i| {
                        let w = &t[i];
                        !w.is_word() || month_of(w).is_some() || WEEKDAYS.contains(&w.lower.as_str())
                    })
                    .unwrap_or(clause.end);
                let opens = t.get(start).is_some_and(|w| w.is_capitalised() || w.is("the") || w.is("a"));
                if opens { join(t, start..end) } else { String::new() }
            } else {
                before.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
            };
            // `…, its director, Nadia Kovacs, said`: who said it stands in the clause before.
            let name = match (name.trim().is_empty(), n.checked_sub(1).map(|p| &clauses[p])) {
                (true, Some(previous)) if previous.len() <= 4 && t[previous.start].is_capitalised() => {
                    join(t, previous.clone())
                }
                _ => name,
            };
            let name_words = name.split_whitespace().count();
            // Who said it is a role's holder named there: `Professor Lena Vogt of the Kessel Observatory said`.
            let before_verb = t[clause.start].range.start..t[v].range.start;
            let holder = roles
                .iter()
                .find(|r| r.span.start >= before_verb.start && r.span.end <= before_verb.end)
                .and_then(|r| r.field("subject"))
                .map(|f| f.as_str().to_owned());
            let subject = if let Some(holder) = holder {
                Some(holder)
            } else if name_words <= 6 {
                self.person(&name).or_else(|| Some(name_id(&name)).filter(|n| !n.is_empty()))
            } else {
                None
            };
            // A clause that is only who said it, at the end, takes the words before it.
            let frame_only = clause.start > 0 && v + 4 >= clause.end && name_words <= 6;
            // What is said is read as a claim of its own already: the verb only says whose it is.
            let said_read = if frame_only { read[..n].iter().any(|r| *r) } else { read[n] };
            if said_read {
                continue;
            }
            let start = if frame_only { s.tokens[0].range.start } else { t[clause.start].range.start };
            let mut d = ClaimDraft::new(
                self.text,
                start..t[clause.end - 1].range.end,
                t[v].range.start,
                ClaimKind::Attribution,
            );
            if let Some(subject) = subject {
                d.text("subject", subject);
            }
            d.text("predicate", predicate);
            out.push(d);
        }
        out
    }

    /// A sentence the rules call check-worthy that gave no draft: one for
    /// the whole of it.
    fn fallback(&mut self, s: &Sentence) -> Vec<ClaimDraft> {
        let sentence = &self.text[s.range.clone()];
        let signals = super::signals(sentence);
        let worthy = super::is_check_worthy(&signals);
        if !worthy || s.tokens.is_empty() {
            return Vec::new();
        }
        let start = s.tokens[0].range.start;
        let kind =
            if signals.contains(&super::Signal::Attribution) { ClaimKind::Attribution } else { ClaimKind::Event };
        vec![ClaimDraft::new(self.text, s.range.clone(), start, kind)]
    }
}

/// Honorifics left out of a person's id.
const HONORIFICS: [&str; 10] = ["Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "Professor", "Sir", "Dame", "Lord"];

/// Whether a quotation is speech rather than a phrase quoted inside a
/// clause: its words end in punctuation, or punctuation or the sentence's
/// end follows its closing mark, or a colon, an attribution verb or `that`
/// stands before it in its clause.
fn is_speech(text: &str, q: &Quotation, words: &str) -> bool {
    let ends = words.trim_end().ends_with(|c: char| ",.?!…;:".contains(c));
    let after = text[q.range.end..].chars().find(|c| *c != ' ');
    let followed = after.is_none_or(|c| ",.;:?!\n".contains(c));
    // The words of its clause before it: a colon, `that`, or an attribution verb among the last six.
    let line_start = text[..q.range.start].rfind('\n').map_or(0, |i| i + 1);
    let clause = &text[clause_start(text, q.range.start, line_start)..q.range.start];
    let before: Vec<String> =
        clause.split_whitespace().rev().take(6).map(|w| w.to_lowercase().replace('’', "'")).collect();
    let introduced = clause.trim_end().ends_with(':')
        || before.first().is_some_and(|w| w == "that")
        || before.iter().any(|w| ATTRIBUTION_VERBS.contains(&w.trim_end_matches(|c: char| !c.is_alphabetic())));
    // Or followed by who said it: a verb within four words (`,” he said`), or ending a headline (`…, WHO Chief Says`).
    let line_end = text[q.range.end..].find('\n').map_or(text.len(), |i| q.range.end + i);
    let rest: Vec<String> = text[q.range.end..line_end]
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let verb = |w: &String| ATTRIBUTION_VERBS.contains(&w.as_str()) || w == "says";
    let attributed = rest.iter().take(4).any(verb) || rest.last().is_some_and(verb);
    ends || followed || introduced || attributed
}

/// Where the clause holding byte `at` ends: its next comma, semicolon or
/// the sentence's end (`end`), closing punctuation left in.
fn clause_end(text: &str, at: usize, end: usize) -> usize {
    text[at..end].find([',', ';']).map_or(end, |i| at + i)
}

/// Where the clause holding byte `at` starts: after its last comma or
/// semicolon, or the sentence's start (`start`).
fn clause_start(text: &str, at: usize, start: usize) -> usize {
    text[start..at].rfind([',', ';']).map_or(start, |i| start + i + 1)
}

/// The tokens' text joined by spaces.
fn join(t: &[Token], range: Range<usize>) -> String {
    t[range].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// The end of a name starting at `i`: capitalised words (and `al-`, `bin`,
/// `de`, `van` inside), at most five.
fn name_at(t: &[Token], i: usize) -> Option<usize> {
    let mut end = i;
    while end < t.len() && end < i + 5 {
        let w = &t[end];
        let inner = end > i && matches!(w.lower.as_str(), "al" | "bin" | "de" | "van" | "von" | "da" | "del");
        let plain = w.is_word() && w.is_capitalised() && month_of(w).is_none();
        if (plain && !TITLES.contains(&w.lower.as_str()) && !WEEKDAYS.contains(&w.lower.as_str())) || inner {
            end += 1;
        } else {
            break;
        }
    }
    (end > i && t[end - 1].is_capitalised()).then_some(end)
}

/// The end of an organisation's name starting at `i` (after an optional
/// `the`): capitalised words, with `of`, `for` and `and` inside.
fn org_at(t: &[Token], i: usize) -> Option<usize> {
    let start = if t.get(i).is_some_and(|w| w.is("the")) { i + 1 } else { i };
    let mut end = start;
    while end < t.len() {
        let w = &t[end];
        let joins = matches!(w.lower.as_str(), "of" | "for" | "and")
            && t.get(end + 1).is_some_and(|n| n.is_capitalised() && n.is_word());
        if (w.is_word() && w.is_capitalised()) || joins {
            end += 1;
        } else {
            break;
        }
    }
    (end > start).then_some(end)
}

/// A title starting at `i` (after `the`, `a`, `its` or an organisation's
/// possessive): the organisation, the title and the end, taking `of Org`
/// or `at Org` after it.
fn title_after(t: &[Token], i: usize) -> Option<(Option<String>, String, usize)> {
    let (org, start) = possessive_at(t, i);
    let (title, end) = title_at(t, start)?;
    if let Some(of) = t.get(end).filter(|w| w.is("of") || w.is("at"))
        && let Some(org_end) = org_at(t, end + 1)
    {
        let _ = of;
        let start = if t[end + 1].is("the") { end + 2 } else { end + 1 };
        return Some((Some(join(t, start..org_end)), title, org_end));
    }
    Some((org, title, end))
}

/// A title standing before a name's comma (`the authority’s chief
/// executive, Lena Ortiz`): the organisation, the title and the comma.
fn title_before(t: &[Token], i: usize) -> Option<(Option<String>, String, usize)> {
    if !matches!(t[i].lower.as_str(), "the" | "its" | "their" | "his" | "her") && !t[i].lower.ends_with("'s") {
        return None;
    }
    let (org, start) = possessive_at(t, i);
    if start == i {
        return None;
    }
    let (title, end) = title_at(t, start)?;
    // "the director of the Kessel Observatory, Dr Aiko Tanaka"
    if t.get(end).is_some_and(|w| w.is("of") || w.is("at"))
        && let Some(org_end) = org_at(t, end + 1)
    {
        let org_start = if t[end + 1].is("the") { end + 2 } else { end + 1 };
        return Some((Some(join(t, org_start..org_end)), title, org_end));
    }
    Some((org, title, end))
}

/// After `the`, `a`, `its`: an organisation's possessive (`the clinic’s`,
/// `Statistics Canada’s`), and where what follows starts.
fn possessive_at(t: &[Token], i: usize) -> (Option<String>, usize) {
    let mut k = i;
    if t.get(k).is_some_and(|w| matches!(w.lower.as_str(), "the" | "a" | "an" | "its" | "their" | "his" | "her")) {
        k += 1;
    }
    let mut end = k;
    while end < t.len() && end < k + 4 && !t[end].lower.ends_with("'s") && t[end].is_capitalised() {
        end += 1;
    }
    if let Some(w) = t.get(end).filter(|w| w.lower.ends_with("'s") && w.is_word()) {
        let name = format!("{} {}", join(t, k..end), w.text.trim_end_matches("’s").trim_end_matches("'s"));
        return (Some(name.trim().to_owned()), end + 1);
    }
    (None, k)
}

/// A title (`director-general`, `chief executive`) at `i`, and its end.
fn title_at(t: &[Token], i: usize) -> Option<(String, usize)> {
    let mut end = i;
    while t.get(end).is_some_and(|w| TITLE_MODIFIERS.contains(&w.lower.as_str())) && end < i + 2 {
        end += 1;
    }
    let noun = t.get(end).filter(|w| TITLES.contains(&w.lower.as_str()));
    match noun {
        Some(_) => Some((join(t, i..end + 1).to_lowercase(), end + 1)),
        // "chief executive": the modifier is the noun.
        None if end > i && TITLES.contains(&t[end - 1].lower.as_str()) => Some((join(t, i..end).to_lowercase(), end)),
        None => None,
    }
}

/// The clauses of a sentence: token ranges of unquoted words, cut at
/// punctuation, quotations and the conjunctions that start a clause.
fn clauses(s: &Sentence) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, t) in s.tokens.iter().enumerate() {
        let cut = s.quoted[i]
            || matches!(t.text.as_str(), "," | ";" | ":" | "–" | "—" | "(" | ")" | "." | "!" | "?" | "\"" | "“" | "”");
        let starts = matches!(t.lower.as_str(), "while" | "but" | "whereas" | "although");
        if cut || starts {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
            if starts && !s.quoted[i] {
                start = Some(i + 1);
            }
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(start) = start {
        out.push(start..s.tokens.len());
    }
    out.retain(|r| r.start < r.end);
    out
}

/// Whether a period is the figure's own (not `since`, not the one compared with).
fn own(w: &When) -> bool {
    !w.day
        && !w.is_offset()
        && !matches!(w.after.as_deref(), Some("since" | "from" | "than" | "with" | "against" | "versus" | "to" | "by"))
        && w.text != "the period before"
}

fn own_periods(whens: &[When]) -> Vec<&When> {
    whens.iter().filter(|w| own(w)).collect()
}

/// The clause's own period nearest token `at`: the first after it, else the last before it.
fn period_near(whens: &[When], at: usize) -> Option<String> {
    let own: Vec<&When> = whens.iter().filter(|w| own(w)).collect();
    own.iter().find(|w| w.at >= at).or(own.last()).map(|w| w.text.clone())
}

/// The period a clause compares with: after `from`, `than`, `compared
/// with`, `against` or `versus`.
fn base_of(t: &[Token], whens: &[When]) -> Option<String> {
    whens
        .iter()
        .find(|w| {
            matches!(w.after.as_deref(), Some("from" | "than" | "against" | "versus"))
                || (w.after.as_deref() == Some("with")
                    && w.at >= 2
                    && t[w.at.saturating_sub(2)..w.at].iter().any(|x| x.is("compared")))
        })
        .filter(|w| w.text != "the period before" && !w.is_offset())
        .map(|w| w.text.clone())
}

/// Whether the clause compares with a year earlier: `year-over-year`,
/// `compared with a year ago`, `on a year earlier`. (`annual` names a
/// measure, the annual rate, not what a change is measured from.)
fn year_ago(t: &[Token]) -> bool {
    t.iter().enumerate().any(|(i, w)| {
        matches!(w.lower.as_str(), "year-over-year" | "year-on-year")
            || (w.is("year")
                && i >= 1
                && t[i - 1].is("a")
                && t.get(i + 1).is_some_and(|n| matches!(n.lower.as_str(), "ago" | "earlier" | "before")))
    })
}

/// The period a change is measured from: the one its clause names
/// (`compared with March`), else a year before its period when the clause
/// says so (`year-over-year`), else one its sentence compares with (`…,
/// from 4.2% in the third quarter`). None when it is the period before,
/// which a change claim takes by default.
fn base_period(clause: Option<&str>, year_ago: bool, period: Option<&str>, sentence: Option<&str>) -> Option<String> {
    match (clause, year_ago, period) {
        (Some(base), _, _) => Some(base.to_owned()),
        (None, true, Some(period)) => year_before(period),
        (None, true, None) => None,
        (None, false, _) => sentence.map(str::to_owned).filter(|b| Some(b.as_str()) != period),
    }
}

/// The same period a year before, written as the claim wrote it.
fn year_before(period: &str) -> Option<String> {
    if month_of(&Token { range: 0..0, text: period.to_owned(), lower: period.to_lowercase() }).is_some() {
        return Some(format!("{period} last year"));
    }
    let (year, rest) = period.split_at(period.find('-').unwrap_or(period.len()));
    let year: i16 = year.parse().ok()?;
    Some(format!("{:04}{rest}", year - 1))
}

/// The period before a year: `2022` for `2023`, `last year` for `this year`.
fn previous_period(period: &str) -> Option<String> {
    match period {
        "this year" => Some("last year".to_owned()),
        _ if period.len() == 4 => period.parse::<i16>().ok().map(|y| format!("{}", y - 1)),
        _ => None,
    }
}

/// What a figure is in its clause.
enum FigureRole {
    /// The size of a change in that direction: `rose 6.3%`, `fell by
    /// 1,200`, `a 6.1 percent increase`, `an increase of 4.3 percent`.
    Size(DirectionWord),
    /// A level compared with: `from 4.2%`.
    From,
    /// A level: `to 48,310`, or a figure on its own.
    Level,
}

fn figure_role(t: &[Token], f: &Figure, dirs: &[DirectionWord]) -> FigureRole {
    let start = hedge_before(t, f.at).map_or(f.at, |(_, s)| s);
    let before = start.checked_sub(1).map(|p| t[p].lower.as_str());
    if matches!(before, Some("from")) {
        return FigureRole::From;
    }
    if matches!(before, Some("to")) {
        return FigureRole::Level;
    }
    // `from a year-over-year increase of 4.3 percent`: the figure compared with.
    let from = t[start.saturating_sub(6)..start].iter().rposition(|w| w.is("from"));
    if let Some(from) = from.map(|k| start.saturating_sub(6) + k)
        && t[from + 1..start].iter().all(Token::is_word)
    {
        return FigureRole::From;
    }
    // `fell below 4,000`, `rose above 5%`: a level the change reached.
    if hedge_before(t, f.at).is_some_and(|(_, s)| matches!(t[s].lower.as_str(), "below" | "above" | "under" | "over")) {
        return FigureRole::Level;
    }
    // A direction right before it, with `by` or `of` between at most.
    if let Some(d) = dirs.iter().rev().find(|d| d.end <= start) {
        let between = &t[d.end..start];
        if between.iter().all(|w| matches!(w.lower.as_str(), "by" | "of" | "a" | "an" | "some")) && between.len() <= 2 {
            return FigureRole::Size(d.clone());
        }
    }
    // A change noun after it: `a 6.1 percent increase`, `a 9.7 percent year-over-year jump`.
    let mut k = f.end;
    while t.get(k).is_some_and(|w| {
        matches!(w.lower.as_str(), "year-over-year" | "year-on-year" | "annual" | "monthly" | "quarterly" | "weekly")
    }) {
        k += 1;
    }
    if let Some(d) = dirs.iter().find(|d| d.at == k && CHANGE_NOUNS.contains(&t[k].lower.as_str())) {
        return FigureRole::Size(d.clone());
    }
    FigureRole::Level
}

/// `accounted for`, `account for`, `made up`, `make up`: the verbs of a share.
fn share_verb(verb: &str, particle: &str) -> bool {
    matches!(
        (verb, particle),
        ("accounted" | "account" | "accounts" | "accounting", "for") | ("made" | "make" | "makes" | "making", "up")
    )
}

/// A change word that is a noun after an article or a superlative, naming
/// a change a phrase already speaks of (`the first rise`, `the largest
/// monthly increase`), not stating one.
fn noun_after_article(t: &[Token], d: &DirectionWord) -> bool {
    let word = t[d.at].lower.as_str();
    if !CHANGE_NOUNS.contains(&word) {
        return false;
    }
    let before: Vec<&str> = t[d.at.saturating_sub(3)..d.at].iter().map(|w| w.lower.as_str()).collect();
    before.iter().any(|w| is_superlative(w) || *w == "first")
}

/// A record phrase.
struct RecordPhrase {
    at: usize,
    record: &'static str,
    since: Option<String>,
    change: bool,
    directions: Vec<usize>,
    whens: Vec<usize>,
}

/// `the first rise since December`, `for the first time since`, `the
/// wettest month since August 2022`, `the highest on record`, `a record
/// high`, `the largest monthly increase since October 2022`.
fn record_in(t: &[Token], whens: &[When], dirs: &[DirectionWord]) -> Option<RecordPhrase> {
    // The period after `since`, within a few words (`since it peaked in June last year`).
    let since_at = t.iter().position(|w| w.is("since"));
    let since = since_at.and_then(|k| whens.iter().enumerate().find(|(_, w)| w.at > k && w.at <= k + 6 && !w.day));
    let since_text = since.map(|(_, w)| w.text.clone());
    let since_index: Vec<usize> = since.map(|(i, _)| i).into_iter().collect();
    let on_record = t.windows(2).position(|w| w[0].is("on") && w[1].is("record"));
    let record_word = t.iter().position(|w| w.is("record") || w.is("all-time"));
    // "first": `the first rise since`, `for the first time since`.
    if let Some(first) = t.iter().position(|w| w.is("first"))
        && (since.is_some() || on_record.is_some())
    {
        let noun = t.get(first + 1).map(|w| w.lower.as_str());
        let direction = match noun {
            Some("rise" | "increase" | "gain" | "climb" | "jump") => Some("first-rise"),
            Some("fall" | "drop" | "decline" | "decrease") => Some("first-fall"),
            Some("tick") => match t.get(first + 2).map(|w| w.lower.as_str()) {
                Some("lower" | "down") => Some("first-fall"),
                _ => Some("first-rise"),
            },
            Some("time") => dirs.iter().find(|d| d.at < first).map(|d| match d.direction {
                "fell" | "edged-down" => "first-fall",
                _ => "first-rise",
            }),
            _ => None,
        };
        if let Some(record) = direction {
            let used: Vec<usize> = dirs.iter().filter(|d| d.at <= first + 2).map(|d| d.at).collect();
            return Some(RecordPhrase {
                at: first,
                record,
                since: since_text,
                change: false,
                directions: used,
                whens: since_index,
            });
        }
    }
    let sup = t.iter().position(|w| is_superlative(&w.lower))?;
    let since_word = t[sup..].iter().any(|w| w.is("since"));
    if !since_word && on_record.is_none() && record_word.is_none() && !t.iter().any(|w| w.is("ever")) {
        return None;
    }
    let word = t[sup].lower.as_str();
    let low = LOW_SUPERLATIVES.contains(&word);
    let change_at = (sup + 1..(sup + 3).min(t.len())).find(|&k| CHANGE_NOUNS.contains(&t[k].lower.as_str()));
    let falls = change_at
        .is_some_and(|k| matches!(t[k].lower.as_str(), "fall" | "drop" | "decline" | "decrease" | "cut" | "loss"));
    let record = if low ^ falls { "lowest" } else { "highest" };
    let directions = change_at.into_iter().collect();
    Some(RecordPhrase {
        at: sup,
        record,
        since: since_text,
        change: change_at.is_some(),
        directions,
        whens: since_index,
    })
}

/// A rank phrase.
struct RankPhrase {
    at: usize,
    rank: u32,
    lowest: bool,
    change: bool,
}

/// Nouns of a breakdown a superlative ranks within.
const BREAKDOWNS: [&str; 36] = [
    "district",
    "districts",
    "region",
    "regions",
    "country",
    "countries",
    "state",
    "states",
    "city",
    "cities",
    "area",
    "areas",
    "province",
    "provinces",
    "county",
    "counties",
    "team",
    "teams",
    "company",
    "companies",
    "sector",
    "sectors",
    "group",
    "groups",
    "nation",
    "nations",
    "member",
    "members",
    "school",
    "schools",
    "town",
    "towns",
    "borough",
    "boroughs",
    "economy",
    "economies",
];

const ORDINALS: [&str; 10] =
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/// `the highest of the three districts`, `the second-largest`, `followed
/// by`: a place in a breakdown.
fn rank_in(t: &[Token]) -> Option<RankPhrase> {
    if let Some(at) = t.windows(2).position(|w| w[0].is("followed") && w[1].is("by")) {
        return Some(RankPhrase { at, rank: 2, lowest: false, change: false });
    }
    // A superlative ranks within a breakdown: `of`, `among`, or a breakdown's noun after it.
    let breakdown = |at: usize| {
        t[at + 1..].iter().any(|w| w.is("of") || w.is("among") || w.is("amongst"))
            || t[at + 1..(at + 3).min(t.len())].iter().any(|w| BREAKDOWNS.contains(&w.lower.as_str()))
    };
    let (at, word, rank) = t.iter().enumerate().find_map(|(i, w)| {
        if let Some((ordinal, sup)) = w.lower.split_once('-')
            && let Some(n) = ORDINALS.iter().position(|o| *o == ordinal)
            && is_superlative(sup)
        {
            return Some((i, sup.to_owned(), n as u32 + 1));
        }
        if let Some(n) = ORDINALS.iter().position(|o| *o == w.lower).filter(|n| *n > 0)
            && t.get(i + 1).is_some_and(|s| is_superlative(&s.lower))
        {
            return Some((i, t[i + 1].lower.clone(), n as u32 + 1));
        }
        (is_superlative(&w.lower) && breakdown(i)).then(|| (i, w.lower.clone(), 1))
    })?;
    let low = LOW_SUPERLATIVES.contains(&word.as_str());
    let change_at = (at + 1..(at + 3).min(t.len())).find(|&k| CHANGE_NOUNS.contains(&t[k].lower.as_str()));
    let falls = change_at
        .is_some_and(|k| matches!(t[k].lower.as_str(), "fall" | "drop" | "decline" | "decrease" | "cut" | "loss"));
    Some(RankPhrase { at, rank, lowest: low ^ falls, change: change_at.is_some() })
}

/// A comparison phrase.
struct ComparisonPhrase {
    at: usize,
    relation: &'static str,
    figure: Option<&'static str>,
    /// Whether it compares with the period before (`than the year before`).
    before: bool,
    directions: Vec<usize>,
}

/// `faster than the year before`, `smaller than the 9.7 percent`, `wetter
/// than January`: a comparative and `than`, not followed by a number (that
/// is a hedge: `more than 11,000`).
fn comparison_in(t: &[Token], dirs: &[DirectionWord]) -> Option<ComparisonPhrase> {
    let than = t.iter().enumerate().position(|(i, w)| {
        w.is("than")
            && i >= 1
            && is_comparative(&t[i - 1].lower)
            && !t.get(i + 1).is_some_and(|n| {
                n.is_digits()
                    || number_word(&n.lower).is_some()
                    || matches!(n.lower.as_str(), "just" | "double" | "twice" | "triple" | "half")
                    || fraction_word(&[n.lower.as_str()]).is_some()
                    || n.is("a")
                        && t.get(i + 2)
                            .is_some_and(|m| matches!(m.lower.as_str(), "third" | "quarter" | "half" | "fifth"))
            })
    })?;
    let word = t[than - 1].lower.as_str();
    let falling = dirs.iter().any(|d| d.at < than && matches!(d.direction, "fell" | "edged-down"));
    let less = LESS.contains(&word);
    let relation = if less ^ (falling && matches!(word, "faster" | "more" | "quicker")) { "less" } else { "greater" };
    let figure = match word {
        "faster" | "slower" | "quicker" => Some(if falling { "change" } else { "percent-change" }),
        _ => None,
    };
    let before = t.get(than + 2).is_some_and(|w| w.is("year") || w.is("month") || w.is("quarter"))
        && t.get(than + 3).is_some_and(|w| w.is("before"))
        || t.get(than + 1).is_some_and(|w| w.is("a")) && t.get(than + 3).is_some_and(|w| w.is("earlier"));
    let used = dirs.iter().filter(|d| d.at < than).map(|d| d.at).collect();
    Some(ComparisonPhrase { at: than - 1, relation, figure, before, directions: used })
}

/// The name a ratio or comparison at token `at` compares with: the
/// capitalised words after its `as` or `than` (`twice as many as the Red
/// Line`, `higher than Westvale`), as an id.
fn compared_name(t: &[Token], at: usize) -> Option<String> {
    let word = (at + 1..t.len()).find(|&k| (t[k].is("as") && k > at + 1) || t[k].is("than"))?;
    let start = if t.get(word + 1).is_some_and(|w| w.is("the")) { word + 2 } else { word + 1 };
    let end = name_at(t, start)?;
    let id = name_id(&join(t, start..end));
    (!id.is_empty()).then_some(id)
}

/// A ratio phrase.
struct RatioPhrase {
    at: usize,
    value: String,
    qualifier: Option<&'static str>,
    base: Option<String>,
    /// The figure it takes as its value (`1.3 times`), by index.
    figure: Option<usize>,
}

/// `doubled`, `halved`, `tripled`, `twice as`, `double February's`,
/// `three times as much`, `1.3 times as many`.
fn ratios_in(t: &[Token], figs: &[Figure]) -> Vec<RatioPhrase> {
    let mut out = Vec::new();
    for (i, w) in t.iter().enumerate() {
        let value = match w.lower.as_str() {
            "doubled" | "double" | "twice" => Some("2".to_owned()),
            "tripled" | "trebled" | "triple" | "treble" => Some("3".to_owned()),
            "quadrupled" => Some("4".to_owned()),
            "halved" => Some("0.5".to_owned()),
            "times"
                if i >= 1
                    && t.get(i + 1).is_some_and(|n| {
                        matches!(n.lower.as_str(), "as" | "more" | "the" | "higher" | "larger" | "bigger")
                    }) =>
            {
                let n = &t[i - 1];
                if n.is_digits() {
                    Some(n.text.replace(',', ""))
                } else {
                    number_word(&n.lower).map(crate::check::number)
                }
            }
            _ => None,
        };
        let Some(value) = value else { continue };
        let at = if w.is("times") { i - 1 } else { i };
        let qualifier = hedge_before(t, at).map(|(q, _)| q);
        let figure = figs.iter().position(|f| f.at == at);
        // What it is compared with: `since 1990`, `February's`, `as in February`.
        let base = t[i + 1..].iter().enumerate().take(6).find_map(|(k, x)| {
            if let Some(m) = month_of(x) {
                let name = crate::date::MONTH_NAMES[(m - 1) as usize];
                return Some(name.to_owned());
            }
            let is_year = x.text.len() == 4 && x.text.parse::<u16>().is_ok_and(|y| (1800..2100).contains(&y));
            (is_year && (k == 0 || t[i + k].is("since") || t[i + k].is("in"))).then(|| x.text.clone())
        });
        out.push(RatioPhrase { at, value, qualifier, base, figure });
    }
    out
}

/// A share written as a fraction.
struct SharePhrase {
    at: usize,
    value: String,
    qualifier: Option<&'static str>,
}

/// `more than half of`, `a third of`, `made up about half`: a share in words.
fn fraction_shares(t: &[Token], _figs: &[Figure]) -> Vec<SharePhrase> {
    let mut out = Vec::new();
    let lower: Vec<&str> = t.iter().map(|w| w.lower.as_str()).collect();
    let mut i = 0;
    while i < t.len() {
        let Some((value, len)) = fraction_word(&lower[i..]) else {
            i += 1;
            continue;
        };
        let of = lower.get(i + len) == Some(&"of");
        let hedge = hedge_before(t, i);
        let start = hedge.map_or(i, |(_, s)| s);
        let verb = start >= 2 && share_verb(lower[start - 2], lower[start - 1]);
        if of || verb {
            out.push(SharePhrase { at: i, value: crate::check::number(value), qualifier: hedge.map(|(q, _)| q) });
        }
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    /// Each draft as `kind field=value …`, in reading order.
    fn read(sentence: &str, published: &str) -> Vec<String> {
        draft_sentence(sentence, date(published))
            .into_iter()
            .map(|d| {
                let fields: Vec<String> = d.fields.iter().map(|(k, v)| format!("{k}={}", v.as_str())).collect();
                format!("{} {}", d.kind, fields.join(" ")).trim_end().to_owned()
            })
            .collect()
    }

    #[test]
    fn a_figure_is_a_quantity_with_its_unit_scale_and_period() {
        assert_eq!(
            read("Riverton had 131 mm of rain in March.", "2024-04-05"),
            ["quantity value=131 unit=mm period=March"]
        );
        assert_eq!(
            read("Northland is home to 2.35 million people.", "2024-03-15"),
            ["quantity value=2.35 unit=people scale=million"]
        );
        assert_eq!(
            read("The hospital treated about 48,310 patients last year.", "2024-02-01"),
            ["quantity value=48310 unit=patients qualifier=about period=last year"]
        );
    }

    #[test]
    fn a_figure_with_a_direction_is_a_change_and_the_level_after_to_a_quantity() {
        assert_eq!(
            read(
                "Employment in Northland rose by 22,000 in the fourth quarter of last year to 1.23 million.",
                "2024-03-15"
            ),
            ["change value=22000 period=2023-Q4 direction=rose", "quantity value=1.23 period=2023-Q4 scale=million"]
        );
        assert_eq!(
            read("Bus fares in April rose 6.3 percent compared with March.", "2023-05-16"),
            ["change value=6.3 unit=percent period=April base_period=March direction=rose"]
        );
        assert_eq!(
            read("Ticket sales were down 7.7 percent compared with a year earlier.", "2023-05-16"),
            ["change value=-7.7 unit=percent direction=fell"]
        );
        assert_eq!(
            read("The jobless rate edged up to 4.5%, from 4.2% in the third quarter.", "2024-03-15"),
            [
                "change base_period=2023-Q3 direction=edged-up",
                "quantity value=4.5 unit=percent",
                "quantity value=4.2 unit=percent period=2023-Q3"
            ]
        );
    }

    #[test]
    fn records_ranks_comparisons_ratios_and_shares_are_read_from_their_phrases() {
        assert_eq!(
            read("March brought the first rise in rainfall since December.", "2024-04-05"),
            ["record period=March record=first-rise since=December"]
        );
        assert_eq!(
            read("Riverton had 131 mm of rain in March, the wettest month since August 2022.", "2024-04-05"),
            ["quantity value=131 unit=mm period=March", "record period=March record=highest since=2022-08"]
        );
        assert_eq!(
            read("The uplands had the highest unemployment rate of the two areas.", "2024-03-15"),
            ["rank rank=1"]
        );
        assert_eq!(
            read("Over the whole of 2023 employment grew 2.9%, faster than the year before.", "2024-03-15"),
            [
                "change value=2.9 unit=percent period=2023 direction=rose",
                "comparison period=2023 base_period=2022 figure=percent-change relation=greater"
            ]
        );
        assert_eq!(
            read("March rainfall was more than double February's.", "2024-04-05"),
            ["ratio value=2 qualifier=more-than period=March base_period=February"]
        );
        assert_eq!(
            read("The coast accounted for more than half of the region's jobs.", "2024-03-15"),
            ["share value=50 qualifier=more-than"]
        );
        assert_eq!(read("Primary schools account for 60% of Eastvale's pupils.", "2023-09-20"), ["share value=60"]);
    }

    #[test]
    fn quotes_roles_dates_attributions_and_opinions() {
        assert_eq!(
            read("“We have turned a corner,” said Amina Rahman, the clinic’s director.", "2024-07-02"),
            [
                "quote speaker=amina-rahman words=We have turned a corner",
                "event subject=amina-rahman predicate=role object=director organisation=clinic"
            ]
        );
        assert_eq!(read("The museum reopened on Tuesday.", "2024-07-04"), ["date date=this Tuesday"]);
        assert_eq!(read("The clinic opened a second site in March 2023.", "2024-07-02"), ["date date=2023-03"]);
        assert_eq!(
            read("The league cautioned against easing the rules.", "2024-07-02"),
            ["attribution subject=league predicate=cautioned-against"]
        );
        assert_eq!(read("Fares should never have risen!", "2024-07-02"), ["opinion"]);
    }

    #[test]
    fn a_surname_or_a_pronoun_is_the_person_named_before() {
        let text =
            "“We are close now,” said Dr Ana Ruiz.\n“We are not there yet,” Ruiz added. “It will be soon,” she said.";
        let drafts: Vec<ClaimDraft> = draft_article(text, date("2024-01-01")).into_iter().flatten().collect();
        let speakers: Vec<&str> = drafts.iter().filter_map(|d| d.field("speaker").map(Field::as_str)).collect();
        assert_eq!(speakers, ["ana-ruiz", "ana-ruiz", "ana-ruiz"]);
    }

    #[test]
    fn draft_lines_read_as_yaml() {
        let draft = &draft_sentence("Fares rose 4.70 percent in May.", date("2024-06-03"))[0];
        assert_eq!(
            draft.lines("fares-rose"),
            [
                "id: fares-rose",
                "text: Fares rose 4.70 percent in May",
                "kind: change",
                "draft: true",
                "value: 4.70",
                "unit: percent",
                "period: May",
                "direction: rose"
            ]
        );
    }
}
