//! Work done in a task of its own after a change, where only the newest change counts:
//! a change scheduled before the previous one ran replaces it.

use std::time::Duration;

use leptos::prelude::*;

/// Schedules the work of the newest change (see the module documentation).
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<u64>);

impl Latest {
    /// A scheduler with nothing scheduled.
    pub fn new() -> Self {
        Self(StoredValue::new(0))
    }

    /// Runs `work` after `delay` unless another call comes first.
    pub fn schedule(self, delay: Duration, work: impl FnOnce() + 'static) {
        self.0.update_value(|g| *g += 1);
        let mine = self.0.get_value();
        set_timeout(
            move || {
                if self.0.try_get_value() == Some(mine) {
                    work();
                }
            },
            delay,
        );
    }
}
