//! EXP-TPL-001 — a manifest that still holds template placeholders.
//!
//! What it checks: string values such as `${team_name}-role`, `$NAMESPACE` or
//! `{{ .Values.image }}` anywhere in a resource, except where something else expands them
//! at run time: Flink configuration maps and statement properties (Flink's image can
//! expand `${…}`; CFG-VAL-003 speaks about those), log4j configurations (`${sys:…}`
//! lookups), container `command`/`args` (the shell) and multi-line texts (scripts, SQL).
//! One finding per resource, at its first placeholder, naming the others.
//! Why: the file is a template (envsubst, Helm, Terraform `templatefile`…) that must be
//! rendered before `kubectl apply` or a CMF call; applied as is, the API server or CMF
//! rejects the literal text. The studio does not judge these fields (their other findings
//! are dropped: `core::placeholder`), so a file that is not a template must not have them.
//! How to fix: validate the rendered output, or write the values.

use serde_json::Value;

use crate::core::finding::Severity;
use crate::core::placeholder::is_placeholder;
use crate::core::pointer;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct TemplateValues;

/// Placeholders named in one message at most.
const NAMED: usize = 3;

/// Keys whose subtrees expand `${…}` / `$VAR` themselves at run time.
const EXPANDED_LATER: &[&str] = &[
    "flinkConfiguration",
    "properties",
    "defaultConfiguration",
    "logConfiguration",
    "command",
    "args",
    "status",
];

fn collect(v: &Value, at: &mut String, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) if !s.contains('\n') && is_placeholder(s) => {
            out.push((at.clone(), s.clone()))
        }
        Value::Object(m) => {
            for (k, child) in m {
                if !EXPANDED_LATER.contains(&k.as_str()) {
                    let len = at.len();
                    pointer::push_token(at, k);
                    collect(child, at, out);
                    at.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = at.len();
                pointer::push_index(at, i);
                collect(child, at, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

impl Rule for TemplateValues {
    fn id(&self) -> &'static str {
        "EXP-TPL-001"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "The manifest holds template placeholders (${…}, $VAR, {{ … }}): render it before applying"
    }
    fn judges_placeholders(&self) -> bool {
        true
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            let mut found = Vec::new();
            collect(&r.doc, &mut String::new(), &mut found);
            let Some((first, _)) = found.first() else { continue };
            let mut named: Vec<String> = found
                .iter()
                .take(NAMED)
                .map(|(at, text)| format!("{} '{text}'", pointer::dotted(at)))
                .collect();
            if found.len() > NAMED {
                named.push(format!("and {} more", found.len() - NAMED));
            }
            out.report(
                r,
                first,
                format!(
                    "{} '{}' is a template: {} must be filled in before it is applied",
                    r.kind_str(),
                    r.name(),
                    named.join(", ")
                ),
            )
            .hint("render it first (envsubst, Helm, Terraform templatefile…) and validate the result; the studio does not judge these fields");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules;
    use crate::core::rules::testing::{check, pointers};

    const ROLE: &str = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${team_name}-role\n  namespace: $NAMESPACE\nrules: []\n";

    #[test]
    fn one_warning_per_template_naming_its_placeholders() {
        let f = check(&TemplateValues, ROLE);
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Warning)]);
        assert!(
            f[0].message
                .contains("metadata.name '${team_name}-role', metadata.namespace '$NAMESPACE'"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].line, Some(4));
    }

    #[test]
    fn other_rules_do_not_judge_placeholder_values() {
        // Without the placeholder guard, NAME-K8S-002 reports '${team_name}-role' as an
        // invalid name (an error).
        let mut design = crate::core::design::Design::new();
        crate::core::import::import_text(&mut design, "role.yaml", ROLE);
        let all = rules::validate(&design, Default::default());
        assert!(all.iter().all(|f| f.severity < Severity::Error), "{all:#?}");
        assert!(all.iter().any(|f| f.rule == "EXP-TPL-001"));
    }

    #[test]
    fn silent_where_something_else_expands_them() {
        let f = check(
            &TemplateValues,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  logConfiguration: {log4j-console.properties: 'appender.file.fileName = ${sys:log.file}'}\n  podTemplate: {spec: {containers: [{name: x, args: [sh, -c, 'echo $HOME']}]}}\n",
        );
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn silent_on_rendered_files_and_flink_configuration() {
        let f = check(
            &TemplateValues,
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a}\nspec:\n  flinkConfiguration: {s3.access-key: '${AWS_KEY}'}\n",
        );
        assert!(f.is_empty());
    }
}
