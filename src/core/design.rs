//! The design: the ground state of the studio (the list of resources plus studio data).
//!
//! Everything else — graph, findings, effective configurations, exports — is derived from
//! a [`Design`] by pure functions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::{Kind, Resource, ResourceId};
use super::targets::TargetOverrides;

/// A position on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

/// The ground state: resources and what is not a manifest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Design {
    /// Resources, in import order.
    pub resources: Vec<Resource>,
    /// Canvas positions of resources placed by hand.
    pub layout: BTreeMap<ResourceId, Point>,
    /// Free notes attached to resources.
    pub notes: BTreeMap<ResourceId, String>,
    /// Target versions chosen by the user.
    pub targets: TargetOverrides,
    next_id: u32,
    ids_checked: IdsChecked,
}

/// The list of resources as it was when every id in it was last known to be below the
/// id counter (its length, address and last id): while the list still looks so, no
/// resource was put in by other means than [`Design::extend`] and friends, and a new id
/// needs no scan. Importing 2,000 files one after the other scanned the design 2,000 times.
/// Not part of a design's value: two designs are equal whatever they remember here.
#[derive(Debug, Clone, Copy, Default)]
struct IdsChecked(Option<(usize, usize, Option<ResourceId>)>);

impl PartialEq for IdsChecked {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl IdsChecked {
    fn of(resources: &[Resource]) -> Self {
        Self(Some((resources.len(), resources.as_ptr() as usize, resources.last().map(|r| r.id))))
    }
}

impl Design {
    /// An empty design.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document as a new resource and returns its id.
    pub fn add(&mut self, doc: Value) -> ResourceId {
        let id = self.allocate_id();
        self.resources.push(Resource::new(id, doc));
        self.ids_checked = IdsChecked::of(&self.resources);
        id
    }

    /// Adds an already built resource, giving it a fresh id.
    pub fn push(&mut self, mut resource: Resource) -> ResourceId {
        let id = self.allocate_id();
        resource.id = id;
        self.resources.push(resource);
        self.ids_checked = IdsChecked::of(&self.resources);
        id
    }

    /// Adds already built resources in order, giving them fresh consecutive ids (the ids
    /// [`Design::push`] would give one by one, without scanning the design per resource).
    pub fn extend(&mut self, resources: impl IntoIterator<Item = Resource>) -> Vec<ResourceId> {
        let mut ids = Vec::new();
        for mut resource in resources {
            let id = if ids.is_empty() {
                self.allocate_id()
            } else {
                // Every id in the design is below `next_id` since `allocate_id` ran.
                let id = ResourceId(self.next_id);
                self.next_id += 1;
                id
            };
            resource.id = id;
            self.resources.push(resource);
            ids.push(id);
        }
        if !ids.is_empty() {
            self.ids_checked = IdsChecked::of(&self.resources);
        }
        ids
    }

    /// The id counter: the next id [`Design::add`] may give (edits record it so undo
    /// gives back the very same design).
    pub fn id_counter(&self) -> u32 {
        self.next_id
    }

    /// Restores the id counter (see [`Design::id_counter`]).
    pub fn set_id_counter(&mut self, next: u32) {
        self.next_id = next;
        self.ids_checked = IdsChecked::default();
    }

    fn allocate_id(&mut self) -> ResourceId {
        if self.ids_checked.0 != IdsChecked::of(&self.resources).0 {
            let used = self.resources.iter().map(|r| r.id.0 + 1).max().unwrap_or(0);
            self.next_id = self.next_id.max(used);
        }
        let id = ResourceId(self.next_id);
        self.next_id += 1;
        id
    }

    /// The resource with this id.
    pub fn get(&self, id: ResourceId) -> Option<&Resource> {
        self.resources.iter().find(|r| r.id == id)
    }

    /// The resource with this id, mutably.
    pub fn get_mut(&mut self, id: ResourceId) -> Option<&mut Resource> {
        self.resources.iter_mut().find(|r| r.id == id)
    }

