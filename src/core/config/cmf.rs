//! The CMF engines (domain.md §3.2, §3.3): applications, compute pools and statements,
//! each followed by the FKO layers of the deployment CMF generates.

use std::collections::BTreeSet;

use super::fko::{self, Cluster};
use super::merge::Stack;
use super::{EffectiveConfig, Env, Layer, Scope, Source, flatten, new_config};
use crate::core::cluster::{ClusterSite, main_site};
use crate::core::flink::sql::{self, StatementKind};
use crate::core::flink::version::FlinkVersion;
use crate::core::graph::EdgeKind;
use crate::core::model::Resource;
use crate::core::options::catalog;

/// The `statementDefaults` branch whose configuration a statement's job gets, and how it
/// was decided: from the SQL (`core::flink::sql`), or assumed `detached` when the SQL is
/// not recognised (the panel must show something; rules never judge an unknown kind).
/// `None`: DDL and metadata statements run inside CMF, without a Flink job.
pub(super) fn job_branch(sql: &str) -> Option<(&'static str, &'static str)> {
    let kind = sql::classify(sql);
    match kind.defaults_branch() {
        Some(branch) => Some((branch, "classified from its SQL")),
        None if kind == StatementKind::Unknown => {
            Some(("detached", "SQL not recognised; assumed detached"))
        }
        None => None,
    }
}

/// The namespace of an environment and where it is set.
pub(super) fn namespace_of(environment: Option<&Resource>) -> Option<(String, Source)> {
    let e = environment?;
    let ns = e.spec_str(&["kubernetesNamespace"])?;
    Some((
        ns.to_string(),
        Source::at(Layer::OperatorForced, e, e.spec_field(&["kubernetesNamespace"])),
    ))
}

/// A FlinkApplication: application spec, then the environment's
/// `flinkApplicationDefaults` (wins, documented), then the FKO layers.
pub(super) fn application(env: &Env<'_>, r: &Resource) -> EffectiveConfig {
    let environment = env.target(r, EdgeKind::Environment);
    let view = main_site(r, environment).expect("an application is a cluster site");
    let version = fko::version_of(&view);
    let namespace = namespace_of(environment);
    let mut stack = Stack::new(version.unwrap_or(FlinkVersion::LATEST));
    fko::operator_layers(env, &mut stack, namespace.as_ref().map(|(n, _)| n.as_str()), version);
    stack.set_map(r, &["flinkConfiguration"], Layer::Resource, false);
    let mut c = new_config(r, Scope::Cluster, format!("FlinkApplication {}", r.name()));
    match environment {
        Some(e) => {
            let tokens = ["flinkApplicationDefaults", "spec", "flinkConfiguration"];
            stack.set_map(e, &tokens, Layer::EnvironmentApplicationDefaults, false);
            c.notes.push(format!(
                "environment '{}' flinkApplicationDefaults win over the application (CMF docs)",
                e.name()
            ));
        }
        None => c.notes.push("environment not in the design; its defaults are missing".into()),
    }
    let name =
        (r.name().to_string(), Source::at(Layer::OperatorForced, r, "/metadata/name".into()));
    let cluster = Cluster { view, name, namespace: namespace.clone(), application: true };
    fko::derived(&mut stack, &cluster);
    fko::fill_and_force(&mut stack, &cluster);
    c.entries = stack.finish();
    c.flink_version = version;
    c.namespace = namespace.map(|(n, _)| n);
    c
}

/// The cluster site of a pool: its `clusterSpec` over the environment's
/// `computePoolDefaults.clusterSpec` (the pool wins, unverified).
fn pool_view<'a>(pool: &'a Resource, environment: Option<&'a Resource>) -> ClusterSite<'a> {
    main_site(pool, environment).expect("a compute pool is a cluster site")
}

/// The Flink version of a pool's clusters (CMF before 2.5 runs SQL on 1.19).
pub(super) fn pool_version(pool: &Resource, environment: Option<&Resource>) -> FlinkVersion {
    fko::version_of(&pool_view(pool, environment)).unwrap_or(FlinkVersion::CMF_SQL_DEFAULT)
}

