//! NAME-K8S-004 — the same Kubernetes object defined twice in one input.
//!
//! What it checks: two manifests with the same `apiVersion`, `kind`, namespace (`default`
//! when unset; none for cluster-scoped kinds) and `metadata.name` — Kubernetes objects, FKO
//! CRs and CMFRestClasses (other CFK CRs and CMF payloads: NAME-CMF-003). Reported on the
//! second and later definitions, naming where the first is: an error within one file, a
//! warning across files (a folder of alternative examples is fine as long as the files are
//! applied one at a time).
//! Why: `kubectl apply` applies both; the second silently replaces the first, so one of
//! the two definitions never takes effect.
//! How to fix: remove one, or give them different names or namespaces.

use crate::core::finding::Severity;
use crate::core::hash::FastMap;
use crate::core::model::{Form, Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ObjectDuplicate;

/// What makes a manifest the same object for the API server.
fn identity(r: &Resource) -> Option<(&str, &str, &str, &str)> {
    let counted = match r.form {
        Form::Kubernetes | Form::FkoCr => true,
        Form::CfkCr => r.kind == Kind::CmfRestClass,
        _ => false,
    };
    let name = r.name();
    if !counted || name.is_empty() {
        return None;
    }
    let ns = if r.kind.is_cluster_scoped() { "" } else { r.namespace().unwrap_or("default") };
    Some((r.api_version(), r.kind_str(), ns, name))
}

impl Rule for ObjectDuplicate {
    fn id(&self) -> &'static str {
        "NAME-K8S-004"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "The same object (apiVersion, kind, namespace, name) is defined twice; the second replaces the first"
    }
    fn reads_origins(&self) -> bool {
        true
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let mut first: FastMap<(&str, &str, &str, &str), &Resource> = FastMap::default();
        first.reserve(cx.resource_count());
        for r in cx.resources() {
            let Some(key) = identity(r) else { continue };
            let Some(prev) = first.get(&key) else {
                first.insert(key, r);
                continue;
            };
            let at = match prev.location("/metadata/name") {
                (Some(file), Some(line)) => format!(" (first defined in {file}:{line})"),
                (Some(file), None) => format!(" (first defined in {file})"),
                _ => String::new(),
            };
            let place =
                if key.2.is_empty() { String::new() } else { format!(" in namespace '{}'", key.2) };
            let same_file = prev.location("").0 == r.location("").0;
            let (severity, hint) = if same_file {
                (
                    Severity::Error,
                    "kubectl applies both and the second replaces the first: remove one, or rename it",
                )
            } else {
                (
                    Severity::Warning,
                    "applied together, the second replaces the first: keep them apart (alternatives applied one at a time) or rename one",
                )
            };
            out.report(
                r,
                "/metadata/name",
                format!("{} '{}'{place} is defined twice{at}", key.1, key.3),
            )
            .severity(severity)
            .hint(hint);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const SA: &str =
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: flink\n  namespace: jobs\n";

    #[test]
    fn fires_on_the_second_definition_naming_the_first() {
        let f = check(&ObjectDuplicate, &format!("{SA}---\n{SA}"));
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Error)]);
        assert!(
            f[0].message.contains(
                "'flink' in namespace 'jobs' is defined twice (first defined in test.yaml:4)"
            ),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].line, Some(10));
    }

    #[test]
    fn a_warning_across_files() {
        let mut design = crate::core::design::Design::new();
        crate::core::import::import_text(&mut design, "a.yaml", SA);
        crate::core::import::import_text(&mut design, "b.yaml", SA);
        let cx = Context::new(&design, Default::default());
        let mut sink = Sink::new(&ObjectDuplicate);
        ObjectDuplicate.check(&cx, &mut sink);
        let f = sink.into_findings();
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Warning)]);
        assert!(f[0].message.contains("first defined in a.yaml:4"));
    }

    #[test]
    fn silent_across_namespaces_kinds_and_generated_names() {
        let other_ns = SA.replace("jobs", "team");
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flink, namespace: jobs}\n";
        let generated = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\nmetadata: {generateName: sp-, namespace: jobs}\nspec: {savepoint: {}}\n";
        let f = check(
            &ObjectDuplicate,
            &format!("{SA}---\n{other_ns}---\n{cm}---\n{generated}---\n{generated}"),
        );
        assert!(f.is_empty(), "{f:#?}");
        // Cluster-scoped kinds ignore a stray namespace.
        let ns = |n: &str| {
            format!("apiVersion: v1\nkind: Namespace\nmetadata: {{name: flink, namespace: {n}}}\n")
        };
        assert_eq!(check(&ObjectDuplicate, &format!("{}---\n{}", ns("a"), ns("b"))).len(), 1);
    }
}
