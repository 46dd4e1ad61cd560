//! Runs the rules over a large design a window of resources at a time.
//!
//! A rule that walks its subjects once (`Context::subjects*`) and reports only about the
//! subject it is visiting gives, over consecutive windows of the design, exactly the
//! findings it gives over the whole design: that is the contract of a subject walk, the
//! one the incremental [`Validator`](super::Validator) relies on to re-check a few
//! subjects. Running *every* such rule over one window before moving to the next keeps
//! that window's documents in the processor's caches while two hundred rules read them;
//! rule after rule over 50,000 resources, each rule reads them back from main memory.
//!
//! Rules are sorted out on the way: a rule that starts no walk ignores the window (its
//! findings of the first window are all of them); one that walks twice, or reports about
//! anything but the subject it visits, is run again over the whole design at the end,
//! and what it reported per window is dropped. Findings are sorted at the end, by a key
//! that ties only for findings of one rule about one resource, whose relative order a
//! window keeps, so the result equals a run of rule after rule.

use super::{Context, FAMILIES, Rule, Sink};
use crate::core::finding::Finding;

/// How a rule behaved over the windows so far.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Walked once per window, reporting about the subject only.
    Windowed,
    /// Started no walk: its first run saw the whole design; nothing left to run.
    Whole,
    /// Must run over the whole design.
    Again,
}

/// Every rule's findings over `cx`'s design, `window` resources at a time (unsorted), and
/// how many rules ran window by window.
pub(super) fn run_windowed(cx: &mut Context<'_>, window: usize) -> (Vec<Finding>, usize) {
    let rules: Vec<&'static dyn Rule> = FAMILIES.iter().flat_map(|f| f.iter().copied()).collect();
    let mut modes = vec![Mode::Windowed; rules.len()];
    let mut found: Vec<Vec<Finding>> = vec![Vec::new(); rules.len()];
    let len = cx.resource_count();
    let mut start = 0;
    while start < len {
        let end = (start + window.max(1)).min(len);
        cx.walk_only(Some(start..end));
        for (i, rule) in rules.iter().enumerate() {
            if modes[i] != Mode::Windowed {
                continue;
            }
            cx.take_walks();
            let mut sink = Sink::attributed(*rule, cx.subject_handle());
            rule.check(cx, &mut sink);
            let reported = sink.into_attributed();
            match cx.take_walks() {
                0 => modes[i] = Mode::Whole,
                1 if reported.iter().all(|(f, at)| at.is_some() && f.resource_id == *at) => {}
                _ => {
                    modes[i] = Mode::Again;
                    found[i] = Vec::new();
                    continue;
                }
            }
            found[i].extend(reported.into_iter().map(|(f, _)| f));
        }
        // Merged pod templates are kept per window only (memory at 50,000 resources).
        cx.forget_templates();
        start = end;
    }
    cx.walk_only(None);
    for (i, rule) in rules.iter().enumerate() {
        if modes[i] == Mode::Again {
            let mut sink = Sink::new(*rule);
            rule.check(cx, &mut sink);
            found[i] = sink.into_findings();
            cx.forget_templates();
        }
    }
    let windowed = modes.iter().filter(|m| **m == Mode::Windowed).count();
    (found.into_iter().flatten().collect(), windowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::design::Design;
    use crate::core::generate;
    use crate::core::random_edits::corpus_design;
    use crate::core::targets::Targets;

    /// Findings of a run window by window and of a run rule after rule, both sorted.
    fn both_ways(design: &Design, window: usize) -> (Vec<Finding>, Vec<Finding>, usize) {
        let targets = Targets::of(design, Default::default());
        let mut cx = Context::new(design, targets);
        let (mut windowed, rules) = run_windowed(&mut cx, window);
        crate::core::finding::sort(&mut windowed);
        let mut whole = super::super::one_rule_after_another(&Context::new(design, targets));
        crate::core::finding::sort(&mut whole);
        (windowed, whole, rules)
    }

    #[test]
    fn windows_of_any_size_find_what_one_run_finds() {
        let designs = [("corpus", corpus_design()), ("generated", generate::design(700))];
        for (name, design) in &designs {
            for window in [1, 29, 400] {
                let (windowed, whole, rules) = both_ways(design, window);
                assert!(!whole.is_empty(), "{name}: the design has findings to compare");
                if windowed != whole {
                    let a: Vec<_> = windowed.iter().filter(|f| !whole.contains(f)).collect();
                    let b: Vec<_> = whole.iter().filter(|f| !windowed.contains(f)).collect();
                    panic!("{name}, windows of {window}: only windowed {a:#?}\nonly whole {b:#?}");
                }
                // Most rules really ran window by window (not all sent back to one run).
                assert!(rules >= 100, "{name}, windows of {window}: only {rules} rules windowed");
            }
        }
    }
}
