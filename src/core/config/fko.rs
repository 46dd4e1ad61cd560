//! The Flink Kubernetes Operator engine (domain.md §3.4): operator defaults → namespace
//! defaults → Flink-version defaults → `flinkConfiguration` → values derived from spec
//! fields → fill-in defaults → forced keys.

use super::merge::Stack;
use super::spec::SpecView;
use super::{EffectiveConfig, Env, Layer, Scope, Source, flatten_with_pointers, new_config};
use crate::core::flink::version::FlinkVersion;
use crate::core::graph::EdgeKind;
use crate::core::model::Resource;

const NS_PREFIX: &str = "kubernetes.operator.default-configuration.namespace.";
const VERSION_PREFIX: &str = "kubernetes.operator.default-configuration.flink-version.";

/// The helm chart's shipped `flink-conf.yaml` (the part that is Flink configuration).
pub(super) const CHART_DEFAULTS: &[(&str, &str)] =
    &[("taskmanager.numberOfTaskSlots", "1"), ("parallelism.default", "1")];

/// The cluster FKO will build, as the engines describe it.
pub(super) struct Cluster<'a> {
    /// Spec fields (possibly merged from several objects).
    pub view: SpecView<'a>,
    /// `kubernetes.cluster-id` and where it comes from.
    pub name: (String, Source),
    /// `kubernetes.namespace` and where it comes from.
    pub namespace: Option<(String, Source)>,
    /// Application mode (the job is submitted with the cluster) rather than session.
    pub application: bool,
}

/// The FKO installation node that manages `namespace` (empty `watchNamespaces` = all).
pub(super) fn operator_for<'a>(env: &Env<'a>, namespace: Option<&str>) -> Option<&'a Resource> {
    env.operators().find(|n| {
        let watched = n.spec_get(&["watchNamespaces"]).and_then(|v| v.as_array());
        match (watched, namespace) {
            (None, _) => true,
            (Some(list), _) if list.is_empty() => true,
            (Some(list), Some(ns)) => list.iter().any(|v| v.as_str() == Some(ns)),
            (Some(_), None) => false,
        }
    })
}

/// Layers 1–3: chart defaults and the operator node's `defaultConfiguration`, then its
/// namespace- and version-specific defaults.
pub(super) fn operator_layers(
    env: &Env<'_>,
    stack: &mut Stack,
    namespace: Option<&str>,
    version: Option<FlinkVersion>,
) {
    for (k, v) in CHART_DEFAULTS {
        stack.set(k, v.to_string(), Source::builtin(Layer::OperatorDefaults), false);
    }
    let Some(node) = operator_for(env, namespace) else { return };
    let Some(map) = node.spec_get(&["defaultConfiguration"]) else { return };
    let all = flatten_with_pointers(map, &node.spec_field(&["defaultConfiguration"]));
    let mut ns_layer = Vec::new();
    let mut version_layer = Vec::new();
    for (key, value, path) in &all {
        if let Some(rest) = key.strip_prefix(NS_PREFIX) {
            if let Some((ns, k)) = rest.split_once('.')
                && Some(ns) == namespace
            {
                ns_layer.push((k, value, path));
            }
        } else if let Some(rest) = key.strip_prefix(VERSION_PREFIX) {
            let Some((v, k)) = rest.split_once('.') else { continue };
            let plus = v.ends_with('+');
            let (Some(at), Some(mine)) = (FlinkVersion::parse(v.trim_end_matches('+')), version)
            else {
                continue;
            };
            if (plus && at <= mine) || (!plus && at == mine) {
                version_layer.push(((at, !plus), k, value, path));
            }
        } else {
            let source = Source::at(Layer::OperatorDefaults, node, path.clone());
            stack.set(key, value.clone(), source, false);
        }
    }
    for (k, value, path) in ns_layer {
        let source = Source::at(Layer::OperatorNamespaceDefaults, node, path.clone());
        stack.set(k, value.clone(), source, false);
    }
    // `vX_Y+` entries oldest first, an exact-version entry last.
    crate::core::sort::sort_by_key(&mut version_layer, |(order, ..)| *order);
    for (_, k, value, path) in version_layer {
        let source = Source::at(Layer::OperatorVersionDefaults, node, path.clone());
        stack.set(k, value.clone(), source, false);
    }
}

