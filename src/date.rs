//! Calendar dates at the precision people write them: partial dates, date
//! windows, and relative expressions such as "this Thursday".
//!
//! Everything here is plain arithmetic on [`jiff::civil::Date`]; this module
//! knows nothing about claims or facts. A partial date stands for the closed
//! window of days it could mean (`2024-08` is 1–31 August 2024), and every
//! comparison works on those windows.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Weekday};

/// A part of a month, as in "early September".
///
/// Early is days 1–10, mid is days 11–20 and late is day 21 to the month's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A whole year.
    Year,
    /// A whole month.
    Month,
    /// A third of a month (early, mid, late).
    PartOfMonth,
    /// One day.
    Day,
}

/// A date known to year, month, part-of-month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// `2024`
    Year(i16),
    /// `2024-08`
    Month(i16, i8),
    /// `early 2024-09`, `mid 2024-09`, `late 2024-09`
    PartOfMonth(MonthPart, i16, i8),
    /// `2024-08-15`
    Day(Date),
}

impl PartialDate {
    /// The precision this date was written with.
    pub fn precision(self) -> Precision {
        match self {
            PartialDate::Year(_) => Precision::Year,
            PartialDate::Month(..) => Precision::Month,
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

const DATE_HELP: &str = "write a date as `2024`, `2024-08`, `early 2024-09` (also `mid`, `late`) or `2024-08-15`";

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

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let whole = text;
        let text = text.trim();
        if let Some((part, rest)) = text.split_once(' ') {
            let part = MonthPart::from_name(part).ok_or_else(|| {
                date_error(format!("`{whole}` starts with `{part}`, which is not `early`, `mid` or `late`"))
            })?;
            return match PartialDate::from_str(rest.trim())? {
                PartialDate::Month(y, m) => Ok(PartialDate::PartOfMonth(part, y, m)),
                _ => Err(date_error(format!("`{whole}`: `{}` takes a month such as `2024-09`", part.name()))),
            };
        }
        let pieces: Vec<&str> = text.split('-').collect();
        match pieces.as_slice() {
            [y] => Ok(PartialDate::Year(parse_year(y, whole)?)),
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
            PartialDate::PartOfMonth(p, y, m) => write!(f, "{} {y:04}-{m:02}", p.name()),
            PartialDate::Day(d) => write!(f, "{d}"),
        }
    }
}

/// A closed window of days, `first..=last`; the unit all date checks compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateWindow {
    first: Date,
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
            PartialDate::Month(first.year(), first.month()),
            PartialDate::PartOfMonth(MonthPart::Early, first.year(), first.month()),
            PartialDate::PartOfMonth(MonthPart::Mid, first.year(), first.month()),
            PartialDate::PartOfMonth(MonthPart::Late, first.year(), first.month()),
        ];
        candidates.into_iter().find(|p| p.window() == self)
    }
}

impl fmt::Display for DateWindow {
    /// Prints the window the way it would be written: `2024-08`, `early 2024-09`,
    /// or `2024-08-16/2024-08-17` when no partial date means exactly it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_partial() {
            Some(p) => write!(f, "{p}"),
            None => write!(f, "{}/{}", self.first, self.last),
        }
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.duration_until(b).as_secs().div_euclid(86_400)
}

/// A date as written in data: one partial date or an interval `A/B` of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
        let Some((a, b)) = text.split_once('/') else {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WeekdayChoice {
    /// "this Thursday": the Thursday of the anchor's ISO week (Monday to Sunday).
    This,
    /// "last Thursday": the latest Thursday strictly before the anchor.
    Last,
    /// "next Thursday": the earliest Thursday strictly after the anchor.
    Next,
}

/// The unit of a relative offset such as "two years later".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

/// A date written relative to another date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relative {
    /// `today`, `yesterday`, `tomorrow`: a shift of -1, 0 or 1 days.
    Days(i64),
    /// `this|last|next <weekday>`.
    Weekday(WeekdayChoice, Weekday),
    /// `<n> <unit>s later|after|earlier|before|ago`.
    Offset(i64, OffsetUnit),
}

const RELATIVE_HELP: &str =
    "write `this Thursday`, `last Monday`, `next Friday`, `yesterday`, or `two years later` / `3 months earlier`";

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
            [which, day] => {
                let choice = match *which {
                    "this" => Some(WeekdayChoice::This),
                    "last" => Some(WeekdayChoice::Last),
                    "next" => Some(WeekdayChoice::Next),
                    _ => None,
                };
                choice.zip(weekday_named(day)).map(|(c, d)| Relative::Weekday(c, d))
            }
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
    }
}

fn shift_month(year: i16, month: i8, months: i64) -> Option<(i16, i8)> {
    let index = i64::from(year) * 12 + i64::from(month - 1) + months;
    let year = i16::try_from(index.div_euclid(12)).ok().filter(|y| YEARS.contains(y))?;
    let month = i8::try_from(index.rem_euclid(12) + 1).ok()?;
    Some((year, month))
}

impl Relative {
    /// The window this expression means when said within `anchor`.
    ///
    /// Each end of the anchor is resolved on its own and the result spans
    /// both, so an uncertain anchor gives an honestly wider answer. Month and
    /// year offsets lower the precision to months or years: "two years later"
    /// from March 2018 is 2020, not March 2020. `None` when the result falls
    /// outside the supported years.
    pub fn resolve(self, anchor: DateWindow) -> Option<DateWindow> {
        let one = |day: Date| -> Option<DateWindow> {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
}
