//! Calendar dates at the precision people write them: partial dates, date
//! windows, and relative expressions such as "this Thursday".
//!
//! Everything here is plain arithmetic on [`jiff::civil::Date`]; this module
//! knows nothing about claims or facts. A partial date stands for the closed
//! window of days it could mean (`2024-08` is 1–31 August 2024), and every
//! comparison works on those windows.

use std::fmt;
use std::str::FromStr;

use borsh::{BorshDeserialize, BorshSerialize};
use jiff::civil::{Date, Weekday};

/// How dates are written in the load cache ([`crate::cache`]): jiff's
/// types are encoded as their parts and checked when read back.
mod encoded {
    use borsh::io::{Error, Read, Result, Write};
    use borsh::{BorshDeserialize, BorshSerialize};
    use jiff::civil::{Date, Weekday};

    pub fn write_date<W: Write>(date: &Date, writer: &mut W) -> Result<()> {
        (date.year(), date.month(), date.day()).serialize(writer)
    }

    pub fn read_date<R: Read>(reader: &mut R) -> Result<Date> {
        let (year, month, day) = <(i16, i8, i8)>::deserialize_reader(reader)?;
        Date::new(year, month, day).map_err(Error::other)
    }

    pub fn write_weekday<W: Write>(day: &Weekday, writer: &mut W) -> Result<()> {
        day.to_monday_one_offset().serialize(writer)
    }

    pub fn read_weekday<R: Read>(reader: &mut R) -> Result<Weekday> {
        Weekday::from_monday_one_offset(i8::deserialize_reader(reader)?).map_err(Error::other)
    }
}

/// A part of a month, as in "early September".
///
/// Early is days 1–10, mid is days 11–20 and late is day 21 to the month's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, BorshSerialize, BorshDeserialize)]
pub enum MonthPart {
    /// Days 1–10.
    Early,
    /// Days 11–20.
    Mid,
    /// Day 21 to the last day of the month.
    Late,
}

impl MonthPart {
    fn name(self) -> &'static str {
        match self {
            MonthPart::Early => "early",
            MonthPart::Mid => "mid",
            MonthPart::Late => "late",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "early" => Some(MonthPart::Early),
            "mid" => Some(MonthPart::Mid),
            "late" => Some(MonthPart::Late),
            _ => None,
        }
    }
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, BorshSerialize, BorshDeserialize)]
pub enum Precision {
    /// A whole year.
    Year,
    /// A quarter of a year.
    Quarter,
    /// A whole month.
    Month,
    /// A third of a month (early, mid, late).
    PartOfMonth,
    /// One day.
    Day,
}

/// A date known to year, month, part-of-month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub enum PartialDate {
    /// `2024`
    Year(i16),
    /// `2024-08`
    Month(i16, i8),
    /// `2024-Q3`: a quarter of a year, as statistics offices publish them.
    Quarter(i16, i8),
    /// `early 2024-09`, `mid 2024-09`, `late 2024-09`
    PartOfMonth(MonthPart, i16, i8),
    /// `2024-08-15`
    Day(#[borsh(serialize_with = "encoded::write_date", deserialize_with = "encoded::read_date")] Date),
}

impl PartialDate {
    /// The precision this date was written with.
    pub fn precision(self) -> Precision {
        match self {
            PartialDate::Year(_) => Precision::Year,
            PartialDate::Month(..) => Precision::Month,
            PartialDate::Quarter(..) => Precision::Quarter,
            PartialDate::PartOfMonth(..) => Precision::PartOfMonth,
            PartialDate::Day(_) => Precision::Day,
        }
    }

    /// The closed window of days this date may mean.
    pub fn window(self) -> DateWindow {
        // Constructors validate year and month, so these dates always exist.
        let first_of = |y: i16, m: i8| Date::constant(y, m, 1);
        match self {
            PartialDate::Year(y) => DateWindow::new(Date::constant(y, 1, 1), Date::constant(y, 12, 31)),
            PartialDate::Month(y, m) => {
                let first = first_of(y, m);
                DateWindow::new(first, first.last_of_month())
            }
            PartialDate::Quarter(y, q) => {
                let first = first_of(y, (q - 1) * 3 + 1);
                DateWindow::new(first, first_of(y, q * 3).last_of_month())
            }
            PartialDate::PartOfMonth(part, y, m) => {
                let first = first_of(y, m);
                let (from, to) = match part {
                    MonthPart::Early => (1, 10),
                    MonthPart::Mid => (11, 20),
                    MonthPart::Late => (21, first.days_in_month()),
                };
                DateWindow::new(Date::constant(y, m, from), Date::constant(y, m, to))
            }
            PartialDate::Day(d) => DateWindow::new(d, d),
        }
    }
}

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// What was wrong, in a sentence fragment (lowercase, no period).
    pub message: String,
    /// How to write it instead.
    pub help: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

const DATE_HELP: &str =
    "write a date as `2024`, `2024-Q3`, `2024-08`, `early 2024-09` (also `mid`, `late`) or `2024-08-15`";

fn date_error(message: String) -> DateError {
    DateError { message, help: DATE_HELP }
}

