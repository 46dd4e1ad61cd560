//! SEC-CRED-003 — literal credentials in container command lines and environment.
//!
//! What it checks: `command`, `args` and `env[].value` of every container and init
//! container of every pod template, and `job.args`: a credential variable with a literal
//! value, or a command line or env value passing one (`mc alias set … <key> <secret>`,
//! `--password=…`, `SECRET=…`, a JAAS `password="…"`, `https://user:pass@host`).
//! Why: pod specs are readable by anyone who can list pods, and show up in `kubectl
//! describe`, events and logs.
//! How to fix: read the value from a Secret (`env[].valueFrom.secretKeyRef`) and reference
//! it as `$(VAR)` in `command`/`args` or as `$VAR` inside a shell script.

use serde_json::Value;

use crate::core::credentials::{command_line_credential, is_credential_key, is_literal};
use crate::core::finding::Severity;
use crate::core::podtemplate::inspect;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct CommandCredential;

fn strings(v: Option<&Value>) -> String {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

impl Rule for CommandCredential {
    fn id(&self) -> &'static str {
        "SEC-CRED-003"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "No literal credentials in container command lines, args or env values"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let hint = "read it from a Secret (env[].valueFrom.secretKeyRef) and reference $(VAR) / $VAR instead";
        for r in cx.subjects() {
            for site in cx.sites_of(r) {
                if let Some(what) = command_line_credential(&strings(site.get(&["job", "args"]))) {
                    out.report(
                        r,
                        &site.field(&["job", "args"]),
                        format!("literal credential in job args ({what})"),
                    )
                    .hint(hint);
                }
                let t = site.templates();
                for source in [&t.common, &t.job_manager, &t.task_manager].into_iter().flatten() {
                    let lists = [
                        ("containers", inspect::containers(source.value).collect::<Vec<_>>()),
                        ("initContainers", inspect::init_containers(source.value).collect()),
                    ];
                    for (list, items) in lists {
                        for (i, c) in items {
                            let at = format!("{}/spec/{list}/{i}", source.pointer);
                            let name = inspect::container_name(c);
                            for field in ["command", "args"] {
                                if let Some(what) = command_line_credential(&strings(c.get(field)))
                                {
                                    out.report(r, &format!("{at}/{field}"), format!("literal credential in the {field} of container '{name}' ({what})")).hint(hint);
                                }
                            }
                            for (j, e) in c
                                .get("env")
                                .and_then(Value::as_array)
                                .into_iter()
                                .flatten()
                                .enumerate()
                            {
                                let var = e.get("name").and_then(Value::as_str).unwrap_or("");
                                let value = e.get("value");
                                let inside = || {
                                    value.and_then(Value::as_str).and_then(command_line_credential)
                                };
                                let message = if is_credential_key(var)
                                    && value.is_some_and(is_literal)
                                {
                                    format!("env {var} of container '{name}' has a literal value")
                                } else if let Some(what) = inside() {
                                    format!(
                                        "env {var} of container '{name}' holds a literal credential ({what})"
                                    )
                                } else {
                                    continue;
                                };
                                out.report(r, &format!("{at}/env/{j}/value"), message).hint(hint);
                            }
                        }
                    }
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
    fn fires_on_mc_alias_set_and_literal_env() {
        let f = check(
            &CommandCredential,
            "apiVersion: cmf.confluent.io/v1\nkind: FlinkApplication\nmetadata: {name: a}\nspec:\n  jobManager:\n    \
             podTemplate:\n      spec:\n        initContainers:\n        - name: mc\n          \
             command: [/bin/sh, -c, 'mc alias set m http://minio:9000 minioadmin minioadmin && mc cp m/a /b']\n          \
             env: [{name: AWS_SECRET_ACCESS_KEY, value: abc}, {name: TOPIC, value: t}]\n",
        );
        assert_eq!(
            pointers(&f),
            [
                (
                    "/spec/jobManager/podTemplate/spec/initContainers/0/command".into(),
                    Severity::Warning
                ),
                (
                    "/spec/jobManager/podTemplate/spec/initContainers/0/env/0/value".into(),
                    Severity::Warning
                )
            ]
        );
        assert_eq!(f[0].line, Some(10));
        assert!(f.iter().all(|x| !x.message.contains("minioadmin") && !x.message.contains("abc")));
    }

    #[test]
    fn fires_on_a_jaas_password_inside_an_env_value() {
        let f = check(
            &CommandCredential,
            "spec:\n  podTemplate:\n    spec:\n      containers:\n      - name: flink-main-container\n        \
             env: [{name: KAFKA_JAAS, value: \"x.PlainLoginModule required username='u' password='p';\"}, \
             {name: JAAS_FROM_ENV, value: \"x.PlainLoginModule required password='${PASS}';\"}]\n",
        );
        assert_eq!(
            pointers(&f),
            [("/spec/podTemplate/spec/containers/0/env/0/value".into(), Severity::Warning)]
        );
        assert!(f[0].message.contains("KAFKA_JAAS") && f[0].message.contains("password=…"));
    }

    #[test]
    fn silent_on_placeholders() {
        let f = check(
            &CommandCredential,
            "spec:\n  podTemplate:\n    spec:\n      containers:\n      - name: flink-main-container\n        \
             args: ['mc alias set m http://minio:9000 $(KEY) $(SECRET)']\n        env: [{name: PASSWORD, value: '$(X)'}]\n",
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