    /// Removes a resource (and its layout and note).
    pub fn remove(&mut self, id: ResourceId) -> Option<Resource> {
        let index = self.resources.iter().position(|r| r.id == id)?;
        self.layout.remove(&id);
        self.notes.remove(&id);
        Some(self.resources.remove(index))
    }

    /// Resources of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Resource> {
        self.resources.iter().filter(move |r| r.kind == kind)
    }

    /// Gives CMF REST payloads that carry no environment (and databases no catalog) the
    /// only environment (catalog) of the design, when there is exactly one; `explicit`
    /// wins when given. Returns how many resources were assigned.
    pub fn assign_scopes(
        &mut self,
        explicit_env: Option<&str>,
        explicit_cat: Option<&str>,
    ) -> usize {
        let only = |kind: Kind| {
            let mut names: Vec<&str> = self.of_kind(kind).map(Resource::name).collect();
            names.sort_unstable();
            names.dedup();
            (names.len() == 1).then(|| names[0].to_string())
        };
        let env = explicit_env.map(str::to_string).or_else(|| only(Kind::Environment));
        let cat = explicit_cat.map(str::to_string).or_else(|| only(Kind::KafkaCatalog));
        let mut assigned = 0;
        for r in &mut self.resources {
            if r.form != super::model::Form::CmfRest {
                continue;
            }
            if r.is_environment_scoped()
                && r.assigned_environment.is_none()
                && let Some(e) = &env
            {
                r.assigned_environment = Some(e.clone());
                assigned += 1;
            }
            if r.kind == Kind::KafkaDatabase
                && r.assigned_catalog.is_none()
                && let Some(c) = &cat
            {
                r.assigned_catalog = Some(c.clone());
                assigned += 1;
            }
        }
        assigned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_written_into_the_list_by_hand_are_not_given_again() {
        let mut d = Design::new();
        d.extend((0..3).map(|_| Resource::new(ResourceId(0), json!({"kind": "x"}))));
        // Appended with an id of its own.
        d.resources.push(Resource::new(ResourceId(40), json!({"kind": "y"})));
        assert_eq!(d.add(json!({"kind": "z"})), ResourceId(41));
        // The last resource replaced in place by one with a higher id.
        let last = d.resources.len() - 1;
        d.resources[last] = Resource::new(ResourceId(90), json!({"kind": "y"}));
        assert_eq!(
            d.extend([Resource::new(ResourceId(0), json!({"kind": "z"}))]),
            [ResourceId(91)]
        );
        // A whole new list.
        d.resources = vec![Resource::new(ResourceId(500), json!({"kind": "y"}))];
        assert_eq!(d.push(Resource::new(ResourceId(0), json!({"kind": "z"}))), ResourceId(501));
    }

    #[test]
    fn ids_stay_unique_after_removal() {
        let mut d = Design::new();
        let a = d.add(json!({"kind": "x"}));
        let b = d.add(json!({"kind": "y"}));
        d.remove(b);
        let c = d.add(json!({"kind": "z"}));
        assert_ne!(b, c);
        assert_ne!(a, c);
    }

    #[test]
    fn extend_gives_the_ids_push_would_give() {
        let mut one_by_one = Design::new();
        one_by_one.add(json!({"kind": "a"}));
        let mut at_once = one_by_one.clone();
        let new = || (0..3).map(|i| Resource::new(ResourceId(99), json!({"kind": i})));
        let pushed: Vec<_> = new().map(|r| one_by_one.push(r)).collect();
        assert_eq!(at_once.extend(new()), pushed);
        assert_eq!(at_once, one_by_one);
        assert_eq!(at_once.add(json!({})), one_by_one.add(json!({})));
    }

    #[test]
    fn single_environment_is_assigned_to_cmf_payloads() {
        let mut d = Design::new();
        d.add(json!({"name": "dev", "kubernetesNamespace": "flink"}));
        let app = d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "FlinkApplication",
                               "metadata": {"name": "app"}}));
        assert_eq!(d.assign_scopes(None, None), 1);
        assert_eq!(d.get(app).unwrap().environment(), Some("dev"));
    }
}
