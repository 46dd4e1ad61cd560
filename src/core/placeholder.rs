//! Values left for a template engine: `${VAR}` / `${VAR:-default}` (envsubst, shell, Terraform
//! `templatefile`), `$VAR`, `{{ .Values.x }}` (Helm, Jinja).
//!
//! Many repositories keep manifests as templates and render them before `kubectl apply`.
//! A field holding such a value cannot be judged (a name like `${team}-role` is not a
//! mistake, it is not a name yet), so rules say nothing about it (`rules::Sink` drops
//! findings at such values) and `EXP-TPL-001` reports the file once as a template that
//! must be rendered.

/// Variables the Flink Kubernetes Operator itself substitutes (`spec.ingress.template`).
const OPERATOR_VARIABLES: &[&str] = &["{{name}}", "{{namespace}}"];

/// True when `text` holds a value a template engine fills in.
pub fn is_placeholder(text: &str) -> bool {
    // Every form needs a `$` or a `{` (most values have neither: no allocation then).
    if !text.bytes().any(|b| b == b'$' || b == b'{') {
        return false;
    }
    let helm = || {
        let own = OPERATOR_VARIABLES.iter().fold(text.to_string(), |t, v| t.replace(v, ""));
        braced(&own, "{{", "}}")
    };
    braced(text, "${", "}") || bare_variable(text) || helm()
}

fn braced(text: &str, open: &str, close: &str) -> bool {
    text.find(open).is_some_and(|i| text[i + open.len()..].contains(close))
}

/// `$NAME` with an upper-case name, standing alone or between separators (`$REGION-bucket`),
/// not inside a word (`pa$Sword`) and not `$$` or `$(VAR)` (Kubernetes' own expansion).
fn bare_variable(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, c)| {
        *c == b'$'
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'$')
            && b.get(i + 1).is_some_and(|n| n.is_ascii_uppercase() || *n == b'_')
            && {
                let name: Vec<u8> = b[i + 1..]
                    .iter()
                    .copied()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
                    .collect();
                let after = b.get(i + 1 + name.len());
                name.len() >= 2 && after.is_none_or(|a| !a.is_ascii_alphanumeric())
            }
    })
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn recognises_the_common_template_syntaxes() {
        for yes in [
            "${team_name}-role",
            "${CP_FLINK_SQL_MAJOR_VERSION}",
            "${X:-default}",
            "{{ .Values.image }}",
            "$REGION-bucket",
            "s3://$BUCKET/checkpoints",
            "$NAMESPACE",
        ] {
            assert!(is_placeholder(yes), "{yes}");
        }
        for no in [
            "flink",
            "{{name}}.{{namespace}}.flink.k8s.io(/|$)(.*)",
            "pa$Sword",
            "cost$$",
            "$(POD_IP)",
            "100$",
            "${unclosed",
            "a$B",
            "$x",
        ] {
            assert!(!is_placeholder(no), "{no}");
        }
    }
}
