//! EXP-003 — server-owned fields in manifests and payloads.
//!
//! What it checks: a non-null `status`, `metadata.uid`, `metadata.resourceVersion`,
//! `metadata.generation`, `metadata.creationTimestamp`, `metadata.managedFields`,
//! CMF's `metadata.updateTimestamp`, and the environment's `created_time`/`updated_time`.
//! Why: the server owns them; the studio strips them before export/apply, so what you
//! see in the file is not what gets sent (and stale values confuse reviews).
//! How to fix: remove them from the source (they come from a `kubectl get -o yaml` or a
//! CMF GET).

use crate::core::finding::Severity;
use crate::core::model::{Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct ServerFields;

const META: &[&str] = &[
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "managedFields",
    "updateTimestamp",
];

impl Rule for ServerFields {
    fn id(&self) -> &'static str {
        "EXP-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "Server-owned fields (status, uid, timestamps) are stripped before sending"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects().filter(|r| !matches!(r.form, Form::Studio | Form::Opaque)) {
            let mut fields: Vec<String> = Vec::new();
            if r.doc.get("status").is_some_and(|s| !s.is_null()) {
                fields.push("/status".into());
            }
            for m in META {
                if r.doc.get("metadata").and_then(|md| md.get(*m)).is_some() {
                    fields.push(format!("/metadata/{m}"));
                }
            }
            if r.kind == Kind::Environment && r.form == Form::CmfRest {
                fields.extend(
                    ["created_time", "updated_time"]
                        .iter()
                        .filter(|k| r.doc.get(**k).is_some())
                        .map(|k| format!("/{k}")),
                );
            }
            for at in fields {
                out.report(
                    r,
                    &at,
                    format!("{at} is owned by the server and is stripped before sending"),
                )
                .hint("remove it from the source (it was copied from a GET)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_on_status_and_uid() {
        let f = check(
            &ServerFields,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, uid: x}\nstatus: {phase: Ready}\n",
        );
        assert_eq!(
            pointers(&f),
            [("/status".into(), Severity::Warning), ("/metadata/uid".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(4));
    }

    #[test]
    fn silent_on_null_status() {
        assert!(check(&ServerFields, "{\"apiVersion\": \"cmf.confluent.io/v1\", \"kind\": \"FlinkApplication\", \"metadata\": {\"name\": \"a\"}, \"status\": null}").is_empty());
    }
}
