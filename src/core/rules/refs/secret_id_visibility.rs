//! REF-SECID-001 — a catalog or database is invisible without its secret mapping.
//!
//! What it checks: for each statement in environment E, every catalog and database it
//! uses (`sql.current-catalog`/`sql.current-database`, qualified names in the SQL) whose
//! `connectionSecretId` (CFK `connectionSecretRef.name`) has no secret mapping of that
//! *name* in E: a finding on the statement under the reference policy (`rules::missing`:
//! a warning naming the mapping that must exist in CMF, an error for complete designs).
//! Catalogs and databases whose id is mapped in no environment of the design (or not in
//! the CFK CR's own environment) get a warning.
//! Why: CMF resolves connection secrets through the environment's mappings, keyed by the
//! mapping name; when none matches, CMF silently leaves the catalog out of that
//! environment and the statement fails with "catalog/table not found".
//! How to fix: create an EnvironmentSecretMapping named exactly like the
//! connectionSecretId in E (`spec.secretName`: the CMF secret with the credentials).

use std::collections::HashSet;

use crate::core::finding::Severity;
use crate::core::flink::sql::table_refs;
use crate::core::model::connection_secret_ids;
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct SecretIdVisibility;

fn mapped(cx: &Context<'_>, id: &str, env: &str) -> bool {
    cx.named(Kind::SecretMapping, id).any(|m| m.environment().is_none_or(|e| e == env))
}

/// Catalog and database resources a statement uses, with the pointer that names them.
fn used<'a>(cx: &Context<'a>, s: &Resource) -> Vec<(&'a Resource, String)> {
    let cur_cat = s.spec_str(&["properties", "sql.current-catalog"]);
    let cur_db = s.spec_str(&["properties", "sql.current-database"]);
    let mut pairs: Vec<(String, Option<String>, String)> = Vec::new();
    if let Some(c) = cur_cat {
        let at = s.spec_field(&["properties", "sql.current-catalog"]);
        pairs.push((c.into(), cur_db.map(str::to_string), at));
    }
    let sql_at = s.spec_field(&["statement"]);
    for t in table_refs(s.spec_str(&["statement"]).unwrap_or("")) {
        match (t.len(), cur_cat) {
            (3, _) => pairs.push((t[0].clone(), Some(t[1].clone()), sql_at.clone())),
            (2, Some(c)) => pairs.push((c.into(), Some(t[0].clone()), sql_at.clone())),
            _ => {}
        }
    }
    let mut out: Vec<(&'a Resource, String)> = Vec::new();
    for (cat, db, at) in pairs {
        let found = cx.named(Kind::KafkaCatalog, &cat).next();
        out.extend(found.map(|c| (c, at.clone())));
        let db = db.and_then(|d| {
            cx.named(Kind::KafkaDatabase, &d).find(|r| r.catalog().is_none_or(|c| c == cat))
        });
        out.extend(db.map(|d| (d, at)));
    }
    out.dedup_by_key(|(r, _)| r.id);
    out
}

impl Rule for SecretIdVisibility {
    fn id(&self) -> &'static str {
        "REF-SECID-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Catalog/database invisible in an environment without a secret mapping named like its connectionSecretId"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // Every environment's name, collected once for all windows of subjects.
        let envs = cx.once(self.id(), || Environments::of(cx));
        // One walk: a statement's catalogs and databases, and a catalog's or database's own
        // environments.
        for r in cx.subjects_of_kinds(&[Kind::Statement, Kind::KafkaCatalog, Kind::KafkaDatabase]) {
            match r.kind {
                Kind::Statement => statement(cx, r, out),
                Kind::KafkaCatalog | Kind::KafkaDatabase => holder(cx, r, &envs, out),
                _ => {}
            }
        }
    }
}

/// A statement whose catalog or database needs a secret mapping its environment lacks.
fn statement(cx: &Context<'_>, s: &Resource, out: &mut Sink<'_>) {
    let Some(env) = s.environment() else { return };
    for (h, at) in used(cx, s) {
        for id in connection_secret_ids(h) {
            if mapped(cx, id, env) {
                continue;
            }
            let what = if h.kind == Kind::KafkaCatalog { "catalog" } else { "database" };
            let (severity, must) = if cx.targets.complete {
                (Severity::Error, "the design has none")
            } else {
                (Severity::Warning, "none is in the input, so it must already exist in CMF")
            };
            out.report(s, &at, format!(
                "{what} '{}' is visible in environment '{env}' only through a secret mapping named '{id}': {must} (without it CMF leaves the {what} out silently)",
                h.name()
            ))
            .severity(severity)
            .hint(format!("create an EnvironmentSecretMapping named '{id}' in environment '{env}' pointing at the secret with the credentials"));
        }
    }
}

/// The names of the design's environments, in design order and as a set.
struct Environments {
    names: Vec<String>,
    set: HashSet<String>,
}

