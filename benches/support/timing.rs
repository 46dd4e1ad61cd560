//! Timing helpers shared by benches (`#[path]`-included: each bench is its own crate).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The median of `samples`.
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median of `runs` timings of `f`.
#[allow(dead_code)] // not every bench times closures
pub fn median_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

/// `d` in milliseconds, right-aligned for tables.
#[allow(dead_code)] // some benches print their own widths
pub fn ms(d: Duration) -> String {
    format!("{:>9.3} ms", d.as_secs_f64() * 1000.0)
}
