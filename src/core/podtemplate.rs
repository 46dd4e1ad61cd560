//! The Flink Kubernetes Operator's pod-template merge (domain.md §3.5), as pure functions.
//!
//! A deployment-like spec carries up to three pod templates: the common `spec.podTemplate`
//! and the role-specific `jobManager.podTemplate` / `taskManager.podTemplate`. FKO merges
//! the role-specific template on top of the common one to get the template of each pod:
//!
//! * objects merge recursively (the role-specific value wins on conflicts);
//! * arrays merge **by position** (element *i* with element *i*); an element that both sides
//!   hold keeps the common one's value unless both are objects (which merge), extra elements
//!   of the role-specific array are appended;
//! * with `kubernetes.operator.pod-template.merge-arrays-by-name: true` (see
//!   [`ArrayMerge::from_config`]), arrays whose elements all carry a `name` merge **by name**:
//!   same-named elements merge, new names are appended, the result is the union;
//! * `null` values count as absent, and the result is a `PodTemplateSpec`: a top-level
//!   `apiVersion` / `kind` is dropped.
//!
//! [`Templates`] finds the three templates of a spec; [`Templates::merged`] merges them for
//! one [`Role`] and returns a [`Merged`] template that remembers, for every value, which
//! field of the resource's document it came from ([`Merged::origin_of`]). The
//! [`inspect`] helpers read the merged template (the `flink-main-container`, its mounts, the
//! declared volumes). The places a design describes a cluster, each with its templates,
//! are [`cluster::site`](crate::core::cluster::site)'s.

pub mod inspect;

use serde_json::{Map, Value};

use super::pointer;

pub use inspect::{Mount, Volume, VolumeSource};

/// Name Flink gives the main container of a JobManager or TaskManager pod; other containers
/// of a pod template are sidecars.
pub const MAIN_CONTAINER: &str = "flink-main-container";

/// The operator option that switches array merging from by-position to by-name.
pub const MERGE_BY_NAME_KEY: &str = "kubernetes.operator.pod-template.merge-arrays-by-name";

/// How arrays of the two templates are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ArrayMerge {
    /// Element *i* merges with element *i* (FKO's default).
    #[default]
    ByPosition,
    /// Elements with the same `name` merge; the result is the union (when every element of
    /// both arrays has a `name`, else by position).
    ByName,
    /// As the studio assumes CMF merges an environment's defaults into an application or
    /// pool (domain.md §3.2, undocumented): named elements merge by name, any other array
    /// is replaced by the overlay's.
    ByNameElseReplace,
}

impl ArrayMerge {
    /// The mode selected by the value of [`MERGE_BY_NAME_KEY`] in the effective
    /// configuration (`true`, case-insensitive, selects [`ArrayMerge::ByName`]).
    pub fn from_config(value: Option<&str>) -> Self {
        match value {
            Some(v) if v.trim().eq_ignore_ascii_case("true") => ArrayMerge::ByName,
            _ => ArrayMerge::ByPosition,
        }
    }
}

/// The pod a merged template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The JobManager pod(s).
    JobManager,
    /// The TaskManager pods.
    TaskManager,
}

impl Role {
    /// Both roles, JobManager first.
    pub const BOTH: [Role; 2] = [Role::JobManager, Role::TaskManager];

    /// Field of the spec holding this role's settings (`jobManager` / `taskManager`).
    pub fn spec_key(self) -> &'static str {
        match self {
            Role::JobManager => "jobManager",
            Role::TaskManager => "taskManager",
        }
    }

    /// Short label for messages (`JobManager` / `TaskManager`).
    pub fn label(self) -> &'static str {
        match self {
            Role::JobManager => "JobManager",
            Role::TaskManager => "TaskManager",
        }
    }
}

/// A pod template as written in a resource: its value and its JSON Pointer in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Source<'a> {
    /// The template (a `PodTemplateSpec`-shaped object).
    pub value: &'a Value,
    /// Its JSON Pointer in the resource's document.
    pub pointer: String,
}

/// The three pod templates of a deployment-like spec.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Templates<'a> {
    /// `podTemplate`: the base of both pods.
    pub common: Option<Source<'a>>,
    /// `jobManager.podTemplate`.
    pub job_manager: Option<Source<'a>>,
    /// `taskManager.podTemplate`.
    pub task_manager: Option<Source<'a>>,
}

impl<'a> Templates<'a> {
    /// The templates of `spec`, whose JSON Pointer in its document is `spec_pointer`.
    pub fn of(spec: &'a Value, spec_pointer: &str) -> Self {
        let at = |tokens: &[&str]| {
            pointer::get(spec, tokens).filter(|v| !v.is_null()).map(|value| Source {
                value,
                pointer: tokens.iter().fold(spec_pointer.to_string(), |p, t| pointer::push(&p, t)),
            })
        };
        Self {
            common: at(&["podTemplate"]),
            job_manager: at(&["jobManager", "podTemplate"]),
            task_manager: at(&["taskManager", "podTemplate"]),
        }
    }

