//! NAME-CMF-001 — CMF object names.
//!
//! What it checks: the names of CMF environments, applications, compute pools,
//! statements, catalogs, databases, secrets and secret mappings (CMF REST or CFK CR)
//! match `[a-z]([-a-z0-9]{0,43}[a-z0-9])?`.
//! Why: the current CMF identifier rule (cp-flink REST API page) allows at most 45
//! lowercase letters, digits and hyphens, starting with a letter; applications and
//! statements also become FlinkDeployment names (NAME-FKO-001).
//! How to fix: rename to at most 45 lowercase letters, digits and '-', starting with a
//! letter and ending with a letter or digit.

use crate::core::finding::Severity;
use crate::core::model::{CMF_CONCEPTS, Form};
use crate::core::rules::{Context, Rule, Sink};

use crate::core::flink::names::is_cmf_name;

/// See the module documentation.
pub struct CmfName;

/// Pointer of a resource's name field.
pub fn name_pointer(r: &crate::core::model::Resource) -> &'static str {
    if r.doc.pointer("/metadata/name").is_some() { "/metadata/name" } else { "/name" }
}

impl Rule for CmfName {
    fn id(&self) -> &'static str {
        "NAME-CMF-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "CMF names must be ≤45 chars of [a-z0-9-], starting with a letter"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            if !CMF_CONCEPTS.contains(&r.kind) || !matches!(r.form, Form::CmfRest | Form::CfkCr) {
                continue;
            }
            let name = r.name();
            if name.is_empty() || is_cmf_name(name) {
                continue;
            }
            out.report(
                r,
                name_pointer(r),
                format!("'{name}' is not a valid CMF {} name", r.kind_str()),
            )
            .hint("use at most 45 lowercase letters, digits and '-', starting with a letter");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_dots_and_capitals() {
        let f = check(
            &CmfName,
            "name: dev.env\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {name: Stmt_1}\n",
        );
        assert_eq!(
            pointers(&f),
            [("/name".into(), Severity::Error), ("/metadata/name".into(), Severity::Error)]
        );
        assert_eq!(f[1].line, Some(6));
    }

    #[test]
    fn silent_on_valid_names_and_non_cmf_objects() {
        let f = check(
            &CmfName,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a.b}\n---\napiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool-1}\n",
        );
        assert!(f.is_empty());
    }
}