/// Years outside this range are almost certainly typos in news data.
const YEARS: std::ops::RangeInclusive<i16> = 1000..=9999;

fn parse_year(text: &str, whole: &str) -> Result<i16, DateError> {
    let ok = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<i16>() {
        Ok(y) if ok && YEARS.contains(&y) => Ok(y),
        _ => Err(date_error(format!("`{whole}` does not start with a four-digit year"))),
    }
}

fn parse_two_digits(text: &str, what: &str, whole: &str) -> Result<i8, DateError> {
    let ok = text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<i8>() {
        Ok(n) if ok => Ok(n),
        _ => Err(date_error(format!("`{whole}` has no two-digit {what}"))),
    }
}

fn parse_month(text: &str, whole: &str) -> Result<i8, DateError> {
    let month = parse_two_digits(text, "month", whole)?;
    if (1..=12).contains(&month) {
        Ok(month)
    } else {
        Err(date_error(format!("`{whole}` has month {month}; months run from 01 to 12")))
    }
}

/// `text` split at the first `byte` (an ASCII one), without it: a date is
/// a few bytes, and [`str::split_once`] readies a search that costs more
/// than looking at each.
fn split_once_at(text: &str, byte: u8) -> Option<(&str, &str)> {
    debug_assert!(byte.is_ascii());
    let at = text.bytes().position(|b| b == byte)?;
    // An ASCII byte is a whole character: both sides are whole text.
    Some((&text[..at], &text[at + 1..]))
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let whole = text;
        let text = text.trim();
        if let Some((part, rest)) = split_once_at(text, b' ') {
            let part = MonthPart::from_name(part).ok_or_else(|| {
                date_error(format!("`{whole}` starts with `{part}`, which is not `early`, `mid` or `late`"))
            })?;
            return match PartialDate::from_str(rest.trim())? {
                PartialDate::Month(y, m) => Ok(PartialDate::PartOfMonth(part, y, m)),
                _ => Err(date_error(format!("`{whole}`: `{}` takes a month such as `2024-09`", part.name()))),
            };
        }
        // Up to four pieces, held without an allocation: a fourth is an error.
        let (mut pieces, mut count, mut rest) = ([""; 4], 0, Some(text));
        while let Some(left) = rest.filter(|_| count < 4) {
            let (piece, more) = match split_once_at(left, b'-') {
                Some((piece, more)) if count < 3 => (piece, Some(more)),
                _ => (left, None),
            };
            pieces[count] = piece;
            (count, rest) = (count + 1, more);
        }
        match &pieces[..count] {
            [y] => Ok(PartialDate::Year(parse_year(y, whole)?)),
            [y, q] if q.starts_with('Q') => {
                let year = parse_year(y, whole)?;
                match q.as_bytes() {
                    [b'Q', digit @ b'1'..=b'4'] => Ok(PartialDate::Quarter(year, (digit - b'0') as i8)),
                    _ => Err(date_error(format!("`{whole}` has no quarter `Q1` to `Q4`"))),
                }
            }
            [y, m] => Ok(PartialDate::Month(parse_year(y, whole)?, parse_month(m, whole)?)),
            [y, m, d] => {
                let (y, m) = (parse_year(y, whole)?, parse_month(m, whole)?);
                let d = parse_two_digits(d, "day", whole)?;
                let date = Date::new(y, m, d).map_err(|_| {
                    let days = Date::constant(y, m, 1).days_in_month();
                    date_error(format!("`{whole}` is not a date: {y}-{m:02} has {days} days"))
                })?;
                Ok(PartialDate::Day(date))
            }
            _ => Err(date_error(format!("`{whole}` is not a date"))),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            PartialDate::PartOfMonth(p, y, m) => write!(f, "{} {y:04}-{m:02}", p.name()),
            PartialDate::Day(d) => write!(f, "{d}"),
        }
    }
}

/// A closed window of days, `first..=last`; the unit all date checks compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub struct DateWindow {
    #[borsh(serialize_with = "encoded::write_date", deserialize_with = "encoded::read_date")]
    first: Date,
    #[borsh(serialize_with = "encoded::write_date", deserialize_with = "encoded::read_date")]
    last: Date,
}

impl DateWindow {
    /// The window from `first` to `last`; the two are swapped if given backwards.
    pub fn new(first: Date, last: Date) -> Self {
        if first <= last { DateWindow { first, last } } else { DateWindow { first: last, last: first } }
    }

    /// A window of one day.
    pub fn day(date: Date) -> Self {
        DateWindow::new(date, date)
    }

    /// The first day in the window.
    pub fn first(self) -> Date {
        self.first
    }

    /// The last day in the window.
    pub fn last(self) -> Date {
        self.last
    }

    /// Whether `date` lies in the window.
    pub fn contains(self, date: Date) -> bool {
        self.first <= date && date <= self.last
    }

    /// Whether every day of `other` lies in this window.
    pub fn covers(self, other: DateWindow) -> bool {
        self.first <= other.first && other.last <= self.last
    }