    /// The role-specific template.
    pub fn specific(&self, role: Role) -> Option<&Source<'a>> {
        match role {
            Role::JobManager => self.job_manager.as_ref(),
            Role::TaskManager => self.task_manager.as_ref(),
        }
    }

    /// True when the spec has no pod template at all.
    pub fn is_empty(&self) -> bool {
        self.common.is_none() && self.job_manager.is_none() && self.task_manager.is_none()
    }

    /// The template FKO builds for `role`, or `None` when neither the common nor the
    /// role-specific template is set.
    pub fn merged(&self, role: Role, mode: ArrayMerge) -> Option<Merged> {
        merge(self.common.as_ref(), self.specific(role), mode)
    }
}

/// A merged pod template and where each of its values came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged template.
    pub value: Value,
    /// For each JSON Pointer into `value`, the pointer (into the resource's document) of
    /// the most specific field that contributed to it.
    origins: Origins,
}

impl Merged {
    /// The document pointer the value at `merged_pointer` comes from: the most specific
    /// contributor of the nearest recorded ancestor-or-self (the role-specific template when
    /// both contributed to an object).
    pub fn origin_of(&self, merged_pointer: &str) -> Option<&str> {
        let mut p = merged_pointer;
        loop {
            if let Some(o) = self.origins.get(p) {
                return o;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }
}

/// Merged pointer → origin pointer, packed: both strings of every entry in one text,
/// entries sorted by merged pointer (a merged template of a large design is kept per
/// site while the pod rules run: one allocation per template, not two per value).
#[derive(Debug, Clone, PartialEq, Default)]
struct Origins {
    text: String,
    /// (merged pointer, origin) as ranges of `text`; `None`: no contributor.
    entries: Vec<(Span, Option<Span>)>,
}

/// A range of [`Origins::text`].
type Span = (u32, u32);

impl Origins {
    fn span(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        (as_u32(start), as_u32(self.text.len()))
    }

    fn str(&self, (a, b): Span) -> &str {
        &self.text[a as usize..b as usize]
    }

    /// Records the origin of the value at `merged` (the first record of a pointer wins).
    fn insert(&mut self, merged: &str, origin: Option<&str>) {
        let key = self.span(merged);
        let origin = origin.map(|o| self.span(o));
        self.entries.push((key, origin));
    }

    fn finish(mut self) -> Self {
        let text = std::mem::take(&mut self.text);
        self.entries.sort_by(|a, b| {
            text[a.0.0 as usize..a.0.1 as usize].cmp(&text[b.0.0 as usize..b.0.1 as usize])
        });
        self.entries.dedup_by(|b, a| {
            text[a.0.0 as usize..a.0.1 as usize] == text[b.0.0 as usize..b.0.1 as usize]
        });
        self.text = text;
        self.text.shrink_to_fit();
        self.entries.shrink_to_fit();
        self
    }

    /// `Some(origin)` when `merged` is recorded.
    fn get(&self, merged: &str) -> Option<Option<&str>> {
        let i = self.entries.binary_search_by(|(k, _)| self.str(*k).cmp(merged)).ok()?;
        Some(self.entries[i].1.map(|o| self.str(o)))
    }
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Merges `overlay` on top of `base` as FKO does (see the module documentation). Either may
/// be absent; the result is `None` only when both are.
pub fn merge(
    base: Option<&Source<'_>>,
    overlay: Option<&Source<'_>>,
    mode: ArrayMerge,
) -> Option<Merged> {
    layered(base.map(traced), overlay.map(traced), mode).map(finish)
}

/// The template FKO builds for `role` from a site's own templates and the defaults
/// templates its environment adds: CMF first merges each of the site's templates with
/// the environment's (the winning side is the overlay, [`ArrayMerge::ByNameElseReplace`]),
/// then FKO merges the role-specific result onto the common one with `mode`. Origins
/// may point into either document.
pub fn merged_with_defaults(
    own: &Templates<'_>,
    defaults: &Templates<'_>,
    defaults_win: bool,
    role: Role,
    mode: ArrayMerge,
) -> Option<Merged> {
    let cmf = |mine: Option<&Source<'_>>, theirs: Option<&Source<'_>>| {
        let (base, over) = if defaults_win { (mine, theirs) } else { (theirs, mine) };
        layered(base.map(traced), over.map(traced), ArrayMerge::ByNameElseReplace)
    };
    let common = cmf(own.common.as_ref(), defaults.common.as_ref());
    let specific = cmf(own.specific(role), defaults.specific(role));
    layered(common, specific, mode).map(finish)
}

fn traced(s: &Source<'_>) -> Node {
    trace(s.value, &s.pointer)
}

/// `overlay` merged onto `base` (either may be absent).
fn layered(base: Option<Node>, overlay: Option<Node>, mode: ArrayMerge) -> Option<Node> {
    match (base, overlay) {
        (None, None) => None,
        (Some(n), None) | (None, Some(n)) => Some(n),
        (Some(mut b), Some(o)) => {
            merge_into(&mut b, o, mode);
            Some(b)
        }
    }
}

/// A merged node as a `PodTemplateSpec` with the origin of every value.
fn finish(mut node: Node) -> Merged {
    if let Body::Obj(fields) = &mut node.body {
        fields.retain(|(k, _)| k != "apiVersion" && k != "kind");
    }
    let mut origins = Origins::default();
    let value = untrace(node, &mut String::new(), &mut origins);
    Merged { value, origins: origins.finish() }
}

/// Merges two plain values (no provenance); convenient for tests and previews.
pub fn merge_values(
    base: Option<&Value>,
    overlay: Option<&Value>,
    mode: ArrayMerge,
) -> Option<Value> {
    fn src(value: &Value) -> Source<'_> {
        Source { value, pointer: String::new() }
    }
    let (b, o) = (base.map(src), overlay.map(src));
    merge(b.as_ref(), o.as_ref(), mode).map(|m| m.value)
}

/// A value with the document pointers that contributed to it.
#[derive(Debug, Clone)]
struct Node {
    origins: Vec<String>,
    body: Body,
}

#[derive(Debug, Clone)]
enum Body {
    Obj(Vec<(String, Node)>),
    Arr(Vec<Node>),
    Leaf(Value),
}

fn trace(v: &Value, at: &str) -> Node {
    let body = match v {
        Value::Object(m) => Body::Obj(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), trace(v, &pointer::push(at, k))))
                .collect(),
        ),
        Value::Array(a) => {
            Body::Arr(a.iter().enumerate().map(|(i, v)| trace(v, &format!("{at}/{i}"))).collect())
        }
        other => Body::Leaf(other.clone()),
    };
    Node { origins: vec![at.to_string()], body }
}

