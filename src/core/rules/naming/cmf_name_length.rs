//! NAME-CMF-002 — CMF names of fewer than four characters.
//!
//! What it checks: a CMF object's name is shorter than 4 characters. Error for
//! environments (CMF answers 400, documented example), warning for the others.
//! Why: the OpenAPI `PostResourceBase.name` has `minLength: 4`.
//! How to fix: use a name of at least four characters.

use crate::core::finding::Severity;
use crate::core::flink::names::CMF_NAME_MIN;
use crate::core::model::{CMF_CONCEPTS, Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

use super::cmf_name::name_pointer;

/// See the module documentation.
pub struct CmfNameLength;

impl Rule for CmfNameLength {
    fn id(&self) -> &'static str {
        "NAME-CMF-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "CMF requires names of at least 4 characters (error for environments)"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            if !CMF_CONCEPTS.contains(&r.kind) || !matches!(r.form, Form::CmfRest | Form::CfkCr) {
                continue;
            }
            let name = r.name();
            if name.is_empty() || name.chars().count() >= CMF_NAME_MIN {
                continue;
            }
            let f = out.report(
                r,
                name_pointer(r),
                format!("'{name}' is shorter than the {CMF_NAME_MIN} characters CMF requires"),
            );
            f.hint(format!("use a name of at least {CMF_NAME_MIN} characters"));
            if r.kind == Kind::Environment {
                f.severity(Severity::Error);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    #[test]
    fn fires_with_error_for_environments() {
        let f = check(
            &CmfNameLength,
            "name: dev\nkubernetesNamespace: flink\n---\napiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: p1}\n",
        );
        assert_eq!(
            pointers(&f),
            [("/name".into(), Severity::Error), ("/metadata/name".into(), Severity::Warning)]
        );
        assert_eq!(f[0].line, Some(1));
    }

    #[test]
    fn silent_on_four_characters() {
        assert!(check(&CmfNameLength, "name: prod\nkubernetesNamespace: flink\n").is_empty());
    }
}
