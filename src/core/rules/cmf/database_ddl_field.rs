//! CMF-DB-002 — `alterEnvironments` was renamed `ddlEnvironments` in CMF 2.3.
//!
//! What it checks: a Kafka database uses `spec.alterEnvironments` while the design
//! targets CMF 2.3+, or `spec.ddlEnvironments` while it targets CMF 2.1–2.2.
//! Why: the rename was breaking; the old (or new) name is ignored, so no environment is
//! allowed to run CREATE/ALTER/DROP TABLE on the database. CMF accepts the database, so
//! this is a warning (the DDL statements are the ones that fail).
//! How to fix: use `ddlEnvironments` on CMF 2.3+, `alterEnvironments` on 2.1–2.2.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::model::ddl_environments_field;
use crate::core::rules::{Context, Rule, Sink};

/// See the module documentation.
pub struct DatabaseDdlField;

impl Rule for DatabaseDdlField {
    fn id(&self) -> &'static str {
        "CMF-DB-002"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "alterEnvironments (CMF 2.1–2.2) was renamed ddlEnvironments in CMF 2.3"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let (right, wrong) = ddl_environments_field(cx.targets.cmf);
        for r in cx.subjects_of_kind(Kind::KafkaDatabase) {
            if r.spec_get(&[wrong]).is_some() {
                out.report(
                    r,
                    &r.spec_field(&[wrong]),
                    format!("{wrong} is ignored by CMF {}: it expects {right}", cx.targets.cmf),
                )
                .hint(format!(
                    "rename the field to {right}; until then no environment may run DDL on '{}'",
                    r.name()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, check_with, pointers};
    use crate::core::targets::{Targets, Version};

    const DB: &str = "apiVersion: cmf.confluent.io/v1\nkind: KafkaDatabase\nmetadata: {name: db1}\nspec:\n  alterEnvironments: [dev-env]\n";

    #[test]
    fn fires_on_alter_environments_with_cmf_2_3() {
        let f = check(&DatabaseDdlField, DB);
        assert_eq!(pointers(&f), [("/spec/alterEnvironments".into(), Severity::Warning)]);
        assert_eq!(f[0].line, Some(5));
    }

    #[test]
    fn silent_on_cmf_2_2() {
        let t = Targets { cmf: Version::new(2, 2, 0), ..Targets::default() };
        assert!(check_with(&DatabaseDdlField, DB, t).is_empty());
    }
}
