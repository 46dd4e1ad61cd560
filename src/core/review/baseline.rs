//! The baseline: the design as it is deployed now, read from exported manifests, a design
//! file, a git revision of it, or what `kubectl get … -o yaml` prints (a `List` whose items
//! carry `status`). The `status` of each resource is kept apart from its document, so the
//! spec compares like for like and the review can still read what the cluster reported
//! (job state, the operator's last reconciled spec, statement phases).

use std::collections::BTreeMap;

use serde_json::Value;

use super::status::Status;
use crate::core::cmf::state::ServerState;
use crate::core::design::Design;
use crate::core::design_file;
use crate::core::finding::Finding;
use crate::core::model::{Kind, ResourceId};
use crate::core::targets::{TargetOverrides, Targets, Version};

/// The deployed state a change is reviewed against.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// The resources as deployed (documents without `status`).
    pub design: Design,
    /// The `status` each resource carried, by resource id.
    pub status: BTreeMap<ResourceId, Value>,
    /// Problems met while reading it.
    pub findings: Vec<Finding>,
    /// Where it came from, for reports (`git:HEAD~1:design.yaml`, file names).
    pub label: String,
    /// Some of it was read from CMF ([`Baseline::add_cmf`]).
    from_cmf: bool,
    /// Some of it was read from texts ([`Baseline::add_text`]).
    from_texts: bool,
}

impl Baseline {
    /// An empty baseline named `label`.
    pub fn new(label: impl Into<String>) -> Self {
        Self { label: label.into(), ..Self::default() }
    }

    /// A baseline made of a design already in memory (its `status` blocks are moved apart).
    pub fn from_design(design: Design, label: impl Into<String>) -> Self {
        let mut b = Self { design, label: label.into(), from_texts: true, ..Self::default() };
        b.split_status();
        b
    }

    /// Reads one text (manifests, a `List`, JSON, or a design file) named `file`.
    pub fn add_text(&mut self, file: &str, text: &str) {
        self.from_texts = true;
        self.import(file, text);
    }

    /// True when all of it was read from CMF: it holds only what CMF manages, so the new
    /// design's other resources (namespaces, operators, FlinkDeployments …) are not
    /// reviewed as added.
    pub fn cmf_only(&self) -> bool {
        self.from_cmf && !self.from_texts
    }

    fn import(&mut self, file: &str, text: &str) {
        let (_, findings) = design_file::import_any(&mut self.design, file, text);
        self.findings.extend(findings);
        self.split_status();
    }

    /// Adds what a CMF server has (as `cmf::state::read` returns it), each object with its
    /// environment or catalog, named `label`; `status` stays apart (statement phases,
    /// application job state).
    pub fn add_cmf(&mut self, server: &ServerState, label: &str) {
        self.from_cmf = true;
        for (key, object) in &server.objects {
            let first = self.design.resources.len();
            self.import(label, &object.to_string());
            for r in &mut self.design.resources[first..] {
                r.assigned_environment.clone_from(&key.environment);
                r.assigned_catalog.clone_from(&key.catalog);
            }
        }
    }

    /// Gives CMF REST payloads their environment and catalog (see
    /// [`Design::assign_scopes`]); call after the last text.
    pub fn finish(&mut self, environment: Option<&str>, catalog: Option<&str>) {
        self.design.assign_scopes(environment, catalog);
    }

    fn split_status(&mut self) {
        for r in &mut self.design.resources {
            if let Some(map) = r.doc.as_object_mut()
                && let Some(status) = map.shift_remove("status")
                && status.is_object()
            {
                self.status.insert(r.id, status);
            }
        }
    }

