//! The Flink Kubernetes Operator engine (domain.md §3.4): operator defaults → namespace
//! defaults → Flink-version defaults → `flinkConfiguration` → values derived from spec
//! fields → fill-in defaults → forced keys.

use super::merge::Stack;
use super::{EffectiveConfig, Env, Layer, Scope, Source, new_config};
use crate::core::cluster::operator::{CHART_DEFAULTS, DefaultsLayer, default_layers, operator_for};
use crate::core::cluster::{ClusterSite, Located, main_site};
use crate::core::flink::version::FlinkVersion;
use crate::core::graph::EdgeKind;
use crate::core::model::Resource;

/// The cluster FKO will build, as the engines describe it.
pub(super) struct Cluster<'a> {
    /// Its cluster site (fields possibly merged from the environment's defaults).
    pub view: ClusterSite<'a>,
    /// `kubernetes.cluster-id` and where it comes from.
    pub name: (String, Source),
    /// `kubernetes.namespace` and where it comes from.
    pub namespace: Option<(String, Source)>,
    /// Application mode (the job is submitted with the cluster) rather than session.
    pub application: bool,
}

/// Layers 1–3: chart defaults, then the default configuration of the operator that
/// manages `namespace` ([`operator_for`]): plain, namespace-specific, version-specific.
pub(super) fn operator_layers(
    env: &Env<'_>,
    stack: &mut Stack,
    namespace: Option<&str>,
    version: Option<FlinkVersion>,
) {
    for (k, v) in CHART_DEFAULTS {
        stack.set(k, v.to_string(), Source::builtin(Layer::OperatorDefaults), false);
    }
    let Some(node) = operator_for(env.operators(), namespace) else { return };
    for d in default_layers(node, namespace, version) {
        let layer = match d.layer {
            DefaultsLayer::Base => Layer::OperatorDefaults,
            DefaultsLayer::Namespace => Layer::OperatorNamespaceDefaults,
            DefaultsLayer::Version => Layer::OperatorVersionDefaults,
        };
        stack.set(&d.key, d.value, Source::at(layer, node, d.pointer), false);
    }
}

/// The source of a value derived from a located spec field.
pub(super) fn source_of(l: &Located<'_>, layer: Layer) -> Source {
    Source::at(layer, l.resource, l.pointer.clone())
}

/// Layer 5: values FKO derives from spec fields; they overwrite `flinkConfiguration`.
pub(super) fn derived(stack: &mut Stack, c: &Cluster<'_>) {
    let v = &c.view;
    let text = |f: &Located<'_>| super::scalar_text(f.value);
    let put = |stack: &mut Stack, key: &str, tokens: &[&str]| {
        if let Some(f) = v.locate(tokens) {
            stack.set(key, text(&f), source_of(&f, Layer::SpecField), f.unverified);
        }
    };
    put(stack, "kubernetes.container.image.ref", &["image"]);
    put(stack, "kubernetes.container.image.pull-policy", &["imagePullPolicy"]);
    put(stack, "kubernetes.service-account", &["serviceAccount"]);
    for (role, prefix) in [("jobManager", "jobmanager"), ("taskManager", "taskmanager")] {
        let memory = format!("{prefix}.memory.process.size");
        put(stack, &memory, &[role, "resource", "memory"]);
        if v.locate(&[role, "resource", "memory"]).is_none() {
            put(stack, &memory, &[role, "resources", "limits", "memory"]);
            put(stack, &memory, &[role, "resources", "requests", "memory"]);
        }
        put(stack, &format!("kubernetes.{prefix}.cpu.amount"), &[role, "resource", "cpu"]);
    }
    put(stack, "kubernetes.jobmanager.replicas", &["jobManager", "replicas"]);
    let standalone = v.merged_str(&["mode"]) == Some("standalone");
    if standalone {
        put(stack, "kubernetes.taskmanager.replicas", &["taskManager", "replicas"]);
    }
    let target = match (standalone, c.application) {
        (true, _) => "remote",
        (false, true) => "kubernetes-application",
        (false, false) => "kubernetes-session",
    };
    let (_, name_source) = &c.name;
    let job_source =
        v.locate(&["job"]).map_or_else(|| name_source.clone(), |f| source_of(&f, Layer::SpecField));
    let job_source = Source { layer: Layer::SpecField, ..job_source };
    stack.set("execution.target", target.into(), job_source.clone(), false);
    if !c.application {
        return;
    }
    if !standalone {
        put(stack, "pipeline.jars", &["job", "jarURI"]);
    }
    match v.locate(&["taskManager", "replicas"]) {
        Some(f) => {
            let slots = stack.current("taskmanager.numberOfTaskSlots").unwrap_or("1");
            let slots: i64 = slots.trim().parse().unwrap_or(1);
            let p = f.value.as_i64().map_or_else(|| text(&f), |n| (n * slots).to_string());
            stack.set("parallelism.default", p, source_of(&f, Layer::SpecField), f.unverified);
        }
        None => put(stack, "parallelism.default", &["job", "parallelism"]),
    }
    stack.set("execution.shutdown-on-application-finish", "false".into(), job_source, false);
    put(stack, "$internal.application.main", &["job", "entryClass"]);
    put(stack, "$internal.application.program-args", &["job", "args"]);
    put(stack, "execution.savepoint.ignore-unclaimed-state", &["job", "allowNonRestoredState"]);
    put(stack, "execution.savepoint.path", &["job", "initialSavepointPath"]);
}

