//! Side-by-side comparison of two configurations: two jobs' effective configurations,
//! or what two environments impose on their jobs (section by section).

use std::collections::{BTreeMap, BTreeSet};

use super::EffectiveConfig;
use super::environment::{
    DefaultValue, DefaultsSection, ENVIRONMENT_PRECEDENCE, EnvironmentDefaults,
    environment_defaults,
};
use crate::core::design::Design;
use crate::core::graph::Graph;
use crate::core::model::ResourceId;

/// How the two sides of a key relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difference {
    /// Both sides set the key to different values.
    Different,
    /// Only the left side sets the key.
    OnlyLeft,
    /// Only the right side sets the key.
    OnlyRight,
    /// Both sides set the key to the same value.
    Same,
}

impl Difference {
    /// A short word for markup and tests (`different`, `only-left`, `only-right`, `same`).
    pub fn as_str(self) -> &'static str {
        match self {
            Difference::Different => "different",
            Difference::OnlyLeft => "only-left",
            Difference::OnlyRight => "only-right",
            Difference::Same => "same",
        }
    }
}

/// One key on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparedKey {
    /// The key.
    pub key: String,
    /// The left value, if set.
    pub left: Option<String>,
    /// The right value, if set.
    pub right: Option<String>,
    /// How they relate.
    pub difference: Difference,
}

/// Compares two key → value maps: every key of either, the differing ones first
/// (different, only left, only right), then the equal ones, each group by key.
pub fn compare_maps(left: &BTreeMap<&str, &str>, right: &BTreeMap<&str, &str>) -> Vec<ComparedKey> {
    let keys: BTreeSet<&str> = left.keys().chain(right.keys()).copied().collect();
    let mut rows: Vec<ComparedKey> = keys
        .into_iter()
        .map(|key| {
            let (l, r) = (left.get(key).copied(), right.get(key).copied());
            let difference = match (l, r) {
                (Some(a), Some(b)) if a == b => Difference::Same,
                (Some(_), Some(_)) => Difference::Different,
                (Some(_), None) => Difference::OnlyLeft,
                _ => Difference::OnlyRight,
            };
            let owned = |v: Option<&str>| v.map(str::to_string);
            ComparedKey { key: key.to_string(), left: owned(l), right: owned(r), difference }
        })
        .collect();
    crate::core::sort::sort_by(&mut rows, |a, b| {
        let group = |d: Difference| d == Difference::Same;
        group(a.difference).cmp(&group(b.difference)).then_with(|| a.key.cmp(&b.key))
    });
    rows
}

/// Compares two jobs' effective configurations by final value.
pub fn compare_configs(left: &EffectiveConfig, right: &EffectiveConfig) -> Vec<ComparedKey> {
    let values = |c: &EffectiveConfig| -> BTreeMap<String, String> {
        c.entries.values().map(|e| (e.key.clone(), e.value.clone())).collect()
    };
    let (l, r) = (values(left), values(right));
    // Two jobs may resolve a key under different canonical names (different Flink
    // versions): the right side is looked up by either name.
    let mut right_by_left: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in &r {
        let key = left.get(k).map_or_else(|| k.clone(), |e| e.key.clone());
        right_by_left.insert(key, v.clone());
    }
    compare_maps(&borrowed(&l), &borrowed(&right_by_left))
}

fn borrowed(m: &BTreeMap<String, String>) -> BTreeMap<&str, &str> {
    m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// One defaults block of two environments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparedSection {
    /// Which block.
    pub section: DefaultsSection,
    /// Its keys, differences first.
    pub keys: Vec<ComparedKey>,
}

impl ComparedSection {
    /// How many keys differ.
    pub fn differences(&self) -> usize {
        self.keys.iter().filter(|k| k.difference != Difference::Same).count()
    }
}

/// Two environments side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvironmentComparison {
    /// The left environment's defaults and jobs.
    pub left: EnvironmentDefaults,
    /// The right environment's defaults and jobs.
    pub right: EnvironmentDefaults,
    /// The blocks either environment sets, in [`DefaultsSection::ALL`] order.
    pub sections: Vec<ComparedSection>,
    /// Who wins between an environment and its jobs, in plain words.
    pub precedence: &'static str,
}

impl EnvironmentComparison {
    /// How many keys differ, over all sections.
    pub fn differences(&self) -> usize {
        self.sections.iter().map(ComparedSection::differences).sum()
    }
}

/// Compares what two environments impose, section by section.
pub fn compare_defaults(
    left: EnvironmentDefaults,
    right: EnvironmentDefaults,
) -> EnvironmentComparison {
    let values = |m: &BTreeMap<String, DefaultValue>| -> BTreeMap<String, String> {
        m.iter().map(|(k, v)| (k.clone(), v.value.clone())).collect()
    };
    let sections = DefaultsSection::ALL
        .into_iter()
        .map(|section| {
            let (l, r) = (values(left.section(section)), values(right.section(section)));
            ComparedSection { section, keys: compare_maps(&borrowed(&l), &borrowed(&r)) }
        })
        .filter(|s| !s.keys.is_empty())
        .collect();
    EnvironmentComparison { left, right, sections, precedence: ENVIRONMENT_PRECEDENCE }
}

/// Compares the environments `left` and `right` of `design` (`None` when either is not
/// an environment of the design).
pub fn compare_environments(
    design: &Design,
    graph: &Graph,
    left: ResourceId,
    right: ResourceId,
) -> Option<EnvironmentComparison> {
    let read = |id| environment_defaults(design, graph, design.get(id)?);
    Some(compare_defaults(read(left)?, read(right)?))
}

#[cfg(test)]
mod tests;
