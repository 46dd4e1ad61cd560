//! Incremental validation: a [`Validator`] keeps what it derived from the last design it
//! saw and, on the next run, recomputes only what an edit can have changed.
//!
//! Invariant: `Validator::run(design, targets)` returns exactly `rules::validate(design,
//! targets)` (same findings, same order) whatever the history of designs before it
//! (`tests::random_edits_match_full_validation`). How:
//! - every resource gets a content fingerprint (`model/fingerprint.rs`; layout, notes and
//!   source positions are not part of it, so moving a node or shifting lines re-runs
//!   nothing);
//! - the graph is rebuilt and compared with the last one: the resources whose references
//!   resolve differently are listed (`Graph::changed_sources`); effective configurations
//!   are recomputed only for resources whose own fingerprint or references, or those of
//!   a resource they read, changed;
//! - each rule runs against a tracking [`Context`] that records what it read
//!   ([`RuleReads`]); a rule whose reads hit no change keeps its findings; a rule that
//!   walks `Context::subjects` re-checks only the subjects whose own reads were hit
//!   (one resource's targets are a read of their own: a rename re-checks what referred
//!   to the old or the new name, not every reader of the graph); a rule that cannot be
//!   re-run per subject runs again when one of its subjects changed or appeared;
//! - file and line of every finding are re-read from the current resources.

mod changes;
mod derived;
mod index;
mod merge;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use changes::{Changes, Snapshot};
use derived::{relocate, update_configs};
use index::SubjectIndex;
use merge::Redone;

use super::reads::RuleReads;
use super::{Context, Rule, Sink, all};
use crate::core::config::{ConfigInputs, ConfigSource, EffectiveConfig, is_job_bearing};
use crate::core::design::Design;
use crate::core::finding::{self, Finding};
use crate::core::graph::Graph;
use crate::core::model::{Kind, ResourceId};
use crate::core::targets::Targets;

/// Validates a sequence of designs (successive edits of one design), reusing the work of
/// the previous run. `Validator::new()` then `validator.run(&design, targets)` after each
/// edit; results equal [`validate`](super::validate).
#[derive(Default)]
pub struct Validator {
    state: Option<State>,
    stats: RunStats,
}

/// What the last [`Validator::run`] did, for benchmarks and diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Rules run over the whole design.
    pub full: Vec<&'static str>,
    /// Rules re-run for some subjects only.
    pub partial: Vec<&'static str>,
    /// Rules whose findings were reused as they were.
    pub reused: usize,
    /// Resources whose effective configurations were recomputed.
    pub configs_recomputed: usize,
}

struct State {
    targets: Targets,
    snapshot: Snapshot,
    graph: Arc<Graph>,
    configs: HashMap<ResourceId, (Vec<Arc<EffectiveConfig>>, ConfigInputs)>,
    rules: Vec<RuleCache>,
    findings: Arc<Vec<Finding>>,
}

/// The findings of one rule and what they were derived from.
struct RuleCache {
    reads: RuleReads,
    /// Findings by subject (separable rules), or all under `None`.
    by_subject: HashMap<Option<ResourceId>, Vec<Finding>>,
    separable: bool,
    /// Reverse index of `reads.per_subject`.
    index: SubjectIndex,
}

impl Validator {
    /// A validator with nothing cached.
    pub fn new() -> Self {
        Self::default()
    }

    /// The design graph of the last run, shared rather than rebuilt (`None` before the
    /// first run). Callers that also need the graph use it instead of building their own.
    pub fn graph(&self) -> Option<Arc<Graph>> {
        self.state.as_ref().map(|s| Arc::clone(&s.graph))
    }

    /// What the last run recomputed.
    pub fn stats(&self) -> &RunStats {
        &self.stats
    }

    /// Validates `design` and returns its findings, sorted like [`validate`](super::validate).
    pub fn run(&mut self, design: &Design, targets: Targets) -> Arc<Vec<Finding>> {
        let snapshot = Snapshot::of(design);
        self.stats = RunStats::default();
        let previous = self.state.take().filter(|s| s.targets == targets);
        let Some(mut state) = previous else {
            let state = full_run(design, targets, snapshot);
            self.stats.full = all().map(|r| r.id()).collect();
            let out = state.findings.clone();
            self.state = Some(state);
            return out;
        };
        if state.snapshot == snapshot {
            let findings = Arc::make_mut(&mut state.findings);
            relocate(design, findings);
            finding::sort(findings);
            let out = state.findings.clone();
            self.state = Some(state);
            return out;
        }
        let mut ch = Changes::between(&state.snapshot, &snapshot);
        let graph = Graph::build(design);
        ch.graph = !graph.same_as(&state.graph);
        if ch.graph {
            ch.graph_ids = graph.changed_sources(&state.graph).into_iter().collect();
        }
        let (configs, recomputed) = update_configs(design, &graph, &mut state.configs, &mut ch);
        self.stats.configs_recomputed = recomputed;
        ch.seal();
        let graph = Arc::new(graph);
        let mut cx = Context::from_parts(design, targets, graph.clone(), configs);
        let mut redone = Redone::default();
        for (rule, cache) in all().zip(state.rules.iter_mut()) {
            match rerun(&mut cx, rule, cache, &ch, &snapshot) {
                Rerun::Full => {
                    self.stats.full.push(rule.id());
                    redone.rules.push(rule.id());
                    redone.findings.extend(cache.by_subject.values().flatten().cloned());
                }
                Rerun::Partial(subjects) => {
                    self.stats.partial.push(rule.id());
                    for id in subjects {
                        redone
                            .findings
                            .extend(cache.by_subject.get(&Some(id)).into_iter().flatten().cloned());
                        redone.subjects.push((rule.id(), id));
                    }
                }
                Rerun::Reused => self.stats.reused += 1,
            }
        }
        let out = if state.snapshot.origins == snapshot.origins {
            // Every other finding is where it was: merge the new ones into the list.
            redone.merge_into(&state.findings, design)
        } else {
            let mut out: Vec<Finding> =
                state.rules.iter().flat_map(|c| c.by_subject.values().flatten().cloned()).collect();
            relocate(design, &mut out);
            finding::sort(&mut out);
            out
        };
        state.snapshot = snapshot;
        state.graph = graph;
        state.findings = Arc::new(out);
        let out = state.findings.clone();
        self.state = Some(state);
        out
    }
}

