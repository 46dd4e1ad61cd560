//! The findings of a validation as a change to the previous ones, so that the worker
//! sends (and the page reads) only what an edit changed: at 10,000 resources the whole
//! list is thousands of findings, a rename changes a few.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::core::finding::{self, Finding};
use crate::core::model::ResourceId;

/// One step of a [`FindingsDelta`], applied in order to the previous findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// The next findings of the previous list stay.
    Keep(usize),
    /// The next findings of the previous list go.
    Drop(usize),
    /// New findings, each with the id of the resource it is about.
    Add(Vec<(Option<ResourceId>, Finding)>),
}

/// How to turn the previous findings (`base` of them) into the new ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingsDelta {
    /// How many findings the previous list has.
    pub base: usize,
    /// What to do with them, in order.
    pub steps: Vec<Step>,
}

impl FindingsDelta {
    /// The steps from `old` to `new`, both sorted like [`finding::sort`]: one walk over
    /// both lists.
    pub fn between(old: &[Finding], new: &[Finding]) -> Self {
        let mut steps: Vec<Step> = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            let step = match (old.get(i), new.get(j)) {
                (Some(a), Some(b)) if a == b && a.resource_id == b.resource_id => {
                    i += 1;
                    j += 1;
                    Step::Keep(1)
                }
                (Some(a), Some(b)) if finding::order(a, b) == Ordering::Greater => {
                    j += 1;
                    Step::Add(vec![(b.resource_id, b.clone())])
                }
                (Some(_), _) => {
                    i += 1;
                    Step::Drop(1)
                }
                (None, Some(b)) => {
                    j += 1;
                    Step::Add(vec![(b.resource_id, b.clone())])
                }
                (None, None) => unreachable!("the loop ends when both lists are walked"),
            };
            push(&mut steps, step);
        }
        Self { base: old.len(), steps }
    }

    /// The findings added, in all.
    pub fn added(&self) -> usize {
        self.steps.iter().map(|s| if let Step::Add(v) = s { v.len() } else { 0 }).sum()
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
        let mut out = Vec::with_capacity(old.len() + self.added());
        let mut at = 0;
        for step in &self.steps {
            match step {
                Step::Keep(n) | Step::Drop(n) if at + n > old.len() => {
                    return Err(format!("a step goes past the {} findings held", old.len()));
                }
                Step::Keep(n) => {
                    out.extend_from_slice(&old[at..at + n]);
                    at += n;
                }
                Step::Drop(n) => at += n,
                Step::Add(added) => out.extend(added.iter().map(|(id, f)| {
                    let mut f = f.clone();
                    f.resource_id = *id;
                    f
                })),
            }
        }
        if at != old.len() {
            return Err(format!("the steps cover {at} of the {} findings held", old.len()));
        }
        Ok(out)
    }
}

/// Appends `step`, merging it into the last step when they are alike.
fn push(steps: &mut Vec<Step>, step: Step) {
    match (steps.last_mut(), step) {
        (Some(Step::Keep(n)), Step::Keep(m)) | (Some(Step::Drop(n)), Step::Drop(m)) => *n += m,
        (Some(Step::Add(v)), Step::Add(w)) => v.extend(w),
        (_, step) => steps.push(step),
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
            if delta.added() * 10 < new.len() {
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
        assert_eq!(delta.steps, [Step::Drop(1), Step::Keep(old.len() - 1)]);
        assert!(delta.apply(&old[1..]).is_err());
        assert_eq!(delta.apply(&old).expect("applies"), &old[1..]);
    }
}
