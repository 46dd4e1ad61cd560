//! The findings of a validation as a change to the previous ones, so that the worker
//! sends (and the page reads) only what an edit changed: at 10,000 resources the whole
//! list is thousands of findings, a rename changes a few.

use std::cmp::Ordering;

use crate::core::finding::{self, Finding};
use crate::core::model::ResourceId;

/// How to turn the previous findings (`base` of them) into the new ones. On the wire it is
/// the reply's `findings` (the added ones) and a line of text ([`FindingsDelta::text`]),
/// so that the bundle needs no decoder of its own for it.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingsDelta {
    /// How many findings the previous list has.
    pub base: usize,
    /// What to do, in order: `n > 0` keeps the next `n` previous findings, `n < 0` drops
    /// the next `-n`, `0` puts in the next finding of `added`.
    pub steps: Vec<i64>,
    /// The new findings, each with the id of the resource it is about.
    pub added: Vec<(Option<ResourceId>, Finding)>,
}

impl FindingsDelta {
    /// The steps from `old` to `new`, both sorted like [`finding::sort`]: one walk over
    /// both lists.
    pub fn between(old: &[Finding], new: &[Finding]) -> Self {
        let mut steps: Vec<i64> = Vec::new();
        let mut added = Vec::new();
        let mut step = |n: i64| match steps.last_mut() {
            Some(last) if n != 0 && ((*last > 0 && n > 0) || (*last < 0 && n < 0)) => *last += n,
            _ => steps.push(n),
        };
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            match (old.get(i), new.get(j)) {
                (Some(a), Some(b)) if a == b && a.resource_id == b.resource_id => {
                    i += 1;
                    j += 1;
                    step(1);
                }
                (Some(a), Some(b)) if finding::order(a, b) != Ordering::Greater => {
                    i += 1;
                    step(-1);
                }
                (Some(_), None) => {
                    i += 1;
                    step(-1);
                }
                (_, Some(b)) => {
                    j += 1;
                    step(0);
                    added.push((b.resource_id, b.clone()));
                }
                (None, None) => unreachable!("the loop ends when both lists are walked"),
            }
        }
        Self { base: old.len(), steps, added }
    }

    /// `base` and the steps as one line of text: `"<base>;<step> <step> …"`.
    pub fn text(&self) -> String {
        let steps: Vec<String> = self.steps.iter().map(i64::to_string).collect();
        format!("{};{}", self.base, steps.join(" "))
    }

    /// The delta a [`text`](Self::text) and the added findings describe.
    pub fn read(text: &str, added: Vec<(Option<ResourceId>, Finding)>) -> Result<Self, String> {
        let unreadable = || format!("'{text}' is no findings delta");
        let (base, steps) = text.split_once(';').ok_or_else(unreadable)?;
        let base = base.parse().map_err(|_| unreadable())?;
        let steps = steps
            .split_ascii_whitespace()
            .map(|n| n.parse().map_err(|_| unreadable()))
            .collect::<Result<_, _>>()?;
        Ok(Self { base, steps, added })
    }

    /// The new findings, from `old` (which must be the list the delta was made from).
    pub fn apply(&self, old: &[Finding]) -> Result<Vec<Finding>, String> {
        if old.len() != self.base {
            return Err(format!(
                "the findings changed from a list of {} but the page holds {}",
                self.base,
                old.len()
            ));
        }
        let mut out = Vec::with_capacity(old.len() + self.added.len());
        let mut added = self.added.iter();
        let mut at = 0;
        for &n in &self.steps {
            let count = n.unsigned_abs() as usize;
            if at + count > old.len() {
                return Err(format!("a step goes past the {} findings held", old.len()));
            }
            if n > 0 {
                out.extend_from_slice(&old[at..at + count]);
            }
            at += count;
            if n == 0 {
                let Some((id, f)) = added.next() else {
                    return Err("a step adds more findings than the delta has".into());
                };
                let mut f = f.clone();
                f.resource_id = *id;
                out.push(f);
            }
        }
        if at != old.len() || added.next().is_some() {
            return Err(format!("the steps cover {at} of the {} findings held", old.len()));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::design::Design;
    use crate::core::generate;
    use crate::core::random_edits::{Rng, edit};
    use crate::core::rules::validate;
    use crate::core::targets::Targets;

    #[test]
    fn a_delta_turns_the_previous_findings_into_the_new_ones() {
        let mut design: Design = generate::design(300);
        let mut rng = Rng(7);
        let mut old = validate(&design, Targets::default());
        let mut small = 0;
        for _ in 0..40 {
            edit(&mut design, &mut rng);
            let new = validate(&design, Targets::default());
            let delta = FindingsDelta::between(&old, &new);
            let applied = delta.apply(&old).expect("applies to the list it was made from");
            assert_eq!(applied, new);
            assert!(applied.iter().zip(&new).all(|(a, b)| a.resource_id == b.resource_id));
            if delta.added.len() * 10 < new.len() {
                small += 1;
            }
            old = new;
        }
        // Most edits change a few findings: the delta carries only those.
        assert!(small >= 30, "only {small} of 40 deltas were small");
    }

    #[test]
    fn a_delta_is_refused_by_another_list() {
        let design = generate::design(60);
        let old = validate(&design, Targets::default());
        let delta = FindingsDelta::between(&old, &old[1..]);
        assert_eq!(delta.steps, [-1, old.len() as i64 - 1]);
        let text = delta.text();
        assert_eq!(FindingsDelta::read(&text, Vec::new()).expect("reads back"), delta);
        assert!(FindingsDelta::read("12;3 x", Vec::new()).is_err());
        assert!(delta.apply(&old[1..]).is_err());
        assert_eq!(delta.apply(&old).expect("applies"), &old[1..]);
    }
}
