//! The app state: the design (ground state), UI selections, and the derived memos.
//!
//! The design lives in a `StoredValue` and announces changes through two counters:
//! `content` (resources changed: validation, configurations and exports re-run) and
//! `placement` (positions changed: only the canvas redraws). Moving a node therefore never
//! re-validates. Rule findings arrive asynchronously from the validation worker
//! (`validation.rs`); everything else is derived here, on the page.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

use super::analysis::{self, EdgeBase, NodeBase, ReviewMark};
use super::trace;
use super::validation::{self, CheckerHandle};
use super::viewport::{DragOffset, Viewport};
use crate::core::credentials::Forgotten;
use crate::core::design::{Design, Point};
use crate::core::edit::History;
use crate::core::finding::{Finding, Severity};
use crate::core::graph::Graph;
use crate::core::layout::{self, Frame, Layers, SceneInputs};
use crate::core::model::Kind;
use crate::core::model::ResourceId;
use crate::core::review::{Baseline, Review};

/// A value shared by pointer; two are equal only when they are the same allocation, so a
/// memo holding one notifies on every recomputation without comparing large values.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// `value`, newly shared.
pub fn shared<T>(value: T) -> Shared<T> {
    Shared(Arc::new(value))
}

/// `previous` again when it equals `now` (a memo holding it then notifies no one), else
/// `now` newly shared.
fn reuse_if_equal<T: PartialEq>(previous: Option<&Shared<T>>, now: T) -> Shared<T> {
    match previous {
        Some(p) if *p.0 == now => p.clone(),
        _ => shared(now),
    }
}

/// Which panel of the side column is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// The selected resource's form and YAML.
    Inspector,
    /// Findings by severity.
    Findings,
    /// Effective configurations.
    Config,
    /// kubectl YAML / CMF JSON / diagram.
    Export,
    /// Plan and apply the design to CMF.
    Apply,
    /// Compare with a baseline: what happens to every running job.
    Review,
}

/// A request to focus a field of a resource in the inspector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusField {
    /// The resource.
    pub id: ResourceId,
    /// JSON Pointer of the field.
    pub pointer: String,
    /// Distinguishes repeated requests.
    pub serial: u32,
}

