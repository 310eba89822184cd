//! How far a long run is: loading and checking report their progress
//! through [`Progress`]; [`Bar`] draws it as one line on a terminal, with
//! [`indicatif`], and [`summary`] says what a run cost.
//!
//! The library calls [`Progress::advance`] from worker threads, so it only
//! adds to a counter; indicatif redraws at most a few times a second.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

/// A step of a run whose progress is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading and parsing the data files, counted in bytes.
    Loading,
    /// Checking claims, counted in claims.
    Checking,
}

/// Receives how far a run is. Called from worker threads; must be cheap.
pub trait Progress: Sync {
    /// A phase begins, with `total` units to do.
    fn begin(&self, phase: Phase, total: u64);
    /// `n` more units are done.
    fn advance(&self, n: u64);
}

/// Progress nobody watches.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn begin(&self, _: Phase, _: u64) {}
    fn advance(&self, _: u64) {}
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

/// `n` with thousands separators: `12,500`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The most memory this process has held at once (its peak resident set),
/// in bytes, where the system says (Linux's `/proc/self/status`).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// What a run cost, for `check --stats`: one line.
pub fn summary(
    data_bytes: u64,
    files: usize,
    load: Duration,
    claims: u64,
    check: Duration,
    peak: Option<u64>,
) -> String {
    let memory = match peak {
        Some(peak) if data_bytes > 0 => {
            format!("; peak memory {} MB, {:.2}x the data", mb(peak), peak as f64 / data_bytes as f64)
        }
        Some(peak) => format!("; peak memory {} MB", mb(peak)),
        None => String::new(),
    };
    format!(
        "stats: {} MB of data in {} files loaded in {:.2} s; verdicts of {} claims in {:.2} s{memory}\n",
        mb(data_bytes),
        thousands(files as u64),
        load.as_secs_f64(),
        thousands(claims),
        check.as_secs_f64(),
    )
}

/// The `--stats` line about the caches: how many facts and claims files
/// were parsed and how many taken from the parse cache, how many times
/// facts files were decoded from it, how many claims checked
/// and how many verdicts taken from the record cache.
pub fn cache_summary(
    files: crate::cache::files::FileCounts,
    decoded: usize,
    claims: crate::cache::records::ClaimCounts,
) -> String {
    format!(
        "cache: {} facts and claims files parsed, {} from the cache (facts files decoded: {}); {} claims checked, {} verdicts from the cache\n",
        thousands(files.parsed as u64),
        thousands(files.cached as u64),
        thousands(decoded as u64),
        thousands(claims.checked as u64),
        thousands(claims.reused as u64),
    )
}

/// A progress bar on one line of standard error (or any [`Write`]r), drawn
/// by [`indicatif`] and erased when dropped; it appears only once a phase
/// has run for the delay it was given, so runs too quick to follow never
/// flash a bar. Whether to draw at all (a terminal, `--progress`) is the
/// caller's choice.
pub struct Bar {
    bar: ProgressBar,
    start: Instant,
    delay: Duration,
    /// Where to draw, until the delay has passed and it is handed to the bar.
    target: Mutex<Option<ProgressDrawTarget>>,
}

/// How many times a second the bar is redrawn at most.
const REFRESH_HZ: u8 = 10;

impl Bar {
    /// Draws to `out`, `width` columns wide, starting `delay` after the
    /// bar is made.
    pub fn new(out: impl Write + Send + 'static, width: usize, delay: Duration) -> Bar {
        let line = Line { out: Mutex::new(Box::new(out)), width: u16::try_from(width).unwrap_or(u16::MAX) };
        let target = ProgressDrawTarget::term_like_with_hz(Box::new(line), REFRESH_HZ);
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let bar = Bar { bar, start: Instant::now(), delay, target: Mutex::new(Some(target)) };
        bar.show_when_due();
        bar
    }

