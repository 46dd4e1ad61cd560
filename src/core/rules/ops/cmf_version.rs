//! OPS-CMF-002 — the CMF version is unknown.
//!
//! What it checks: the design holds CMF objects (REST payloads or CFK CRs) but no
//! `CmfService` node declares `version`. Reported once, on the first CMF object.
//! Why: many CMF rules depend on the version (SHARED pools, `ddlEnvironments`, …); the
//! studio then assumes the newest release it knows.
//! How to fix: add a CmfService node with `version` (read it from
//! `GET /cmf/api/v1/system-information`, CMF 2.2+).

use crate::core::finding::Severity;
use crate::core::model::{CMF_CONCEPTS, Form, Kind};
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct CmfVersion;

impl Rule for CmfVersion {
    fn id(&self) -> &'static str {
        "OPS-CMF-002"
    }
    fn severity(&self) -> Severity {
        Severity::Info
    }
    fn summary(&self) -> &'static str {
        "CMF version unknown: read /system-information to gate features"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if cx.of_kind(Kind::CmfInstall).any(|n| n.spec_str(&["version"]).is_some()) {
            return;
        }
        let first = cx.resources().find(|r| {
            CMF_CONCEPTS.contains(&r.kind) && matches!(r.form, Form::CmfRest | Form::CfkCr)
        });
        if let Some(r) = first {
            out.report(r, "", format!("the CMF version is not declared; rules assume CMF {}", cx.targets.cmf))
                .hint("add a CmfService node with spec.version (GET /cmf/api/v1/system-information tells it)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const POOL: &str =
        "apiVersion: cmf.confluent.io/v1\nkind: ComputePool\nmetadata: {name: pool1}\n";

    #[test]
    fn fires_once_without_a_node() {
        let f = check(&CmfVersion, &format!("{POOL}---\n{POOL}"));
        assert_eq!(pointers(&f), [("".into(), Severity::Info)]);
        assert_eq!(f[0].line, Some(1));
    }

    #[test]
    fn silent_with_a_declared_version() {
        let node = "apiVersion: studio.flinkstudio.dev/v1\nkind: CmfService\nmetadata: {name: cmf}\nspec: {version: 2.2.0}\n---\n";
        assert!(check(&CmfVersion, &format!("{node}{POOL}")).is_empty());
    }
}
