//! Edges shown a batch at a time: when a new drawing brings many edges the canvas does not
//! show yet (a drop re-routes every edge of a busy node), they are added [`BATCH`] per
//! task, so that creating their elements never blocks the page for long. Edges no longer
//! drawn go at once; those that stay are not touched.

use std::time::Duration;

use leptos::prelude::*;
use rustc_hash::FxHashSet;

use super::cull::EdgeItem;
use crate::ui::latest::Latest;

/// New edges added per task.
const BATCH: usize = 100;

/// The edges the canvas shows, following a target list a batch at a time. `Copy`.
#[derive(Clone, Copy)]
pub struct Staged {
    /// What is shown (the canvas's `For` reads it).
    pub shown: RwSignal<Vec<EdgeItem>>,
    /// True while some edges of the target are not shown yet.
    pub behind: RwSignal<bool>,
    latest: Latest,
}

impl Staged {
    /// Shows `target` (a memo of the edges to draw), a batch of new edges per task.
    pub fn follow(target: Memo<Vec<EdgeItem>>) -> Self {
        let this = Self {
            shown: RwSignal::new(Vec::new()),
            behind: RwSignal::new(false),
            latest: Latest::new(),
        };
        Effect::new(move |_| {
            let fresh = target.with(|t| {
                this.shown.with_untracked(|shown| {
                    let now: FxHashSet<&EdgeItem> = shown.iter().collect();
                    t.iter().filter(|e| !now.contains(e)).count()
                })
            });
            this.show(target, fresh.min(BATCH), fresh);
        });
        this
    }

    /// Shows the target's edges already shown and the first `upto` of its new ones (of
    /// `fresh`); schedules the next batch.
    fn show(self, target: Memo<Vec<EdgeItem>>, upto: usize, fresh: usize) {
        let next: Vec<EdgeItem> = target.with_untracked(|t| {
            self.shown.with_untracked(|shown| {
                let now: FxHashSet<&EdgeItem> = shown.iter().collect();
                let mut added = 0;
                t.iter()
                    .filter(|e| {
                        now.contains(e) || {
                            added += 1;
                            added <= upto
                        }
                    })
                    .cloned()
                    .collect()
            })
        });
        self.shown.set(next);
        let behind = upto < fresh;
        if self.behind.get_untracked() != behind {
            self.behind.set(behind);
        }
        if behind {
            // The rest of this target, unless it changes first (then the effect starts over).
            self.latest.schedule(Duration::ZERO, move || {
                self.show(target, BATCH.min(fresh - upto), fresh - upto)
            });
        } else {
            // Nothing left of an older target's batches.
            self.latest.schedule(Duration::ZERO, || {});
        }
    }
}