    /// Hands the bar its target once the delay has passed.
    fn show_when_due(&self) {
        if self.start.elapsed() < self.delay {
            return;
        }
        if let Some(target) = self.target.lock().ok().and_then(|mut t| t.take()) {
            self.bar.set_draw_target(target);
            self.bar.enable_steady_tick(Duration::from_millis(100));
        }
    }

    /// Stops drawing and erases the bar.
    pub fn finish(self) {}

    /// Runs `f` with the bar erased, and draws it again after: for what
    /// is printed while the bar is shown.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn begin(&self, phase: Phase, total: u64) {
        let template = match phase {
            Phase::Loading => "{prefix:>8} [{bar:30}] {decimal_bytes}/{decimal_total_bytes}, about {eta} left",
            Phase::Checking => "{prefix:>8} [{bar:30}] {human_pos}/{human_len} claims, about {eta} left",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("== "));
        }
        self.bar.set_prefix(match phase {
            Phase::Loading => "loading",
            Phase::Checking => "checking",
        });
        self.bar.reset();
        self.bar.set_length(total);
        self.show_when_due();
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
        if self.target.lock().is_ok_and(|t| t.is_some()) {
            self.show_when_due();
        }
    }
}

/// One line of a terminal that indicatif draws the bar on: any writer,
/// redrawn in place with a carriage return and erase-line.
struct Line {
    out: Mutex<Box<dyn Write + Send>>,
    width: u16,
}

impl std::fmt::Debug for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Line").field("width", &self.width).finish()
    }
}

impl Line {
    fn write(&self, text: &str) -> std::io::Result<()> {
        let mut out = self.out.lock().map_err(|_| std::io::Error::other("the progress line is poisoned"))?;
        out.write_all(text.as_bytes())
    }
}

impl TermLike for Line {
    fn width(&self) -> u16 {
        self.width
    }

    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        if n == 0 { Ok(()) } else { self.write(&format!("\x1b[{n}A")) }
    }

    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        if n == 0 { Ok(()) } else { self.write(&format!("\x1b[{n}B")) }
    }

    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        if n == 0 { Ok(()) } else { self.write(&format!("\x1b[{n}C")) }
    }

    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        if n == 0 { Ok(()) } else { self.write(&format!("\x1b[{n}D")) }
    }

    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.write(&format!("{s}\n"))
    }

    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.write(s)
    }

    fn clear_line(&self) -> std::io::Result<()> {
        self.write("\r\x1b[2K")
    }

    fn flush(&self) -> std::io::Result<()> {
        self.out.lock().map_err(|_| std::io::Error::other("the progress line is poisoned"))?.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_gives_times_and_memory_against_the_data() {
        let text = summary(
            200_000_000,
            1_012,
            Duration::from_millis(5_210),
            100_000,
            Duration::from_millis(830),
            Some(450_000_000),
        );
        assert_eq!(
            text,
            "stats: 200.0 MB of data in 1,012 files loaded in 5.21 s; verdicts of 100,000 claims in 0.83 s; peak memory 450.0 MB, 2.25x the data\n"
        );
        assert!(peak_memory().is_none_or(|bytes| bytes > 0));
    }

    #[derive(Clone, Default)]
    struct Sink(std::sync::Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_bar_draws_in_place_and_erases_itself() {
        let sink = Sink::default();
        let bar = Bar::new(sink.clone(), 80, Duration::ZERO);
        bar.begin(Phase::Checking, 10);
        bar.advance(4);
        std::thread::sleep(Duration::from_millis(300));
        bar.finish();
        let out = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert!(out.contains("4/10 claims"), "{out:?}");
        assert!(out.ends_with("\r\x1b[2K"));
    }

    #[test]
    fn a_run_shorter_than_the_delay_draws_nothing() {
        let sink = Sink::default();
        let bar = Bar::new(sink.clone(), 80, Duration::from_secs(60));
        bar.begin(Phase::Loading, 10);
        bar.advance(10);
        bar.finish();
        assert!(sink.0.lock().unwrap().is_empty());
    }
}
