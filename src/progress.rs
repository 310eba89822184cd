//! How far a long run is: loading and checking report their progress
//! through [`Progress`]; [`Bar`] draws it as one line on a terminal.
//!
//! The library calls [`Progress::advance`] from worker threads, so it only
//! adds to counters; a [`Bar`] redraws from its own thread a few times a
//! second, after a short delay so that runs too quick to follow never
//! flash a bar.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A step of a run whose progress is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading and parsing the data files, counted in bytes.
    Loading,
    /// Checking claims, counted in claims.
    Checking,
}

impl Phase {
    fn from_u8(n: u8) -> Option<Phase> {
        match n {
            1 => Some(Phase::Loading),
            2 => Some(Phase::Checking),
            _ => None,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            Phase::Loading => 1,
            Phase::Checking => 2,
        }
    }
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

/// One line showing a phase's progress: what, a bar, the counts, and an
/// estimate of the time left once there is enough to estimate from.
pub fn line(phase: Phase, done: u64, total: u64, elapsed: Duration, width: usize) -> String {
    let done = done.min(total);
    let (what, counts) = match phase {
        Phase::Loading => ("loading", format!("{}/{} MB", mb(done), mb(total))),
        Phase::Checking => ("checking", format!("{}/{} claims", thousands(done), thousands(total))),
    };
    let left = match done {
        0 => String::new(),
        _ if done == total => format!(", {:.1} s", elapsed.as_secs_f64()),
        _ => {
            let rate = elapsed.as_secs_f64() / done as f64;
            format!(", about {} s left", ((rate * (total - done) as f64).round() as u64).max(1))
        }
    };
    let tail = format!(" {counts}{left}");
    let bar_width = width.saturating_sub(what.len() + tail.len() + 4).clamp(10, 40);
    let filled = if total == 0 { bar_width } else { (done as u128 * bar_width as u128 / total as u128) as usize };
    format!("{what:>8} [{}{}]{tail}", "=".repeat(filled), " ".repeat(bar_width - filled))
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
        "stats: {} MB of data in {} files loaded in {:.2} s; {} claims checked in {:.2} s{memory}\n",
        mb(data_bytes),
        thousands(files as u64),
        load.as_secs_f64(),
        thousands(claims),
        check.as_secs_f64(),
    )
}

/// The counters a [`Bar`] shares with its drawing thread.
#[derive(Debug, Default)]
struct State {
    phase: AtomicU8,
    total: AtomicU64,
    done: AtomicU64,
    stop: AtomicBool,
    /// When the current phase began.
    began: Mutex<Option<Instant>>,
}

/// A progress bar drawn on one line of a terminal, redrawn in place.
pub struct Bar {
    state: Arc<State>,
    drawer: Option<JoinHandle<()>>,
}

/// How often the bar is redrawn.
const TICK: Duration = Duration::from_millis(100);

impl Bar {
    /// Draws to `out`, `width` columns wide, starting `delay` after the
    /// first phase begins.
    pub fn new(mut out: impl Write + Send + 'static, width: usize, delay: Duration) -> Bar {
        let state = Arc::new(State::default());
        let shared = Arc::clone(&state);
        let drawer = std::thread::spawn(move || {
            let start = Instant::now();
            let mut drawn = false;
            loop {
                let stopping = shared.stop.load(Ordering::Acquire);
                let began = shared.began.lock().ok().and_then(|b| *b);
                if let (Some(phase), Some(began)) = (Phase::from_u8(shared.phase.load(Ordering::Acquire)), began)
                    && (drawn || start.elapsed() >= delay)
                {
                    let (done, total) = (shared.done.load(Ordering::Relaxed), shared.total.load(Ordering::Relaxed));
                    let text = line(phase, done, total, began.elapsed(), width);
                    // `\r` and erase-line redraw in place.
                    let _ = write!(out, "\r\x1b[2K{text}");
                    let _ = out.flush();
                    drawn = true;
                }
                if stopping {
                    break;
                }
                std::thread::sleep(TICK);
            }
            if drawn {
                // Leave the terminal as it was: the report follows on a clean line.
                let _ = write!(out, "\r\x1b[2K");
                let _ = out.flush();
            }
        });
        Bar { state, drawer: Some(drawer) }
    }

    /// Stops drawing and erases the bar.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.state.stop.store(true, Ordering::Release);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Progress for Bar {
    fn begin(&self, phase: Phase, total: u64) {
        self.state.total.store(total, Ordering::Relaxed);
        self.state.done.store(0, Ordering::Relaxed);
        if let Ok(mut began) = self.state.began.lock() {
            *began = Some(Instant::now());
        }
        self.state.phase.store(phase.as_u8(), Ordering::Release);
    }

    fn advance(&self, n: u64) {
        self.state.done.fetch_add(n, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_counts_a_bar_and_the_time_left() {
        let text = line(Phase::Checking, 25_000, 100_000, Duration::from_secs(1), 80);
        assert_eq!(text, "checking [=======                       ] 25,000/100,000 claims, about 3 s left");
        let text = line(Phase::Loading, 213_000_000, 213_000_000, Duration::from_millis(5_020), 60);
        assert_eq!(text, " loading [===========================] 213.0/213.0 MB, 5.0 s");
        assert_eq!(line(Phase::Checking, 0, 0, Duration::ZERO, 40), "checking [=================] 0/0 claims");
    }

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
            "stats: 200.0 MB of data in 1,012 files loaded in 5.21 s; 100,000 claims checked in 0.83 s; peak memory 450.0 MB, 2.25x the data\n"
        );
        assert!(peak_memory().is_none_or(|bytes| bytes > 0));
    }

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

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
        std::thread::sleep(TICK * 3);
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