    /// Whether the two windows share at least one day.
    pub fn overlaps(self, other: DateWindow) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// The smallest window holding both.
    pub fn hull(self, other: DateWindow) -> DateWindow {
        DateWindow::new(self.first.min(other.first), self.last.max(other.last))
    }

    /// The days both windows share, if any.
    pub fn intersect(self, other: DateWindow) -> Option<DateWindow> {
        self.overlaps(other).then(|| DateWindow::new(self.first.max(other.first), self.last.min(other.last)))
    }

    /// How many days `other` lies outside this window: negative when before it,
    /// positive when after, zero when they overlap.
    pub fn days_outside(self, other: DateWindow) -> i64 {
        if other.last < self.first {
            -days_between(other.last, self.first)
        } else if other.first > self.last {
            days_between(self.last, other.first)
        } else {
            0
        }
    }

    /// The partial date that means exactly this window, if there is one.
    pub fn as_partial(self) -> Option<PartialDate> {
        let (first, last) = (self.first, self.last);
        if first == last {
            return Some(PartialDate::Day(first));
        }
        let candidates = [
            PartialDate::Year(first.year()),
            PartialDate::Quarter(first.year(), (first.month() - 1) / 3 + 1),
            PartialDate::Month(first.year(), first.month()),
            PartialDate::PartOfMonth(MonthPart::Early, first.year(), first.month()),
            PartialDate::PartOfMonth(MonthPart::Mid, first.year(), first.month()),
            PartialDate::PartOfMonth(MonthPart::Late, first.year(), first.month()),
        ];
        candidates.into_iter().find(|p| p.window() == self)
    }
}

/// How two periods lie against each other: the relation a statistic's
/// period has to the period a claim names.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, BorshSerialize, BorshDeserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodRelation {
    /// The same days.
    Equal,
    /// Every day of the one lies in the other, which is longer.
    Inside,
    /// The one holds every day of the other, and more.
    Contains,
    /// They share some days, and each has days of its own.
    Overlapping,
    /// They share no day, and one starts the day after the other ends.
    Adjacent,
    /// Days lie between them.
    Separate,
}

impl PeriodRelation {
    /// The relation's name, as written in reports.
    pub fn name(self) -> &'static str {
        match self {
            PeriodRelation::Equal => "equal",
            PeriodRelation::Inside => "inside",
            PeriodRelation::Contains => "contains",
            PeriodRelation::Overlapping => "overlapping",
            PeriodRelation::Adjacent => "adjacent",
            PeriodRelation::Separate => "separate",
        }
    }

    /// Whether the two periods share a day or touch: near enough that a
    /// figure for the one is easily given for the other.
    pub fn is_near(self) -> bool {
        self != PeriodRelation::Separate
    }
}

/// Whole months from the start of `(y1, m1)` to the start of `(y2, m2)`.
fn months_from(y1: i16, m1: i8, y2: i16, m2: i8) -> i64 {
    (i64::from(y2) - i64::from(y1)) * 12 + i64::from(m2) - i64::from(m1)
}

impl DateWindow {
    /// How this window lies against `other`: `Inside` means this one lies
    /// in `other`.
    pub fn relation(self, other: DateWindow) -> PeriodRelation {
        if self == other {
            PeriodRelation::Equal
        } else if other.covers(self) {
            PeriodRelation::Inside
        } else if self.covers(other) {
            PeriodRelation::Contains
        } else if self.overlaps(other) {
            PeriodRelation::Overlapping
        } else if shift_days(self.last, 1) == Some(other.first) || shift_days(other.last, 1) == Some(self.first) {
            PeriodRelation::Adjacent
        } else {
            PeriodRelation::Separate
        }
    }

    /// How many whole calendar months the window spans, if it starts on a
    /// month's first day and ends on a month's last day.
    pub fn whole_months(self) -> Option<i64> {
        let whole = self.first.day() == 1 && self.last == self.last.last_of_month();
        whole.then(|| months_from(self.first.year(), self.first.month(), self.last.year(), self.last.month()) + 1)
    }

    /// How many days the window holds.
    pub fn days(self) -> i64 {
        days_between(self.first, self.last) + 1
    }

    /// The period of the same length `steps` periods later (earlier when
    /// negative): whole months move by months (so the quarter before
    /// 2024-Q2 is 2024-Q1), other windows by their number of days.
    pub fn shift(self, steps: i64) -> Option<DateWindow> {
        match self.whole_months() {
            Some(months) => {
                let by = months.checked_mul(steps)?;
                let (y1, m1) = shift_month(self.first.year(), self.first.month(), by)?;
                let (y2, m2) = shift_month(self.last.year(), self.last.month(), by)?;
                Some(DateWindow::new(Date::new(y1, m1, 1).ok()?, Date::new(y2, m2, 1).ok()?.last_of_month()))
            }
            None => {
                let by = self.days().checked_mul(steps)?;
                Some(DateWindow::new(shift_days(self.first, by)?, shift_days(self.last, by)?))
            }
        }
    }