impl Environments {
    fn of(cx: &Context<'_>) -> Self {
        let names: Vec<String> =
            cx.of_kind(Kind::Environment).map(|e| e.name().to_string()).collect();
        let set = names.iter().cloned().collect();
        Self { names, set }
    }
}

/// A catalog or database whose connection secret id is mapped in none of the
/// environments that see it: its own, or every environment of the design (`envs`) when
/// it names none.
fn holder(cx: &Context<'_>, h: &Resource, envs: &Environments, out: &mut Sink<'_>) {
    let own = h.spec_str(&["flinkEnvironment"]);
    for id in connection_secret_ids(h) {
        // `mapped(cx, id, e)` from one look-up of `id`: the environments of its mappings
        // (`None`: a mapping of no environment, which maps it everywhere).
        let mapped_in: Vec<Option<&str>> =
            cx.named(Kind::SecretMapping, id).map(Resource::environment).collect();
        // Without an environment of its own, a holder is reported only when no environment
        // maps its id: then it is missing from all of them. That is decided by the few
        // mappings of the id, not by a pass over every environment for every holder, which
        // grew with the square of the design.
        let missing: Vec<&str> = match own {
            _ if mapped_in.contains(&None) => continue,
            Some(e) if mapped_in.contains(&Some(e)) => continue,
            Some(e) => vec![e],
            None if envs.names.is_empty() => continue,
            None if mapped_in.iter().flatten().any(|e| envs.set.contains(*e)) => continue,
            None => envs.names.iter().map(String::as_str).collect(),
        };
        let at = secret_id_pointer(h, id);
        out.report(
            h,
            &at,
            format!(
                "no secret mapping '{id}' in environment(s) {}: CMF hides '{}' there without error",
                missing.join(", "),
                h.name()
            ),
        )
        .severity(Severity::Warning)
        .hint(format!(
            "create an EnvironmentSecretMapping named '{id}' in each environment that must see it"
        ));
    }
}

fn secret_id_pointer(h: &Resource, id: &str) -> String {
    let paths: [&[&str]; 3] = [
        &["srInstance", "connectionSecretId"],
        &["kafkaCluster", "connectionSecretId"],
        &["connectionSecretRef", "name"],
    ];
    paths
        .iter()
        .find(|p| h.spec_str(p) == Some(id))
        .map_or_else(|| "/spec/kafkaClusters".to_string(), |p| h.spec_field(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_complete, pointers};

    const BASE: &str = "name: dev-env\nkubernetesNamespace: flink\n---\n\
        apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: kafka-cat}\nspec:\n  srInstance: {connectionConfig: {}, connectionSecretId: sr-creds}\n---\n\
        apiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: stmt1}\nspec:\n  statement: SELECT * FROM `kafka-cat`.db.t\n";

    #[test]
    fn fires_on_the_statement_and_the_catalog() {
        // In design order: the catalog, then the statement that uses it.
        let f = check(&SecretIdVisibility, BASE);
        assert_eq!(
            pointers(&f),
            [
                ("/spec/srInstance/connectionSecretId".into(), Severity::Warning),
                ("/spec/statement".into(), Severity::Warning)
            ]
        );
        assert!(f[1].message.contains("secret mapping named 'sr-creds'"));
        assert!(f[1].message.contains("must already exist in CMF"));
        assert_eq!(f[1].line, Some(14));
        let f = check_complete(&SecretIdVisibility, BASE);
        assert_eq!(f[1].severity, Severity::Error);
    }

    #[test]
    fn silent_with_the_mapping() {
        let map = "---\napiVersion: cmf.confluent.io/v1\nkind: EnvironmentSecretMapping\nmetadata: {name: sr-creds}\nspec: {secretName: s}\n";
        assert!(check(&SecretIdVisibility, &format!("{BASE}{map}")).is_empty());
    }

    /// A catalog without an environment of its own is visible wherever a mapping of its
    /// id exists: silent when one of the environments maps it, reported once (naming
    /// every environment, in design order) when none does.
    #[test]
    fn a_catalog_of_no_environment_is_missing_only_when_no_environment_maps_it() {
        let design = "name: prod\nkubernetesNamespace: p\n---\nname: dev\nkubernetesNamespace: d\n---\n\
            apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat}\nspec:\n  srInstance: {connectionConfig: {}, connectionSecretId: sr-creds}\n";
        let f = check(&SecretIdVisibility, design);
        assert_eq!(
            pointers(&f),
            [("/spec/srInstance/connectionSecretId".into(), Severity::Warning)]
        );
        assert!(f[0].message.contains("environment(s) prod, dev"), "{}", f[0].message);
        let map = "---\napiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironmentSecretMapping\nmetadata: {name: sr-creds}\nspec: {flinkEnvironment: dev, secretName: s}\n";
        assert!(check(&SecretIdVisibility, &format!("{design}{map}")).is_empty());
        let elsewhere = map.replace("flinkEnvironment: dev", "flinkEnvironment: test");
        assert_eq!(check(&SecretIdVisibility, &format!("{design}{elsewhere}")).len(), 1);
    }
}