/// Cluster configuration of a pool's cluster named `name`: environment
/// `computePoolDefaults` → pool `clusterSpec` (pool wins, unverified) → FKO layers.
fn pool_cluster(
    env: &Env<'_>,
    pool: &Resource,
    environment: Option<&Resource>,
    name: (String, Source),
    c: &mut EffectiveConfig,
) {
    let version = pool_version(pool, environment);
    let namespace = namespace_of(environment);
    let mut stack = Stack::new(version);
    fko::operator_layers(
        env,
        &mut stack,
        namespace.as_ref().map(|(n, _)| n.as_str()),
        Some(version),
    );
    let defaults = ["computePoolDefaults", "clusterSpec", "flinkConfiguration"];
    let mut from_env = BTreeSet::new();
    if let Some(e) = environment {
        stack.set_map(e, &defaults, Layer::EnvironmentPoolDefaults, false);
        let keys = e.spec_get(&defaults).map(flatten).unwrap_or_default();
        from_env = keys.into_keys().map(|k| catalog().canonical(&k, version).to_string()).collect();
    }
    let tokens = ["clusterSpec", "flinkConfiguration"];
    if let Some(map) = pool.spec_get(&tokens) {
        for (key, value, path) in super::flatten_with_pointers(map, &pool.spec_field(&tokens)) {
            let both = from_env.contains(catalog().canonical(&key, version));
            stack.set(&key, value, Source::at(Layer::ComputePool, pool, path), both);
        }
    }
    let application = pool.spec_str(&["type"]) != Some("SHARED");
    let cluster = Cluster {
        view: pool_view(pool, environment),
        name,
        namespace: namespace.clone(),
        application,
    };
    fko::derived(&mut stack, &cluster);
    fko::fill_and_force(&mut stack, &cluster);
    c.entries = stack.finish();
    c.flink_version = Some(version);
    c.namespace = namespace.map(|(n, _)| n);
}

/// A compute pool: the configuration of the clusters it starts.
pub(super) fn pool(env: &Env<'_>, r: &Resource) -> EffectiveConfig {
    let environment = env.target(r, EdgeKind::Environment);
    let mut c = new_config(r, Scope::Cluster, format!("ComputePool {}", r.name()));
    let name =
        (r.name().to_string(), Source::at(Layer::OperatorForced, r, "/metadata/name".into()));
    pool_cluster(env, r, environment, name, &mut c);
    c.notes.push("pool clusterSpec assumed to win over computePoolDefaults (undocumented)".into());
    c
}

/// A statement: its cluster configuration and its job configuration (none for DDL and
/// metadata statements, which run inside CMF).
pub(super) fn statement(env: &Env<'_>, r: &Resource) -> Vec<EffectiveConfig> {
    let sql = r.spec_str(&["statement"]).unwrap_or("");
    let Some((branch, how)) = job_branch(sql) else { return Vec::new() };
    let environment = env.target(r, EdgeKind::Environment);
    let pool = env.target(r, EdgeKind::ComputePool);
    let mut cluster = new_config(r, Scope::Cluster, format!("Statement {} (cluster)", r.name()));
    let version = match pool {
        Some(p) => {
            let shared = p.spec_str(&["type"]) == Some("SHARED");
            let name = if shared {
                (
                    p.name().to_string(),
                    Source::at(Layer::OperatorForced, p, "/metadata/name".into()),
                )
            } else {
                (
                    r.name().to_string(),
                    Source::at(Layer::OperatorForced, r, "/metadata/name".into()),
                )
            };
            pool_cluster(env, p, environment, name, &mut cluster);
            pool_version(p, environment)
        }
        None => {
            cluster
                .notes
                .push("compute pool not in the design; cluster configuration unknown".into());
            FlinkVersion::CMF_SQL_DEFAULT
        }
    };
    let mut job = new_config(r, Scope::Job, format!("Statement {} (job)", r.name()));
    let mut stack = Stack::new(version);
    if let Some(p) = pool {
        stack.set_map(p, &["clusterSpec", "flinkConfiguration"], Layer::ComputePool, false);
    }
    stack.set_map(r, &["flinkConfiguration"], Layer::Resource, false);
    if let Some(e) = environment {
        let tokens = ["statementDefaults", branch, "flinkConfiguration"];
        stack.set_map(e, &tokens, Layer::EnvironmentStatementDefaults, false);
    }
    let (parallelism, path) = match r.spec_get(&["parallelism"]) {
        Some(v) => (super::scalar_text(v), r.spec_field(&["parallelism"])),
        None => ("1".to_string(), r.spec_field(&["parallelism"])),
    };
    stack.set("parallelism.default", parallelism, Source::at(Layer::SpecField, r, path), true);
    job.entries = stack.finish();
    job.flink_version = Some(version);
    job.namespace = cluster.namespace.clone();
    job.notes
        .push(format!("{branch} statement ({how}); statementDefaults.{branch} win (CMF docs)"));
    vec![cluster, job]
}