/// Everything the components share; `Copy` (arena handles only).
#[derive(Clone, Copy)]
pub struct AppState {
    /// Ground state. Read with `design.with_value`; change only through the edit methods.
    pub design: StoredValue<Design>,
    /// Bumped when resources change.
    pub content: RwSignal<u64>,
    /// Bumped when positions change.
    pub placement: RwSignal<u64>,
    /// Name of the design (file name when saving).
    pub name: RwSignal<String>,
    /// Diagnostics of the last import (syntax errors, unknown kinds, …).
    pub import_findings: RwSignal<Vec<Finding>>,
    /// Selected resources.
    pub selection: RwSignal<BTreeSet<ResourceId>>,
    /// The side panel shown.
    pub panel: RwSignal<Panel>,
    /// Last "focus this field" request.
    pub focus: RwSignal<Option<FocusField>>,
    /// Canvas pan and zoom.
    pub view: RwSignal<Viewport>,
    /// Canvas size in CSS pixels.
    pub canvas_size: RwSignal<(f64, f64)>,
    /// Nodes being dragged and by how much (not yet committed); set through
    /// `AppState::set_drag`.
    pub drag: RwSignal<Option<DragOffset>>,
    /// The nodes being dragged, set only when a drag starts and ends: what is not dragged
    /// reads this and not `drag`, so a move of the pointer touches only what moves.
    pub dragged: RwSignal<Option<Arc<HashSet<ResourceId>>>>,
    /// A message for the status line (refusals, import results); `true` for errors.
    pub message: RwSignal<Option<(String, bool)>>,
    /// What the last import did, file by file, while its summary is the message.
    pub import_report: RwSignal<Option<super::imports::ImportReport>>,
    /// The side column's width in CSS pixels (remembered in the browser).
    pub side_width: RwSignal<f64>,
    /// Light or dark theme.
    pub dark: RwSignal<bool>,
    /// Help overlay shown.
    pub help: RwSignal<bool>,
    /// The layers the canvas and the diagram export show (view state, remembered in the
    /// browser, not in the design).
    pub layers: RwSignal<Layers>,
    /// The graph (the previous allocation while an edit leaves it as it was).
    pub graph: Memo<Shared<Graph>>,
    /// What the canvas's drawing reads of the design besides the graph and the positions
    /// (`layout::scene_inputs`; the previous allocation while an edit leaves it equal).
    pub scene_inputs: Memo<Shared<SceneInputs>>,
    /// Import diagnostics and rule findings.
    pub findings: Memo<Shared<Vec<Finding>>>,
    /// Canvas nodes with their badges.
    pub nodes: Memo<Shared<Vec<NodeBase>>>,
    /// Canvas edges (resolved and dangling).
    pub edges: Memo<Shared<Vec<EdgeBase>>>,
    /// Positions of the nodes (namespaces are frames: not here, see `frames`).
    pub positions: Memo<Shared<HashMap<ResourceId, Point>>>,
    /// Namespace frames around the current positions.
    pub frames: Memo<Shared<Vec<Frame>>>,
    /// How many validation results have arrived (shown for diagnostics and tests).
    pub validations: RwSignal<u32>,
    /// Findings of the rules, as the last validation result gave them.
    pub rule_findings: RwSignal<Shared<Vec<Finding>>>,
    /// The `content` revision the shown findings belong to (behind `content` while a
    /// validation is under way).
    pub checked: RwSignal<u64>,
    /// Where validation runs (worker or page) and what is in flight.
    pub checker: CheckerHandle,
    /// Where validation runs, for the status line: `worker`, `page`, or `starting`.
    pub validator_at: RwSignal<&'static str>,
    /// The save revision last stored (see `persist.rs`: content + placement + settings).
    pub saved: RwSignal<Option<u64>>,
    /// The save revision last handed to the worker (or the page) to store.
    pub save_sent: StoredValue<Option<u64>>,
    /// False for generated designs, which must not overwrite the user's.
    pub autosave_enabled: StoredValue<bool>,
    /// False until the saved design is read back (IndexedDB answers asynchronously).
    pub restored: RwSignal<bool>,
    /// "Remember secret values on this device" (stored in `localStorage`).
    pub remember_secrets: RwSignal<bool>,
    /// Bumped when a setting that changes what is stored changes.
    pub settings: RwSignal<u64>,
    /// Why the design could not be stored (storage full or unavailable), while it lasts.
    pub storage_problem: RwSignal<Option<String>>,
    /// Secret values that came back empty from storage: the banner names them.
    pub forgotten: RwSignal<Vec<Forgotten>>,
    /// The design was read from `localStorage` (earlier versions): remove it there once
    /// IndexedDB has it.
    pub migrating: StoredValue<bool>,
    /// Undo/redo history (one for canvas, forms and YAML).
    pub history: StoredValue<History>,
    /// The design as deployed, when the user compares with one (`ui::review`).
    pub baseline: RwSignal<Option<Shared<Baseline>>>,
    /// The review of the design against the baseline.
    pub review: Memo<Option<Shared<Review>>>,
    /// Per node: added or changed, and its verdict (the canvas's review marks).
    pub review_marks: Memo<Shared<HashMap<ResourceId, ReviewMark>>>,
}