    /// Whether the two windows are periods of the same length (both whole
    /// months of the same count, or the same number of days).
    pub fn same_length(self, other: DateWindow) -> bool {
        match (self.whole_months(), other.whole_months()) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.days() == other.days(),
            _ => false,
        }
    }

    /// A sort key: by first day, then last day.
    pub fn key(self) -> (Date, Date) {
        (self.first, self.last)
    }
}

impl fmt::Display for DateWindow {
    /// Prints the window the way it would be written: `2024-08`, `early 2024-09`,
    /// `2023-12/2024-02` for whole months, or `2024-08-16/2024-08-17` when
    /// no partial date means exactly it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (first, last) = (self.first, self.last);
        match self.as_partial() {
            Some(p) => write!(f, "{p}"),
            None if first == first.first_of_month() && last == last.last_of_month() => {
                write!(f, "{}-{:02}/{}-{:02}", first.year(), first.month(), last.year(), last.month())
            }
            None => write!(f, "{first}/{last}"),
        }
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.duration_until(b).as_secs().div_euclid(86_400)
}

/// A date as written in data: one partial date or an interval `A/B` of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub enum DateSpec {
    /// One partial date.
    Single(PartialDate),
    /// From the start of the first to the end of the second, inclusive.
    Range(PartialDate, PartialDate),
}

impl DateSpec {
    /// The closed window of days this spec may mean.
    pub fn window(self) -> DateWindow {
        match self {
            DateSpec::Single(p) => p.window(),
            DateSpec::Range(a, b) => DateWindow::new(a.window().first(), b.window().last()),
        }
    }
}

impl FromStr for DateSpec {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let Some((a, b)) = split_once_at(text, b'/') else {
            return Ok(DateSpec::Single(text.parse()?));
        };
        let (a, b): (PartialDate, PartialDate) = (a.parse()?, b.parse()?);
        if b.window().last() < a.window().first() {
            return Err(DateError {
                message: format!("the period `{}` ends before it starts", text.trim()),
                help: "write the earlier date first: `START/END`",
            });
        }
        Ok(DateSpec::Range(a, b))
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateSpec::Single(p) => write!(f, "{p}"),
            DateSpec::Range(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

/// Which occurrence of a weekday a relative expression means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub enum WeekdayChoice {
    /// "this Thursday": the Thursday of the anchor's ISO week (Monday to Sunday).
    This,
    /// "last Thursday": the latest Thursday strictly before the anchor.
    Last,
    /// "next Thursday": the earliest Thursday strictly after the anchor.
    Next,
}

/// The unit of a relative offset such as "two years later".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub enum OffsetUnit {
    /// Days; the result is as precise as the anchor.
    Day,
    /// Weeks of seven days; the result is as precise as the anchor.
    Week,
    /// Months; the result has at most month precision.
    Month,
    /// Years; the result has year precision.
    Year,
}

/// A calendar period named relative to a date: "last year", "this quarter".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub enum CalendarUnit {
    /// A calendar year.
    Year,
    /// A calendar quarter (January to March, …).
    Quarter,
    /// A calendar month.
    Month,
}

/// The month a period "to March" ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub enum MonthEnd {
    /// A month named without a year: the latest such month begun by the anchor.
    Named(i8),
    /// A month of a given year.
    Of(i16, i8),
}

/// A date written relative to another date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub enum Relative {
    /// `today`, `yesterday`, `tomorrow`: a shift of -1, 0 or 1 days.
    Days(i64),
    /// `this|last|next <weekday>`.
    Weekday(
        WeekdayChoice,
        #[borsh(serialize_with = "encoded::write_weekday", deserialize_with = "encoded::read_weekday")] Weekday,
    ),
    /// `<n> <unit>s later|after|earlier|before|ago`.
    Offset(i64, OffsetUnit),
    /// `this|last|next year|quarter|month`: the calendar period holding the
    /// anchor, or the one before or after it.
    Calendar(CalendarUnit, i64),
    /// `March`: the latest March begun by the anchor; `March last year`
    /// (`this year`, `next year`): March of that year.
    Month(i8, Option<i64>),
    /// `the three months to March`, `the year to June`: the months ending
    /// with that month, as statistics give rolling and year-to periods.
    MonthsTo(i64, MonthEnd),
}

const RELATIVE_HELP: &str = "write `this Thursday`, `yesterday`, `two years later`, `last year`, `this quarter`, `March`, `June last year`, `the three months to March` or `the year to June`";

/// The months' names in English, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month a name means (`march`, `mar`, `sept`), from 1.
fn month_named(word: &str) -> Option<i8> {
    let word = if word == "sept" { "sep" } else { word };
    let index = MONTH_NAMES.iter().position(|name| {
        let name = name.to_lowercase();
        name == word || (word.len() == 3 && name.starts_with(word))
    })?;
    i8::try_from(index + 1).ok()
}

fn month_name(month: i8) -> &'static str {
    MONTH_NAMES[usize::try_from(month - 1).unwrap_or(0).min(11)]
}

/// `this`, `last`, `next` as an offset.
fn which_offset(word: &str) -> Option<i64> {
    match word {
        "this" => Some(0),
        "last" => Some(-1),
        "next" => Some(1),
        _ => None,
    }
}