/// Layers 6–7: fill-in defaults (only where unset) and the keys FKO always forces.
pub(super) fn fill_and_force(stack: &mut Stack, c: &Cluster<'_>) {
    let fill = Source::builtin(Layer::OperatorFillIn);
    stack.fill("kubernetes.rest-service.exposed.type", "ClusterIP".into(), fill.clone());
    stack.fill("web.cancel.enable", "false".into(), fill.clone());
    if c.application {
        let (name, name_source) = &c.name;
        let named = Source { layer: Layer::OperatorFillIn, ..name_source.clone() };
        stack.fill("pipeline.name", name.clone(), named);
        let retain = "RETAIN_ON_CANCELLATION".to_string();
        stack.fill(
            "execution.checkpointing.externalized-checkpoint-retention",
            retain,
            fill.clone(),
        );
        stack.fill("execution.submit-failed-job-on-application-error", "true".into(), fill);
        if let Some(f) = c.view.locate(&["job", "upgradeMode"])
            && f.value.as_str() == Some("last-state")
        {
            let interval = "5 min".to_string();
            stack.fill(
                "execution.checkpointing.interval",
                interval,
                source_of(&f, Layer::OperatorFillIn),
            );
        }
    }
    let forced = |s: &Source| Source { layer: Layer::OperatorForced, ..s.clone() };
    if let Some((ns, source)) = &c.namespace {
        stack.set("kubernetes.namespace", ns.clone(), forced(source), false);
    }
    let (name, source) = &c.name;
    stack.set("kubernetes.cluster-id", name.clone(), forced(source), false);
    let ha = stack.current("high-availability.type").map(str::to_ascii_lowercase);
    if ha.is_some_and(|t| !t.is_empty() && t != "none") {
        stack.set("high-availability.cluster-id", name.clone(), forced(source), false);
    }
}

/// The Flink version a cluster site declares (after its environment's defaults).
pub(super) fn version_of(site: &ClusterSite<'_>) -> Option<FlinkVersion> {
    site.merged_str(&["flinkVersion"]).and_then(FlinkVersion::parse)
}

/// A FlinkDeployment-like cluster of an FKO custom resource in the resource's namespace:
/// a FlinkDeployment's spec (§3.4), or the template of a FlinkBlueGreenDeployment, whose
/// child deployments `<name>-blue` / `<name>-green` get the template's spec verbatim.
fn fko_cluster(env: &Env<'_>, r: &Resource, name: String, label: String) -> EffectiveConfig {
    let site = main_site(r, None).expect("an FKO resource with a cluster site");
    let version = version_of(&site);
    let ns = r.namespace().unwrap_or("default").to_string();
    let mut stack = Stack::new(version.unwrap_or(FlinkVersion::LATEST));
    operator_layers(env, &mut stack, Some(&ns), version);
    if let Some(map) = site.get(&["flinkConfiguration"]) {
        stack.set_value_map(r, map, &site.field(&["flinkConfiguration"]), Layer::Resource, false);
    }
    let cluster = Cluster {
        application: site.get(&["job"]).is_some(),
        name: (name, Source::at(Layer::OperatorForced, r, "/metadata/name".into())),
        namespace: Some((
            ns.clone(),
            Source::at(Layer::OperatorForced, r, "/metadata/namespace".into()),
        )),
        view: site,
    };
    derived(&mut stack, &cluster);
    fill_and_force(&mut stack, &cluster);
    let mut c = new_config(r, Scope::Cluster, label);
    c.entries = stack.finish();
    c.flink_version = version;
    c.namespace = Some(ns);
    c
}

/// A FlinkDeployment (§3.4).
pub(super) fn deployment(env: &Env<'_>, r: &Resource) -> EffectiveConfig {
    fko_cluster(env, r, r.name().to_string(), format!("FlinkDeployment {}", r.name()))
}

/// A FlinkBlueGreenDeployment: the deployment FKO makes from `spec.template` (the blue
/// one; the green one differs only in its name).
pub(super) fn blue_green(env: &Env<'_>, r: &Resource) -> EffectiveConfig {
    let label = format!("FlinkBlueGreenDeployment {}", r.name());
    let mut c = fko_cluster(env, r, format!("{}-blue", r.name()), label);
    c.notes.push(format!(
        "FKO deploys spec.template as '{0}-blue' and '{0}-green'; shown for '{0}-blue'",
        r.name()
    ));
    c
}

/// A FlinkSessionJob: operator defaults for the session cluster → the session
/// FlinkDeployment's `flinkConfiguration` → the job's own (exactly DefaultValidator's map).
pub(super) fn session_job(env: &Env<'_>, r: &Resource) -> EffectiveConfig {
    let session = env.target(r, EdgeKind::SessionCluster);
    let version = session.and_then(|s| main_site(s, None)).and_then(|s| version_of(&s));
    let ns = r.namespace().unwrap_or("default").to_string();
    let mut stack = Stack::new(version.unwrap_or(FlinkVersion::LATEST));
    operator_layers(env, &mut stack, Some(&ns), version);
    let mut c = new_config(r, Scope::Cluster, format!("FlinkSessionJob {}", r.name()));
    match session {
        Some(s) => stack.set_map(s, &["flinkConfiguration"], Layer::SessionCluster, false),
        None => {
            c.notes.push("session cluster not in the design; its configuration is missing".into())
        }
    }
    stack.set_map(r, &["flinkConfiguration"], Layer::Resource, false);
    for (key, tokens) in [
        ("parallelism.default", &["job", "parallelism"][..]),
        ("execution.savepoint.ignore-unclaimed-state", &["job", "allowNonRestoredState"]),
        ("execution.savepoint.path", &["job", "initialSavepointPath"]),
    ] {
        if let Some(v) = r.spec_get(tokens).filter(|v| !v.is_null()) {
            let source = Source::at(Layer::SpecField, r, r.spec_field(tokens));
            stack.set(key, super::scalar_text(v), source, false);
        }
    }
    c.entries = stack.finish();
    c.flink_version = version;
    c.namespace = Some(ns);
    c
}