fn full_run(design: &Design, targets: Targets, snapshot: Snapshot) -> State {
    let graph = Arc::new(Graph::build(design));
    let source = ConfigSource::new(design, &graph);
    let mut configs = HashMap::new();
    let mut list = Vec::new();
    for r in design.resources.iter().filter(|r| is_job_bearing(r)) {
        let (c, inputs) = source.configs_of(r);
        let c: Vec<Arc<EffectiveConfig>> = c.into_iter().map(Arc::new).collect();
        list.extend(c.iter().cloned());
        configs.insert(r.id, (c, inputs));
    }
    let mut cx = Context::from_parts(design, targets, graph.clone(), list);
    let mut rules = Vec::new();
    let mut out = Vec::new();
    for rule in all() {
        let cache = run_full(&mut cx, rule);
        out.extend(cache.by_subject.values().flatten().cloned());
        rules.push(cache);
    }
    finding::sort(&mut out);
    State { targets, snapshot, graph, configs, rules, findings: Arc::new(out) }
}

/// Runs `rule` over the whole design with tracking and groups its findings.
fn run_full(cx: &mut Context<'_>, rule: &dyn Rule) -> RuleCache {
    cx.track(None);
    let mut sink = Sink::attributed(rule, cx.subject_handle());
    rule.check(cx, &mut sink);
    let reads = cx.take_reads();
    let findings = sink.into_attributed();
    // Separable: every finding is about the subject visited when it was reported.
    let separable = reads.walks == 1
        && !rule.reads_origins()
        && findings.iter().all(|(f, visit)| visit.is_some() && f.resource_id == *visit);
    let mut by_subject: HashMap<Option<ResourceId>, Vec<Finding>> = HashMap::new();
    for (f, visit) in findings {
        let key = if separable { visit } else { None };
        by_subject.entry(key).or_default().push(f);
    }
    let index = SubjectIndex::of(&reads.per_subject);
    RuleCache { reads, by_subject, separable, index }
}

/// What [`rerun`] did.
enum Rerun {
    Full,
    /// Re-checked these subjects (removed ones included).
    Partial(Vec<ResourceId>),
    Reused,
}

/// Brings one rule's cache up to date with the changes.
fn rerun(
    cx: &mut Context<'_>,
    rule: &dyn Rule,
    cache: &mut RuleCache,
    ch: &Changes,
    now: &Snapshot,
) -> Rerun {
    let is_subject = |kind: Kind| match cache.reads.subject_kinds {
        None => false,
        Some(super::SubjectKinds::All) => true,
        Some(super::SubjectKinds::Some(set)) => {
            let mut one = super::KindSet::default();
            one.insert(kind);
            set.intersects(one)
        }
    };
    // A rule that cannot be re-run per subject runs again when a subject it walks (or
    // would walk: a new one) changed.
    let subject_changed =
        || ch.ids.iter().any(|id| now.resources.get(id).is_some_and(|(_, k)| is_subject(*k)));
    if rule.reads_origins()
        || ch.hit(&cache.reads.global)
        || (!cache.separable
            && (subject_changed() || !cache.index.hit(ch, &cache.reads.per_subject).is_empty()))
    {
        *cache = run_full(cx, rule);
        return Rerun::Full;
    }
    if !cache.separable || cache.reads.subject_kinds.is_none() {
        return Rerun::Reused;
    }
    // Subjects to re-check: changed or new resources of a subject kind, and subjects
    // whose reads were hit. Removed subjects are dropped.
    let mut stale: Vec<ResourceId> = cache.index.hit(ch, &cache.reads.per_subject);
    stale.extend(
        ch.ids.iter().filter(|id| now.resources.get(id).is_some_and(|(_, k)| is_subject(*k))),
    );
    if stale.is_empty() {
        return Rerun::Reused;
    }
    stale.sort_unstable();
    stale.dedup();
    for id in &stale {
        if let Some(old) = cache.reads.per_subject.remove(id) {
            cache.index.remove(*id, &old);
        }
        cache.by_subject.remove(&Some(*id));
    }
    let focus: Vec<ResourceId> =
        now.order.iter().copied().filter(|id| stale.binary_search(id).is_ok()).collect();
    cx.track(Some(focus));
    let mut sink = Sink::attributed(rule, cx.subject_handle());
    rule.check(cx, &mut sink);
    let reads = cx.take_reads();
    let findings = sink.into_attributed();
    // A rule that looked separable only because it had reported nothing may report
    // outside its subjects now: then the partial result is not to be trusted.
    if reads.walks != 1
        || findings.iter().any(|(f, visit)| visit.is_none() || f.resource_id != *visit)
    {
        *cache = run_full(cx, rule);
        return Rerun::Full;
    }
    cx.track(None);
    for (id, deps) in reads.per_subject {
        cache.index.add(id, &deps);
        cache.reads.per_subject.insert(id, deps);
    }
    for (f, visit) in findings {
        cache.by_subject.entry(visit).or_default().push(f);
    }
    Rerun::Partial(stale)
}