/// The month a "to …" period ends with: `March`, `March 2023`, `2023-03`.
fn month_end(words: &[&str]) -> Option<MonthEnd> {
    match words {
        [month] => match month_named(month) {
            Some(m) => Some(MonthEnd::Named(m)),
            None => match month.parse::<PartialDate>().ok()? {
                PartialDate::Month(y, m) => Some(MonthEnd::Of(y, m)),
                _ => None,
            },
        },
        [month, year] => {
            let m = month_named(month)?;
            let y = year.parse::<i16>().ok().filter(|y| YEARS.contains(y))?;
            Some(MonthEnd::Of(y, m))
        }
        _ => None,
    }
}

/// `the three months to March`, `12 months to 2023-06`, `the year to June`.
fn months_to(words: &[&str]) -> Option<Relative> {
    let words = words.strip_prefix(&["the"]).unwrap_or(words);
    let (months, rest) = match words {
        ["year", "to", rest @ ..] => (12, rest),
        ["quarter", "to", rest @ ..] => (3, rest),
        [n, "months" | "month", "to", rest @ ..] => (number_word(n).filter(|n| (1..=120).contains(n))?, rest),
        _ => return None,
    };
    Some(Relative::MonthsTo(months, month_end(rest)?))
}

fn number_word(word: &str) -> Option<i64> {
    const WORDS: [&str; 13] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let word = match word {
        "a" | "an" => "one",
        other => other,
    };
    WORDS.iter().position(|w| *w == word).and_then(|n| i64::try_from(n).ok()).or_else(|| word.parse().ok())
}

fn weekday_named(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn unit_named(word: &str) -> Option<OffsetUnit> {
    Some(match word.strip_suffix('s').unwrap_or(word) {
        "day" => OffsetUnit::Day,
        "week" => OffsetUnit::Week,
        "month" => OffsetUnit::Month,
        "year" => OffsetUnit::Year,
        _ => return None,
    })
}

impl FromStr for Relative {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let lower = text.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let parsed = match words.as_slice() {
            ["today"] => Some(Relative::Days(0)),
            ["yesterday"] => Some(Relative::Days(-1)),
            ["tomorrow"] => Some(Relative::Days(1)),
            [month] if month_named(month).is_some() => month_named(month).map(|m| Relative::Month(m, None)),
            [which, unit @ ("year" | "quarter" | "month")] => {
                let unit = match *unit {
                    "year" => CalendarUnit::Year,
                    "quarter" => CalendarUnit::Quarter,
                    _ => CalendarUnit::Month,
                };
                which_offset(which).map(|k| Relative::Calendar(unit, k))
            }
            [month, which, "year"] if month_named(month).is_some() => {
                month_named(month).zip(which_offset(which)).map(|(m, k)| Relative::Month(m, Some(k)))
            }
            [which, day] => {
                let choice = match *which {
                    "this" => Some(WeekdayChoice::This),
                    "last" => Some(WeekdayChoice::Last),
                    "next" => Some(WeekdayChoice::Next),
                    _ => None,
                };
                choice.zip(weekday_named(day)).map(|(c, d)| Relative::Weekday(c, d))
            }
            words if words.contains(&"to") => months_to(words),
            [n, unit, direction] => {
                let sign = match *direction {
                    "later" | "after" => Some(1),
                    "earlier" | "before" | "ago" => Some(-1),
                    _ => None,
                };
                match (number_word(n), unit_named(unit), sign) {
                    (Some(n), Some(unit), Some(sign)) => Some(Relative::Offset(sign * n, unit)),
                    _ => None,
                }
            }
            _ => None,
        };
        parsed.ok_or(DateError {
            message: format!("`{}` is neither a date nor a relative date I can resolve", text.trim()),
            help: RELATIVE_HELP,
        })
    }
}

impl fmt::Display for Relative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Relative::Days(0) => f.write_str("today"),
            Relative::Days(-1) => f.write_str("yesterday"),
            Relative::Days(1) => f.write_str("tomorrow"),
            Relative::Days(n) => write!(f, "{n} days later"),
            Relative::Weekday(choice, day) => {
                let which = match choice {
                    WeekdayChoice::This => "this",
                    WeekdayChoice::Last => "last",
                    WeekdayChoice::Next => "next",
                };
                write!(f, "{which} {}", weekday_name(day))
            }
            Relative::Offset(n, unit) => {
                let unit = match unit {
                    OffsetUnit::Day => "day",
                    OffsetUnit::Week => "week",
                    OffsetUnit::Month => "month",
                    OffsetUnit::Year => "year",
                };
                let plural = if n.abs() == 1 { "" } else { "s" };
                let direction = if n < 0 { "earlier" } else { "later" };
                write!(f, "{} {unit}{plural} {direction}", n.abs())
            }
            Relative::Calendar(unit, k) => {
                let which = match k {
                    -1 => "last",
                    1 => "next",
                    _ => "this",
                };
                let unit = match unit {
                    CalendarUnit::Year => "year",
                    CalendarUnit::Quarter => "quarter",
                    CalendarUnit::Month => "month",
                };
                write!(f, "{which} {unit}")
            }
            Relative::Month(m, None) => f.write_str(month_name(m)),
            Relative::Month(m, Some(k)) => {
                let which = match k {
                    -1 => "last",
                    1 => "next",
                    _ => "this",
                };
                write!(f, "{} {which} year", month_name(m))
            }
            Relative::MonthsTo(n, end) => {
                let end = match end {
                    MonthEnd::Named(m) => month_name(m).to_owned(),
                    MonthEnd::Of(y, m) => format!("{y:04}-{m:02}"),
                };
                if n == 12 { write!(f, "the year to {end}") } else { write!(f, "the {n} months to {end}") }
            }
        }
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

