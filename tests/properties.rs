//! Property tests: the laws the date, tolerance, normalisation, quotation and `add`
//! code must keep for every input, not just the examples in unit tests.

use factcheck::check::{Interval, claimed_interval};
use factcheck::date::{DateSpec, DateWindow, MonthPart, PartialDate, Relative};
use factcheck::model::{Qualifier, Tolerance};
use factcheck::text::{Normalized, normalize};
use jiff::civil::Date;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = Date> {
    (1900i16..2100, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        let first = Date::constant(y, m, 1);
        Date::constant(y, m, d.min(first.days_in_month()))
    })
}

fn partial_date() -> impl Strategy<Value = PartialDate> {
    prop_oneof![
        (1900i16..2100).prop_map(PartialDate::Year),
        (1900i16..2100, 1i8..=12).prop_map(|(y, m)| PartialDate::Month(y, m)),
        (0..3usize, 1900i16..2100, 1i8..=12).prop_map(|(p, y, m)| {
            PartialDate::PartOfMonth([MonthPart::Early, MonthPart::Mid, MonthPart::Late][p], y, m)
        }),
        date().prop_map(PartialDate::Day),
    ]
}

fn window() -> impl Strategy<Value = DateWindow> {
    (date(), date()).prop_map(|(a, b)| DateWindow::new(a, b))
}

fn qualifier() -> impl Strategy<Value = Qualifier> {
    (0..Qualifier::ALL.len()).prop_map(|i| Qualifier::ALL[i])
}

fn contains(interval: Interval, x: f64) -> bool {
    claimed_interval(x, Qualifier::Exact, None).intersect(interval) == claimed_interval(x, Qualifier::Exact, None)
        && !claimed_interval(x, Qualifier::Exact, None).intersect(interval).is_empty()
}