impl AppState {
    /// Builds the state around an empty design and sets up the memos.
    pub fn new() -> Self {
        let design = StoredValue::new(Design::new());
        let content = RwSignal::new(0u64);
        let placement = RwSignal::new(0u64);
        let import_findings = RwSignal::new(Vec::new());
        let validations = RwSignal::new(0);
        let rule_findings = RwSignal::new(shared(Vec::new()));
        // Rule findings come from the validation worker (`validation.rs`), asynchronously.
        let findings = Memo::new(move |_| {
            let rules = rule_findings.get();
            import_findings.with(|imp| {
                if imp.is_empty() {
                    rules
                } else {
                    shared(analysis::with_import_findings(&rules, imp))
                }
            })
        });
        // Built here for the canvas: the worker's graph lives in another thread.
        // Kept when an edit leaves it as it was (a changed value, not a reference): the
        // canvas then keeps its drawing instead of routing it again.
        let graph = Memo::new(move |prev: Option<&Shared<Graph>>| {
            content.track();
            let now = trace::time("graph", || design.with_value(Graph::build));
            match prev {
                Some(p) if p.same_as(&now) => p.clone(),
                _ => shared(now),
            }
        });
        let scene_inputs = Memo::new(move |prev: Option<&Shared<SceneInputs>>| {
            content.track();
            let now = trace::time("scene inputs", || design.with_value(layout::scene_inputs));
            reuse_if_equal(prev, now)
        });
        // Nodes and edges keep their previous allocation when an edit leaves them equal, so
        // the canvas does not re-cull and re-diff thousands of items for nothing.
        let nodes = Memo::new(move |prev: Option<&Shared<Vec<NodeBase>>>| {
            content.track();
            let badges = findings.with(|f| analysis::badges(f));
            let now = trace::time("nodes", || design.with_value(|d| analysis::nodes(d, &badges)));
            reuse_if_equal(prev, now)
        });
        let edges = Memo::new(move |prev: Option<&Shared<Vec<EdgeBase>>>| {
            let now = trace::time("edges", || graph.with(|g| analysis::edges(g)));
            reuse_if_equal(prev, now)
        });
        let positions = Memo::new(move |prev: Option<&Shared<HashMap<ResourceId, Point>>>| {
            content.track();
            placement.track();
            let now = trace::time("positions", || {
                design.with_value(|d| {
                    let namespaces: std::collections::HashSet<ResourceId> =
                        d.of_kind(Kind::Namespace).map(|r| r.id).collect();
                    d.layout
                        .iter()
                        .filter(|(k, _)| !namespaces.contains(k))
                        .map(|(k, v)| (*k, *v))
                        .collect()
                })
            });
            reuse_if_equal(prev, now)
        });
        let baseline = RwSignal::new(None::<Shared<Baseline>>);
        let review = Memo::new(move |_| {
            content.track();
            let b = baseline.get()?;
            Some(trace::time("review", || design.with_value(|d| shared(analysis::review(&b, d)))))
        });
        let review_marks =
            Memo::new(move |prev: Option<&Shared<HashMap<ResourceId, ReviewMark>>>| {
                let now = review
                    .with(|r| r.as_ref().map(|r| analysis::review_marks(r)).unwrap_or_default());
                reuse_if_equal(prev, now)
            });
        let frames = Memo::new(move |_| {
            let p = positions.get();
            trace::time("frames", || design.with_value(|d| shared(layout::frames(d, &p))))
        });
        Self {
            design,
            content,
            placement,
            name: RwSignal::new("design".into()),
            import_findings,
            selection: RwSignal::new(BTreeSet::new()),
            panel: RwSignal::new(Panel::Findings),
            focus: RwSignal::new(None),
            view: RwSignal::new(Viewport::default()),
            canvas_size: RwSignal::new((800.0, 600.0)),
            drag: RwSignal::new(None),
            dragged: RwSignal::new(None),
            message: RwSignal::new(None),
            import_report: RwSignal::new(None),
            side_width: RwSignal::new(super::resize::load()),
            dark: RwSignal::new(false),
            help: RwSignal::new(false),
            layers: RwSignal::new(super::layers::load()),
            graph,
            scene_inputs,
            findings,
            nodes,
            edges,
            positions,
            frames,
            validations,
            rule_findings,
            checked: RwSignal::new(0),
            checker: validation::checker(),
            validator_at: RwSignal::new("page"),
            saved: RwSignal::new(None),
            save_sent: StoredValue::new(None),
            autosave_enabled: StoredValue::new(true),
            restored: RwSignal::new(false),
            remember_secrets: RwSignal::new(false),
            settings: RwSignal::new(0),
            storage_problem: RwSignal::new(None),
            forgotten: RwSignal::new(Vec::new()),
            migrating: StoredValue::new(false),
            history: StoredValue::new(History::default()),
            baseline,
            review,
            review_marks,
        }
    }

    /// Tells the status line something.
    pub fn say(self, text: impl Into<String>, error: bool) {
        self.message.set(Some((text.into(), error)));
        self.import_report.set(None);
    }

    /// The one selected resource, if exactly one is selected.
    pub fn selected_one(self) -> Option<ResourceId> {
        self.selection.with(|s| (s.len() == 1).then(|| *s.iter().next().unwrap_or(&ResourceId(0))))
    }

    /// Selects `id` only, shows the inspector and asks it to focus `pointer`.
    pub fn reveal(self, id: ResourceId, pointer: &str) {
        self.selection.set(BTreeSet::from([id]));
        self.panel.set(Panel::Inspector);
        let serial = self.focus.with_untracked(|f| f.as_ref().map_or(0, |f| f.serial + 1));
        self.focus.set(Some(FocusField { id, pointer: pointer.to_string(), serial }));
        self.center_on(id);
    }

    /// Worst severity of a resource's findings, if any.
    pub fn worst(self, id: ResourceId) -> Option<Severity> {
        self.nodes.with(|n| n.iter().find(|n| n.id == id).and_then(|n| n.worst)).or_else(|| {
            // Namespaces are frames, not nodes.
            self.findings
                .with(|f| f.iter().filter(|f| f.resource_id == Some(id)).map(|f| f.severity).max())
        })
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The state provided by `<App/>`.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_equal_value_keeps_the_previous_allocation_so_dependents_do_not_rerun() {
        let first = reuse_if_equal(None, vec![1, 2]);
        let same = reuse_if_equal(Some(&first), vec![1, 2]);
        assert!(same == first, "equal contents must reuse the shared value");
        let changed = reuse_if_equal(Some(&first), vec![1, 3]);
        assert!(changed != first);
        assert_eq!(*changed, vec![1, 3]);
    }
}