fn shift_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::SignedDuration::from_hours(days.checked_mul(24)?)).ok()
}

fn resolve_day(rel: Relative, anchor: Date) -> Option<Date> {
    match rel {
        Relative::Days(n) => shift_days(anchor, n),
        Relative::Weekday(choice, day) => {
            let anchor_offset = i64::from(anchor.weekday().to_monday_zero_offset());
            let target_offset = i64::from(day.to_monday_zero_offset());
            let delta = match choice {
                WeekdayChoice::This => target_offset - anchor_offset,
                WeekdayChoice::Last => -(anchor_offset - target_offset - 1).rem_euclid(7) - 1,
                WeekdayChoice::Next => (target_offset - anchor_offset - 1).rem_euclid(7) + 1,
            };
            shift_days(anchor, delta)
        }
        Relative::Offset(n, unit) => match unit {
            OffsetUnit::Day => shift_days(anchor, n),
            OffsetUnit::Week => shift_days(anchor, n.checked_mul(7)?),
            OffsetUnit::Month | OffsetUnit::Year => None,
        },
        Relative::Calendar(..) | Relative::Month(..) | Relative::MonthsTo(..) => None,
    }
}

fn shift_month(year: i16, month: i8, months: i64) -> Option<(i16, i8)> {
    let index = i64::from(year) * 12 + i64::from(month - 1) + months;
    let year = i16::try_from(index.div_euclid(12)).ok().filter(|y| YEARS.contains(y))?;
    let month = i8::try_from(index.rem_euclid(12) + 1).ok()?;
    Some((year, month))
}

/// The latest month `month` begun by `day`: in `day`'s year if it has
/// started, otherwise in the year before.
fn latest_month(day: Date, month: i8) -> (i16, i8) {
    if month <= day.month() { (day.year(), month) } else { (day.year() - 1, month) }
}

fn month_window(y: i16, m: i8) -> Option<DateWindow> {
    YEARS.contains(&y).then(|| PartialDate::Month(y, m).window())
}

impl Relative {
    /// The window a calendar-period expression means on `day`, or `None`
    /// for the expressions that are not periods.
    fn period_on(self, day: Date) -> Option<Option<DateWindow>> {
        Some(match self {
            Relative::Calendar(CalendarUnit::Year, k) => {
                let y = i16::try_from(i64::from(day.year()) + k).ok().filter(|y| YEARS.contains(y));
                y.map(|y| PartialDate::Year(y).window())
            }
            Relative::Calendar(CalendarUnit::Quarter, k) => {
                let first = (day.month() - 1) / 3 * 3 + 1;
                shift_month(day.year(), first, k.checked_mul(3)?)
                    .map(|(y, m)| PartialDate::Quarter(y, (m - 1) / 3 + 1).window())
            }
            Relative::Calendar(CalendarUnit::Month, k) => {
                shift_month(day.year(), day.month(), k).and_then(|(y, m)| month_window(y, m))
            }
            Relative::Month(m, None) => {
                let (y, m) = latest_month(day, m);
                month_window(y, m)
            }
            Relative::Month(m, Some(k)) => {
                i16::try_from(i64::from(day.year()) + k).ok().and_then(|y| month_window(y, m))
            }
            Relative::MonthsTo(n, end) => {
                let (y, m) = match end {
                    MonthEnd::Named(m) => latest_month(day, m),
                    MonthEnd::Of(y, m) => (y, m),
                };
                let last = month_window(y, m);
                let (fy, fm) = shift_month(y, m, -(n - 1)).unwrap_or((y, m));
                last.zip(month_window(fy, fm)).map(|(last, first)| first.hull(last))
            }
            _ => return None,
        })
    }

    /// The window this expression means when said within `anchor`.
    ///
    /// Each end of the anchor is resolved on its own and the result spans
    /// both, so an uncertain anchor gives an honestly wider answer. Month and
    /// year offsets lower the precision to months or years: "two years later"
    /// from March 2018 is 2020, not March 2020. `None` when the result falls
    /// outside the supported years.
    pub fn resolve(self, anchor: DateWindow) -> Option<DateWindow> {
        let one = |day: Date| -> Option<DateWindow> {
            if let Some(period) = self.period_on(day) {
                return period;
            }
            match self {
                Relative::Offset(n, OffsetUnit::Month) => {
                    let (y, m) = shift_month(day.year(), day.month(), n)?;
                    Some(PartialDate::Month(y, m).window())
                }
                Relative::Offset(n, OffsetUnit::Year) => {
                    let (y, _) = shift_month(day.year(), day.month(), n.checked_mul(12)?)?;
                    Some(PartialDate::Year(y).window())
                }
                _ => resolve_day(self, day).map(DateWindow::day),
            }
        };
        Some(one(anchor.first())?.hull(one(anchor.last())?))
    }
}