proptest! {
    #[test]
    fn partial_dates_print_and_read_back(p in partial_date()) {
        let text = p.to_string();
        prop_assert_eq!(text.parse::<PartialDate>().unwrap(), p);
        prop_assert_eq!(text.parse::<DateSpec>().unwrap().window(), p.window());
    }

    #[test]
    fn a_window_is_printed_as_the_date_that_means_it(p in partial_date()) {
        prop_assert_eq!(p.window().to_string(), p.to_string());
    }

    #[test]
    fn finer_dates_lie_inside_coarser_ones(d in date()) {
        let day = PartialDate::Day(d).window();
        let month = PartialDate::Month(d.year(), d.month()).window();
        let year = PartialDate::Year(d.year()).window();
        prop_assert!(month.covers(day) && year.covers(month) && year.covers(day));
        prop_assert!(!day.covers(month) || month == day);
    }

    #[test]
    fn windows_agree_on_containment_and_overlap(a in window(), b in window()) {
        prop_assert_eq!(a.overlaps(b), b.overlaps(a));
        prop_assert_eq!(a.intersect(b), b.intersect(a));
        prop_assert_eq!(a.covers(b), a.intersect(b) == Some(b));
        prop_assert_eq!(a.overlaps(b), a.days_outside(b) == 0);
        let hull = a.hull(b);
        prop_assert!(hull.covers(a) && hull.covers(b));
        if let Some(both) = a.intersect(b) {
            prop_assert!(a.covers(both) && b.covers(both));
        }
    }

    #[test]
    fn days_outside_is_the_gap(a in window(), d in date()) {
        let gap = a.days_outside(DateWindow::day(d));
        if gap > 0 {
            prop_assert_eq!(factcheck::date::days_between(a.last(), d), gap);
        } else if gap < 0 {
            prop_assert_eq!(factcheck::date::days_between(a.first(), d), gap);
        } else {
            prop_assert!(a.contains(d));
        }
    }

    #[test]
    fn day_offsets_undo_each_other(d in date(), n in 0i64..2000) {
        let later: Relative = format!("{n} days later").parse().unwrap();
        let earlier: Relative = format!("{n} days earlier").parse().unwrap();
        let there = later.resolve(DateWindow::day(d)).unwrap();
        prop_assert_eq!(earlier.resolve(there), Some(DateWindow::day(d)));
    }

    #[test]
    fn weekdays_resolve_to_that_weekday_nearby(d in date(), which in 0..3usize, day in 0..7usize) {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        let rel: Relative = format!("{} {}", ["this", "last", "next"][which], names[day]).parse().unwrap();
        let resolved = rel.resolve(DateWindow::day(d)).unwrap();
        prop_assert_eq!(resolved.first(), resolved.last());
        prop_assert_eq!(resolved.first().weekday().to_monday_zero_offset() as usize, day);
        let gap = factcheck::date::days_between(d, resolved.first());
        match which {
            0 => prop_assert!((-6..=6).contains(&gap)),
            1 => prop_assert!((-7..=-1).contains(&gap)),
            _ => prop_assert!((1..=7).contains(&gap)),
        }
    }

    #[test]
    fn a_claimed_value_allows_itself_unless_strict(v in 0.0f64..1e9, q in qualifier()) {
        let allows_itself = !matches!(q, Qualifier::MoreThan | Qualifier::FewerThan);
        prop_assert_eq!(contains(claimed_interval(v, q, None), v), allows_itself);
    }

    #[test]
    fn about_is_ten_percent_either_side(v in 1.0f64..1e9) {
        let about = claimed_interval(v, Qualifier::About, None);
        prop_assert!(contains(about, v * 1.099) && contains(about, v * 0.901));
        prop_assert!(!contains(about, v * 1.101) && !contains(about, v * 0.899));
    }

    #[test]
    fn tolerances_widen_what_is_allowed(v in 0.0f64..1e6, t in 0.0f64..1e3, q in qualifier()) {
        let strict = claimed_interval(v, q, Some(Tolerance::Absolute(0.0)));
        let loose = claimed_interval(v, q, Some(Tolerance::Absolute(t)));
        prop_assert!(loose.covers(strict));
    }

    #[test]
    fn intersection_is_what_both_allow(a in 0.0f64..100.0, b in 0.0f64..100.0, x in 0.0f64..100.0, qa in qualifier(), qb in qualifier()) {
        let (ia, ib) = (claimed_interval(a, qa, None), claimed_interval(b, qb, None));
        prop_assert_eq!(contains(ia.intersect(ib), x), contains(ia, x) && contains(ib, x));
        prop_assert!(ia.covers(ia));
    }

    #[test]
    fn normalising_is_idempotent(s in "\\PC*") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    }

    #[test]
    fn normal_offsets_map_back_inside_the_original(s in "[a-z“”‘’–— \\n…]{0,40}", start in 0usize..40, len in 0usize..40) {
        let normal = Normalized::new(&s);
        let end = (start + len).min(normal.text.len());
        let start = start.min(end);
        if normal.text.is_char_boundary(start) && normal.text.is_char_boundary(end) {
            let range = normal.original_range(start..end);
            prop_assert!(range.start <= range.end && range.end <= s.len());
            prop_assert!(s.is_char_boundary(range.start) && s.is_char_boundary(range.end));
            let back = normalize(&s[range]);
            let slice = normalize(&normal.text[start..end]);
            prop_assert!(back.contains(&slice), "{:?} does not contain {:?}", back, slice);
        }
    }

    #[test]
    fn yaml_scalars_read_back_as_written(s in "\\PC{0,60}") {
        #[derive(serde::Deserialize)]
        struct One {
            v: String,
        }
        let text = format!("v: {}\n", factcheck::yaml::scalar(&s));
        let one: One = factcheck::yaml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(one.v, s);
    }

    #[test]
    fn add_keeps_every_entry_and_adds_the_new_one(
        notes in proptest::collection::vec("\\PC{1,30}", 0..4),
        new_note in "\\PC{1,40}",
    ) {
        // A claims file of opinions with arbitrary notes and comments, plus one more by `add`.
        let mut text = String::from("# header comment\narticle:\n  id: a\n  publisher: P\n  url: https://example.org/\n  published: 2024-01-01\nclaims:\n");
        for (i, note) in notes.iter().enumerate() {
            text.push_str(&format!("  # claim {i}\n  - id: c{i}\n    text: Words here.\n    kind: opinion\n    note: {}\n", factcheck::yaml::scalar(note)));
        }
        if notes.is_empty() {
            text = text.replace("claims:\n", "claims: []\n");
        }
        let entry = vec!["id: new".to_owned(), "text: Words here.".to_owned(), "kind: opinion".to_owned(), format!("note: {}", factcheck::yaml::scalar(&new_note))];
        let after = factcheck::yaml::append_to_sequence(&text, "claims", &entry).unwrap();
        prop_assert!(after.starts_with("# header comment\n"));
        for i in 0..notes.len() {
            let comment = format!("  # claim {i}\n");
            prop_assert!(after.contains(&comment));
        }
        let loaded = factcheck::load::from_str("claims/a.yaml", &after, "Words here.").map_err(|e| TestCaseError::fail(e.to_string()))?;
        let claims = &loaded.project.articles[0].claims;
        prop_assert_eq!(claims.len(), notes.len() + 1);
        let new = claims.iter().find(|c| c.id.as_str() == "new").unwrap();
        prop_assert_eq!(new.note.as_deref(), Some(new_note.as_str()));
        for (i, note) in notes.iter().enumerate() {
            let id = format!("c{i}");
            let old = claims.iter().find(|c| c.id.as_str() == id).unwrap();
            prop_assert_eq!(old.note.as_deref(), Some(note.as_str()));
        }
    }
}