/// FKO `mergeInto`: only an object merges into an object; otherwise `to` is kept.
fn merge_into(to: &mut Node, from: Node, mode: ArrayMerge) {
    let (Body::Obj(to_fields), Body::Obj(from_fields)) = (&mut to.body, from.body) else {
        return;
    };
    to.origins.extend(from.origins);
    for (key, from_child) in from_fields {
        match to_fields.iter_mut().find(|(k, _)| *k == key) {
            None => to_fields.push((key, from_child)),
            Some((_, to_child)) => match (&to_child.body, &from_child.body) {
                (Body::Arr(_), Body::Arr(_)) => merge_array(to_child, from_child, mode),
                (Body::Obj(_), _) => merge_into(to_child, from_child, mode),
                _ => *to_child = from_child,
            },
        }
    }
}

fn merge_array(to: &mut Node, from: Node, mode: ArrayMerge) {
    let (Body::Arr(to_items), Body::Arr(from_items)) = (&mut to.body, from.body) else {
        return;
    };
    to.origins.extend(from.origins);
    let by_name = matches!(mode, ArrayMerge::ByName | ArrayMerge::ByNameElseReplace);
    if by_name && all_named(to_items) && all_named(&from_items) {
        let mut grouped = group_by_name(std::mem::take(to_items));
        for (name, f) in group_by_name(from_items) {
            match grouped.iter_mut().find(|(n, _)| *n == name) {
                Some((_, t)) => merge_into(t, f, mode),
                None => grouped.push((name, f)),
            }
        }
        *to_items = grouped.into_iter().map(|(_, n)| n).collect();
    } else if mode == ArrayMerge::ByNameElseReplace {
        *to_items = from_items;
    } else {
        for (i, f) in from_items.into_iter().enumerate() {
            match to_items.get_mut(i) {
                Some(t) => merge_into(t, f, mode),
                None => to_items.push(f),
            }
        }
    }
}

fn name_of(n: &Node) -> Option<String> {
    let Body::Obj(fields) = &n.body else { return None };
    fields.iter().find(|(k, _)| k == "name").map(|(_, v)| match &v.body {
        Body::Leaf(Value::String(s)) => s.clone(),
        Body::Leaf(other) => other.to_string(),
        _ => String::new(),
    })
}

fn all_named(items: &[Node]) -> bool {
    items.iter().all(|n| name_of(n).is_some())
}

/// Groups by name keeping first positions; a later duplicate replaces the earlier value.
fn group_by_name(items: Vec<Node>) -> Vec<(String, Node)> {
    let mut out: Vec<(String, Node)> = Vec::new();
    for n in items {
        let name = name_of(&n).unwrap_or_default();
        match out.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = n,
            None => out.push((name, n)),
        }
    }
    out
}

fn untrace(n: Node, at: &mut String, origins: &mut Origins) -> Value {
    origins.insert(at, n.origins.last().map(String::as_str));
    match n.body {
        Body::Leaf(v) => v,
        Body::Arr(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    let len = at.len();
                    pointer::push_index(at, i);
                    let v = untrace(c, at, origins);
                    at.truncate(len);
                    v
                })
                .collect(),
        ),
        Body::Obj(fields) => {
            let mut m = Map::with_capacity(fields.len());
            for (k, c) in fields {
                let len = at.len();
                pointer::push_token(at, &k);
                let v = untrace(c, at, origins);
                at.truncate(len);
                m.insert(k, v);
            }
            Value::Object(m)
        }
    }
}

#[cfg(test)]
mod tests;
