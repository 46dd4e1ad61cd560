//! Bringing the findings of a run up to date: what the rules and subjects re-checked
//! found now, merged into the previous sorted list.

use super::derived::relocate;
use crate::core::design::Design;
use crate::core::finding::{self, Finding};
use crate::core::model::ResourceId;

/// The findings of the rules and subjects a run re-checked.
#[derive(Default)]
pub(super) struct Redone {
    /// Rules re-run over the whole design.
    pub rules: Vec<&'static str>,
    /// (rule, subject) re-checked.
    pub subjects: Vec<(&'static str, ResourceId)>,
    /// What they found now.
    pub findings: Vec<Finding>,
}

impl Redone {
    /// `previous` (sorted, located) without what was re-checked, merged with what was
    /// found now: the same list as sorting every cached finding again, without touching
    /// the thousands of findings an edit leaves alone.
    pub fn merge_into(mut self, previous: &[Finding], design: &Design) -> Vec<Finding> {
        relocate(design, &mut self.findings);
        finding::sort(&mut self.findings);
        crate::core::sort::sort_by(&mut self.rules, |a, b| a.cmp(b));
        crate::core::sort::sort_by(&mut self.subjects, |a, b| a.cmp(b));
        let (rules, subjects) = (&self.rules, &self.subjects);
        let replaced = |f: &Finding| {
            let rule = f.rule.as_str();
            rules.binary_search(&rule).is_ok()
                || f.resource_id.is_some_and(|id| subjects.binary_search(&(rule, id)).is_ok())
        };
        let mut out = Vec::with_capacity(previous.len() + self.findings.len());
        let mut fresh = self.findings.into_iter().peekable();
        for f in previous.iter().filter(|f| !replaced(f)) {
            while let Some(n) = fresh.next_if(|n| finding::order(n, f).is_lt()) {
                out.push(n);
            }
            out.push(f.clone());
        }
        out.extend(fresh);
        out
    }
}