/// Text made of words, quotation marks of every kind, apostrophes,
/// ellipses, brackets and line breaks: what articles and excerpts hold.
fn quoted_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“"),
        Just("”"),
        Just("‘"),
        Just("’"),
        Just("\""),
        Just("'"),
        Just("''"),
        Just("’’"),
        Just("``"),
        Just("«"),
        Just("»"),
        Just("\n"),
        Just("\n\n"),
        Just(" "),
        Just(", "),
        Just(". "),
        Just("..."),
        Just("…"),
        Just("["),
        Just("]"),
        Just("said"),
        Just("he"),
        Just("Ana"),
        Just("we're"),
        Just("five"),
        Just("22%"),
        Just("per cent"),
        Just("colour"),
        Just("not"),
        Just("é"),
        Just("11 000"),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn quotations_lie_inside_the_text_and_never_panic(text in quoted_text()) {
        for (n, q) in factcheck::text::quotation::quotations(&text).into_iter().enumerate() {
            prop_assert!(q.range.end <= text.len());
            for piece in &q.pieces {
                prop_assert!(q.range.start <= piece.start && piece.end <= q.range.end, "{q:?}");
                prop_assert!(text.get(piece.clone()).is_some());
            }
            prop_assert!(q.resumes.is_none_or(|r| r < n), "a quotation resumes an earlier one");
        }
        let _ = factcheck::text::quotation::unbalanced_excerpt(&text, true);
    }

    #[test]
    fn keys_name_words_in_order(text in quoted_text()) {
        let normal = normalize(&text);
        let words = factcheck::text::words::words(&normal);
        let mut last = 0;
        for key in &words.keys {
            prop_assert!(key.words.start >= last, "keys come in word order");
            prop_assert!(key.words.start < key.words.end && key.words.end <= words.spans.len());
            prop_assert!(!key.text.is_empty());
            last = key.words.start;
        }
    }

    #[test]
    fn checking_any_quote_against_any_passage_never_panics(words in quoted_text(), passage in quoted_text()) {
        let claims = format!(
            "article:\n  id: a\n  publisher: P\n  url: https://example.org/a\n  published: 2024-01-02\nclaims:\n  - id: c\n    text: {0}\n    kind: quote\n    speaker: s\n    words: {0}\n",
            factcheck::yaml::scalar(&normalize(&words).replace('\n', " ")),
        );
        let sources = format!(
            "sources:\n  - id: src\n    publisher: P\n    title: T\n    url: https://example.org/s\n    published: 2024-01-01\n    kind: wire\n    excerpts:\n      - text: {}\n        speaker: w\n        quoting: s\n        cut_short: true\n",
            factcheck::yaml::scalar(&normalize(&passage)),
        );
        let files = factcheck::load::Files {
            claims: [("claims/a.yaml".to_owned(), claims)].into(),
            articles: [("a".to_owned(), normalize(&words).replace('\n', " "))].into(),
            sources: Some(sources),
            ..Default::default()
        };
        if let Ok(loaded) = factcheck::load::from_files(&files) {
            let checks = factcheck::check::check_project(&loaded.project, None);
            prop_assert_eq!(checks[0].verdicts.len(), 1);
        }
    }
}
