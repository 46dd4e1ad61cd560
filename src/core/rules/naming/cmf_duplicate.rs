//! NAME-CMF-003 — duplicate CMF names within a scope.
//!
//! What it checks: two CMF objects of the same concept share a name in the same scope:
//! globally for environments, catalogs, secrets and detached savepoints; per environment
//! for applications, compute pools, statements and secret mappings; per catalog for
//! databases. The CMF REST and CFK forms of a concept count as the same object kind.
//! Why: names are the identity in CMF; applying both means the second overwrites the
//! first (upserts) or fails with 409.
//! How to fix: rename one of them, or remove the duplicate definition.

use crate::core::finding::Severity;
use crate::core::hash::FastMap;
use crate::core::model::{Form, Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

use super::cmf_name::name_pointer;

/// See the module documentation.
pub struct CmfDuplicate;

/// Where a CMF name must be unique.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Scope<'a> {
    /// CMF as a whole.
    Cmf,
    /// One environment (`?` when the resource names none).
    Environment(&'a str),
    /// One Kafka catalog.
    Catalog(&'a str),
}

impl std::fmt::Display for Scope<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::Cmf => f.write_str("CMF"),
            Scope::Environment(e) => write!(f, "environment '{e}'"),
            Scope::Catalog(c) => write!(f, "catalog '{c}'"),
        }
    }
}

fn scope(r: &Resource) -> Option<Scope<'_>> {
    match r.kind {
        Kind::Environment | Kind::KafkaCatalog | Kind::CmfSecret | Kind::DetachedSavepoint => {
            Some(Scope::Cmf)
        }
        Kind::Application
        | Kind::ComputePool
        | Kind::Statement
        | Kind::SecretMapping
        | Kind::Artifact => Some(Scope::Environment(r.environment().unwrap_or("?"))),
        Kind::KafkaDatabase => Some(Scope::Catalog(r.catalog().unwrap_or("?"))),
        _ => None,
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['A', 'E', 'I', 'O', 'U']) { "an" } else { "a" }
}

impl Rule for CmfDuplicate {
    fn id(&self) -> &'static str {
        "NAME-CMF-003"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Duplicate CMF name within its scope (global, environment or catalog)"
    }
    fn reads_origins(&self) -> bool {
        true
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // Keys borrow from the documents: no string is built for a resource that is not
        // reported.
        let mut first: FastMap<(Kind, Scope<'_>, &str), &Resource> = FastMap::default();
        for r in cx.resources().filter(|r| matches!(r.form, Form::CmfRest | Form::CfkCr)) {
            let (Some(s), name) = (scope(r), r.name()) else { continue };
            if name.is_empty() {
                continue;
            }
            match first.get(&(r.kind, s, name)) {
                None => {
                    first.insert((r.kind, s, name), r);
                }
                Some(prev) => {
                    let at = match prev.location(name_pointer(prev)) {
                        (Some(file), Some(line)) => format!(" (first defined in {file}:{line})"),
                        (Some(file), None) => format!(" (first defined in {file})"),
                        _ => String::new(),
                    };
                    out.report(
                        r,
                        name_pointer(r),
                        format!(
                            "{} {} named '{name}' already exists in {s}{at}",
                            article(r.kind_str()),
                            r.kind_str()
                        ),
                    )
                    .hint("rename one of them or remove the duplicate: CMF names are identities");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_the_second_definition() {
        let f = check(
            &CmfDuplicate,
            "name: dev-env\nkubernetesNamespace: a\n---\napiVersion: platform.confluent.io/v1beta1\nkind: FlinkEnvironment\nmetadata: {name: dev-env}\nspec: {kubernetesNamespace: b}\n",
        );
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Error)]);
        assert!(f[0].message.contains("test.yaml:1"), "{}", f[0].message);
        assert_eq!(f[0].line, Some(6));
    }

    #[test]
    fn silent_across_scopes() {
        let f = check(
            &CmfDuplicate,
            "apiVersion: platform.confluent.io/v1beta1\nkind: FlinkComputePool\nmetadata: {name: pool1}\nspec: {flinkEnvironment: a}\n---\napiVersion: platform.confluent.io/v1beta1\nkind: FlinkComputePool\nmetadata: {name: pool1}\nspec: {flinkEnvironment: b}\n",
        );
        assert!(f.is_empty());
    }
}
