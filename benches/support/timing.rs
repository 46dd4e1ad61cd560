//! Timing helpers shared by benches (`#[path]`-included: each bench is its own crate).

use std::time::Duration;

/// The median of `samples`.
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// `d` in milliseconds, right-aligned for tables.
pub fn ms(d: Duration) -> String {
    format!("{:>9.3} ms", d.as_secs_f64() * 1000.0)
}