/// Layer 5: values FKO derives from spec fields; they overwrite `flinkConfiguration`.
pub(super) fn derived(stack: &mut Stack, c: &Cluster<'_>) {
    let v = &c.view;
    let text = |f: &super::spec::Found<'_>| super::scalar_text(f.value);
    let put = |stack: &mut Stack, key: &str, tokens: &[&str]| {
        if let Some(f) = v.get(tokens) {
            stack.set(key, text(&f), f.source(Layer::SpecField), f.unverified);
        }
    };
    put(stack, "kubernetes.container.image.ref", &["image"]);
    put(stack, "kubernetes.container.image.pull-policy", &["imagePullPolicy"]);
    put(stack, "kubernetes.service-account", &["serviceAccount"]);
    for (role, prefix) in [("jobManager", "jobmanager"), ("taskManager", "taskmanager")] {
        let memory = format!("{prefix}.memory.process.size");
        put(stack, &memory, &[role, "resource", "memory"]);
        if !v.has(&[role, "resource", "memory"]) {
            put(stack, &memory, &[role, "resources", "limits", "memory"]);
            put(stack, &memory, &[role, "resources", "requests", "memory"]);
        }
        put(stack, &format!("kubernetes.{prefix}.cpu.amount"), &[role, "resource", "cpu"]);
    }
    put(stack, "kubernetes.jobmanager.replicas", &["jobManager", "replicas"]);
    let standalone = v.str(&["mode"]) == Some("standalone");
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
        v.get(&["job"]).map_or_else(|| name_source.clone(), |f| f.source(Layer::SpecField));
    let job_source = Source { layer: Layer::SpecField, ..job_source };
    stack.set("execution.target", target.into(), job_source.clone(), false);
    if !c.application {
        return;
    }
    if !standalone {
        put(stack, "pipeline.jars", &["job", "jarURI"]);
    }
    match v.get(&["taskManager", "replicas"]) {
        Some(f) => {
            let slots = stack.current("taskmanager.numberOfTaskSlots").unwrap_or("1");
            let slots: i64 = slots.trim().parse().unwrap_or(1);
            let p = f.value.as_i64().map_or_else(|| text(&f), |n| (n * slots).to_string());
            stack.set("parallelism.default", p, f.source(Layer::SpecField), f.unverified);
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
        if let Some(f) = c.view.get(&["job", "upgradeMode"])
            && f.value.as_str() == Some("last-state")
        {
            let interval = "5 min".to_string();
            stack.fill(
                "execution.checkpointing.interval",
                interval,
                f.source(Layer::OperatorFillIn),
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

/// The Flink version a FKO spec declares.
pub(super) fn version_of(view: &SpecView<'_>) -> Option<FlinkVersion> {
    view.str(&["flinkVersion"]).and_then(FlinkVersion::parse)
}

/// A FlinkDeployment (§3.4).
pub(super) fn deployment(env: &Env<'_>, r: &Resource) -> EffectiveConfig {
    let view = SpecView::single(r);
    let version = version_of(&view);
    let ns = r.namespace().unwrap_or("default").to_string();
    let mut stack = Stack::new(version.unwrap_or(FlinkVersion::LATEST));
    operator_layers(env, &mut stack, Some(&ns), version);
    stack.set_map(r, &["flinkConfiguration"], Layer::Resource, false);
    let cluster = Cluster {
        application: r.spec_get(&["job"]).is_some(),
        name: (r.name().to_string(), Source::at(Layer::OperatorForced, r, "/metadata/name".into())),
        namespace: Some((
            ns.clone(),
            Source::at(Layer::OperatorForced, r, "/metadata/namespace".into()),
        )),
        view,
    };
    derived(&mut stack, &cluster);
    fill_and_force(&mut stack, &cluster);
    let mut c = new_config(r, Scope::Cluster, format!("FlinkDeployment {}", r.name()));
    c.entries = stack.finish();
    c.flink_version = version;
    c.namespace = Some(ns);
    c
}

/// A FlinkSessionJob: operator defaults for the session cluster → the session
/// FlinkDeployment's `flinkConfiguration` → the job's own (exactly DefaultValidator's map).
pub(super) fn session_job(env: &Env<'_>, r: &Resource) -> EffectiveConfig {
    let session = env.target(r, EdgeKind::SessionCluster);
    let version = session.and_then(|s| version_of(&SpecView::single(s)));
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
    let view = SpecView::single(r);
    for (key, tokens) in [
        ("parallelism.default", &["job", "parallelism"][..]),
        ("execution.savepoint.ignore-unclaimed-state", &["job", "allowNonRestoredState"]),
        ("execution.savepoint.path", &["job", "initialSavepointPath"]),
    ] {
        if let Some(f) = view.get(tokens) {
            stack.set(key, super::scalar_text(f.value), f.source(Layer::SpecField), false);
        }
    }
    c.entries = stack.finish();
    c.flink_version = version;
    c.namespace = Some(ns);
    c
}