    /// What the baseline runs on: `flags`, else its own design-file choices and
    /// installation nodes, else the new design's targets (`after`) — a review of manifests
    /// without installation nodes is no version move.
    pub fn targets(&self, flags: TargetOverrides, after: Targets) -> Targets {
        let d = &self.design;
        let node = |kind: Kind| {
            d.of_kind(kind).find_map(|r| {
                r.doc.pointer("/spec/version").and_then(|v| v.as_str()).and_then(Version::parse)
            })
        };
        let overrides = TargetOverrides {
            fko: flags.fko.or(d.targets.fko).or(node(Kind::FkoInstall)).or(Some(after.fko)),
            cmf: flags.cmf.or(d.targets.cmf).or(node(Kind::CmfInstall)).or(Some(after.cmf)),
            cfk: flags.cfk.or(d.targets.cfk).or(node(Kind::CfkInstall)).or(Some(after.cfk)),
            complete: after.complete,
        };
        Targets::of(d, overrides)
    }

    /// The status a resource of the baseline carried.
    pub fn status_of(&self, id: ResourceId) -> Status<'_> {
        Status(self.status.get(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KUBECTL: &str = "apiVersion: v1\nkind: List\nitems:\n\
        - apiVersion: flink.apache.org/v1beta1\n  kind: FlinkDeployment\n  metadata: {name: orders, namespace: flink}\n  \
          spec: {job: {upgradeMode: savepoint}}\n  status: {jobStatus: {state: RUNNING}, lifecycleState: STABLE}\n";

    #[test]
    fn lists_are_read_and_status_is_kept_apart() {
        let mut b = Baseline::new("kubectl");
        b.add_text("live.yaml", KUBECTL);
        b.finish(None, None);
        assert!(b.findings.is_empty(), "{:?}", b.findings);
        let r = &b.design.resources[0];
        assert!(r.doc.get("status").is_none(), "status is not part of the document");
        assert_eq!(b.status_of(r.id).job_state(), Some("RUNNING"));
        assert_eq!(b.status_of(r.id).lifecycle(), Some("STABLE"));
    }

    #[test]
    fn cmf_objects_keep_their_environment_and_status() {
        use crate::core::cmf::endpoints::ObjectKey;
        let mut server = ServerState::default();
        let env = serde_json::json!({"name": "dev", "kubernetesNamespace": "apps"});
        server.objects.insert(ObjectKey::global(Kind::Environment, "dev"), env);
        let statement = serde_json::json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement",
            "metadata": {"name": "q"}, "spec": {"statement": "SELECT 1", "computePoolName": "p"},
            "status": {"phase": "RUNNING"}});
        server.objects.insert(ObjectKey::in_environment(Kind::Statement, "dev", "q"), statement);
        let mut b = Baseline::new("cmf");
        b.add_cmf(&server, "cmf:http://cmf");
        b.finish(None, None);
        assert!(b.findings.is_empty(), "{:?}", b.findings);
        let q = b.design.resources.iter().find(|r| r.kind == Kind::Statement).expect("statement");
        assert_eq!(q.reference().namespace.as_deref(), Some("dev"));
        assert!(q.doc.get("status").is_none());
        assert_eq!(b.status_of(q.id).phase(), Some("RUNNING"));
        // What CMF does not manage is not "added" against a baseline read from CMF.
        let mut d = Design::new();
        let text = "{name: dev, kubernetesNamespace: apps}\n---\n\
            {apiVersion: cmf.confluent.io/v1, kind: Statement, metadata: {name: q}, spec: {statement: 'SELECT 1', computePoolName: p}}\n---\n\
            {apiVersion: v1, kind: Namespace, metadata: {name: apps}}\n";
        let (_, problems) = crate::core::design_file::import_any(&mut d, "new.yaml", text);
        assert!(problems.is_empty(), "{problems:?}");
        d.assign_scopes(None, None);
        let t = Targets::default();
        let r = crate::core::review::review(&b, t, &d, t);
        assert!(r.changes.is_empty(), "{:#?}", r.changes);
        b.add_text("more.yaml", "{apiVersion: v1, kind: Namespace, metadata: {name: other}}");
        let r = crate::core::review::review(&b, t, &d, t);
        assert_eq!(r.changes.len(), 2, "a baseline read from files too covers every kind");
    }
}