/// A date in a claim: written out, or relative to the article or another claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, BorshSerialize, BorshDeserialize)]
pub enum DateExpr {
    /// `2024-08-15`, `2024-08`, `early 2024-09`, `2024-08-16/2024-08-17`.
    Absolute(DateSpec),
    /// `this Thursday`, `two years later`.
    Relative(Relative),
}

impl FromStr for DateExpr {
    type Err = DateError;

    /// Reads a date if the text starts with a digit or a part-of-month word,
    /// and a relative expression otherwise, so errors speak to what was meant.
    fn from_str(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        let first_word = trimmed.split_whitespace().next().unwrap_or("");
        let looks_absolute = trimmed.starts_with(|c: char| c.is_ascii_digit()) && !trimmed.contains(' ')
            || MonthPart::from_name(first_word).is_some();
        if looks_absolute { Ok(DateExpr::Absolute(trimmed.parse()?)) } else { Ok(DateExpr::Relative(trimmed.parse()?)) }
    }
}

impl fmt::Display for DateExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateExpr::Absolute(spec) => write!(f, "{spec}"),
            DateExpr::Relative(rel) => write!(f, "{rel}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::constant(y, m, day)
    }

    fn window(text: &str) -> DateWindow {
        text.parse::<DateSpec>().unwrap().window()
    }

    #[test]
    fn partial_dates_mean_windows() {
        assert_eq!(window("2024"), DateWindow::new(d(2024, 1, 1), d(2024, 12, 31)));
        assert_eq!(window("2024-02"), DateWindow::new(d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(window("early 2024-09"), DateWindow::new(d(2024, 9, 1), d(2024, 9, 10)));
        assert_eq!(window("mid 2024-09"), DateWindow::new(d(2024, 9, 11), d(2024, 9, 20)));
        assert_eq!(window("late 2023-02"), DateWindow::new(d(2023, 2, 21), d(2023, 2, 28)));
        assert_eq!(window("2024-08-15"), DateWindow::day(d(2024, 8, 15)));
        assert_eq!(window("2024-08-16/2024-08-17"), DateWindow::new(d(2024, 8, 16), d(2024, 8, 17)));
    }

    #[test]
    fn dates_print_as_written() {
        for text in ["2024", "2024-08", "late 2024-09", "2024-08-15", "2024-08-16/2024-08-17"] {
            assert_eq!(text.parse::<DateSpec>().unwrap().to_string(), text);
            assert_eq!(window(text).to_string(), text);
        }
    }

    #[test]
    fn impossible_dates_are_refused_with_a_reason() {
        let err = "2024-02-30".parse::<PartialDate>().unwrap_err();
        assert_eq!(err.message, "`2024-02-30` is not a date: 2024-02 has 29 days");
        assert!("2024-13".parse::<PartialDate>().unwrap_err().message.contains("month 13"));
        assert!("24-01".parse::<PartialDate>().is_err());
        assert!("soon 2024-01".parse::<PartialDate>().is_err());
        assert!("early 2024".parse::<PartialDate>().is_err());
        let err = "2024-09/2024-08".parse::<DateSpec>().unwrap_err();
        assert!(err.message.contains("ends before it starts"), "{err}");
    }

    #[test]
    fn this_thursday_is_in_the_anchor_week() {
        let rel: Relative = "this Thursday".parse().unwrap();
        // Friday 16 and Saturday 17 August 2024 both look back to Thursday 15.
        let anchor = DateWindow::new(d(2024, 8, 16), d(2024, 8, 17));
        assert_eq!(rel.resolve(anchor), Some(DateWindow::day(d(2024, 8, 15))));
        // A Monday anchor looks ahead within its week.
        assert_eq!(rel.resolve(DateWindow::day(d(2024, 8, 12))), Some(DateWindow::day(d(2024, 8, 15))));
    }

    #[test]
    fn last_and_next_weekday_are_strict() {
        let thursday = DateWindow::day(d(2024, 8, 15));
        let last: Relative = "last Thursday".parse().unwrap();
        let next: Relative = "next thursday".parse().unwrap();
        assert_eq!(last.resolve(thursday), Some(DateWindow::day(d(2024, 8, 8))));
        assert_eq!(next.resolve(thursday), Some(DateWindow::day(d(2024, 8, 22))));
        let friday = DateWindow::day(d(2024, 8, 16));
        assert_eq!(last.resolve(friday), Some(DateWindow::day(d(2024, 8, 15))));
        assert_eq!(next.resolve(friday), Some(DateWindow::day(d(2024, 8, 22))));
    }

    #[test]
    fn year_offsets_lower_precision_to_years() {
        let rel: Relative = "two years later".parse().unwrap();
        assert_eq!(rel.resolve(window("2018-03")), Some(window("2020")));
        let rel: Relative = "3 months earlier".parse().unwrap();
        assert_eq!(rel.resolve(window("2024-08-16")), Some(window("2024-05")));
        let rel: Relative = "yesterday".parse().unwrap();
        assert_eq!(rel.resolve(window("2024-03-01")), Some(window("2024-02-29")));
    }

    #[test]
    fn uncertain_anchors_widen_the_result() {
        let rel: Relative = "yesterday".parse().unwrap();
        assert_eq!(rel.resolve(window("2024-08-16/2024-08-17")), Some(window("2024-08-15/2024-08-16")));
    }

    #[test]
    fn expressions_pick_their_reading() {
        assert!(matches!("2024-08-15".parse::<DateExpr>(), Ok(DateExpr::Absolute(_))));
        assert!(matches!("early 2024-09".parse::<DateExpr>(), Ok(DateExpr::Absolute(_))));
        assert!(matches!("this Thursday".parse::<DateExpr>(), Ok(DateExpr::Relative(_))));
        let err = "soonish".parse::<DateExpr>().unwrap_err();
        assert!(err.message.contains("neither a date nor a relative date"));
    }

    #[test]
    fn days_outside_counts_the_gap() {
        let claimed = window("early 2024-09");
        assert_eq!(claimed.days_outside(window("2024-09-27")), 17);
        assert_eq!(window("2023-10-17").days_outside(window("2023-10-07")), -10);
        assert_eq!(claimed.days_outside(window("2024-09-05")), 0);
    }

    #[test]
    fn quarters_are_three_months() {
        assert_eq!(window("2023-Q2"), DateWindow::new(d(2023, 4, 1), d(2023, 6, 30)));
        assert_eq!(window("2023-Q2").to_string(), "2023-Q2");
        assert_eq!(window("2023-01/2023-03").to_string(), "2023-Q1");
        assert!("2023-Q5".parse::<PartialDate>().is_err());
        assert!("2023-Q".parse::<PartialDate>().is_err());
    }

    fn resolve(text: &str, anchor: &str) -> String {
        let rel: Relative = text.parse().unwrap();
        rel.resolve(window(anchor)).unwrap().to_string()
    }

    #[test]
    fn periods_relative_to_the_article() {
        assert_eq!(resolve("last year", "2023-05-16"), "2022");
        assert_eq!(resolve("this quarter", "2023-05-16"), "2023-Q2");
        assert_eq!(resolve("last quarter", "2023-02-01"), "2022-Q4");
        assert_eq!(resolve("last month", "2023-01-10"), "2022-12");
        assert_eq!(resolve("April", "2023-05-16"), "2023-04");
        assert_eq!(resolve("June", "2023-05-16"), "2022-06");
        assert_eq!(resolve("May", "2023-05-16"), "2023-05");
        assert_eq!(resolve("June last year", "2023-05-16"), "2022-06");
        assert_eq!(resolve("the three months to March", "2023-05-16"), "2023-Q1");
        assert_eq!(resolve("3 months to April", "2023-05-16"), "2023-02/2023-04");
        assert_eq!(resolve("the year to June", "2023-05-16"), "2021-07/2022-06");
        assert_eq!(resolve("the year to June 2023", "2023-05-16"), "2022-07/2023-06");
        assert_eq!(resolve("12 months to 2023-03", "2024-01-01"), "2022-04/2023-03");
        for text in
            ["last year", "this quarter", "April", "June last year", "the 3 months to March", "the year to June"]
        {
            let rel: Relative = text.parse().unwrap();
            assert_eq!(rel.to_string(), text);
        }
    }

    #[test]
    fn periods_relate_as_periods() {
        let w = window;
        assert_eq!(w("2023-04").relation(w("2023-04")), PeriodRelation::Equal);
        assert_eq!(w("2023-04").relation(w("2023-Q2")), PeriodRelation::Inside);
        assert_eq!(w("2023-Q2").relation(w("2023-04")), PeriodRelation::Contains);
        assert_eq!(w("2023-01/2023-03").relation(w("2023-02/2023-04")), PeriodRelation::Overlapping);
        assert_eq!(w("2023-03").relation(w("2023-04")), PeriodRelation::Adjacent);
        assert_eq!(w("2023-01").relation(w("2023-04")), PeriodRelation::Separate);
    }

    #[test]
    fn periods_step_by_their_length() {
        assert_eq!(window("2023-Q1").shift(-1).unwrap().to_string(), "2022-Q4");
        assert_eq!(window("2023").shift(-1).unwrap().to_string(), "2022");
        assert_eq!(window("2023-03").shift(1).unwrap().to_string(), "2023-04");
        assert_eq!(window("2023-02/2023-04").shift(-1).unwrap().to_string(), "2022-11/2023-01");
        assert_eq!(window("2024-08-15").shift(2).unwrap().to_string(), "2024-08-17");
        assert!(window("2023-03").same_length(window("2023-02")));
        assert!(!window("2023-03").same_length(window("2023-Q1")));
    }
}
