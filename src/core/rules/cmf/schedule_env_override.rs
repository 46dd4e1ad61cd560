//! CMF-SPS-007 — a job's own savepoint schedule field that its environment's default
//! replaces.
//!
//! What it checks: every field of a statement's or application's own `savepointSchedule`
//! that the environment's defaults block for it also sets
//! (`statementDefaults.{detached,interactive}.savepointSchedule` by the statement's SQL
//! kind, `flinkApplicationDefaults.spec.savepointSchedule` for applications).
//! Why: CMF merges the environment's defaults **over** the job's schedule, field by field,
//! so the environment's value wins and the job's own is silently ignored (CMF 2.4 OpenAPI:
//! "environment-level defaults are merged over resource-level settings field by field";
//! "env-level fields take precedence field by field over any value set here"). The merge
//! is `core::schedule::effective`'s; the configuration panel shows it.
//! How to fix: remove the field from the job (it has no effect), or take it out of the
//! environment's defaults so each job sets its own.

use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::rules::{Context, Rule, Sink};
use crate::core::schedule::effective;

/// See the module documentation.
pub struct ScheduleEnvOverride;

impl Rule for ScheduleEnvOverride {
    fn id(&self) -> &'static str {
        "CMF-SPS-007"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "The environment's default schedule replaces a field the job sets itself"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        for r in cx.subjects() {
            if !matches!(r.kind, Kind::Statement | Kind::Application)
                || r.spec_get(&["savepointSchedule"]).is_none()
            {
                continue;
            }
            let Some(env) = cx.environment_of(r) else { continue };
            let Some(schedule) = effective::effective(r, Some(env)) else { continue };
            for f in schedule.fields {
                let Some((own, at)) = &f.overridden else { continue };
                let kind = if r.kind == Kind::Statement { "statement" } else { "application" };
                out.report(
                    r,
                    &at.pointer,
                    format!(
                        "{} sets {} to {} at {}, which replaces this {kind}'s own {own}: CMF \
                         merges the environment's defaults over a job's schedule, field by field",
                        f.set_at.label, f.key, f.value, f.set_at.pointer
                    ),
                )
                .hint("remove the field here (it has no effect), or take it out of the environment's defaults");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    fn design(env_schedule: &str) -> String {
        format!(
            "name: dev\nkubernetesNamespace: flink\nstatementDefaults:\n  detached:\n    savepointSchedule: {env_schedule}\n---\napiVersion: cmf.confluent.io/v1\nkind: Statement\nmetadata: {{name: st}}\nspec:\n  computePoolName: pool\n  statement: INSERT INTO a SELECT * FROM b\n  savepointSchedule: {{cronExpression: '0 0 * * * *', timezone: UTC}}\n"
        )
    }

    #[test]
    fn fires_on_each_field_the_environment_replaces() {
        let f = check(&ScheduleEnvOverride, &design("{cronExpression: '0 0 */6 * * *'}"));
        assert_eq!(
            pointers(&f),
            [("/spec/savepointSchedule/cronExpression".into(), Severity::Warning)]
        );
        assert!(
            f[0].message.contains("Environment/dev sets cronExpression to \"0 0 */6 * * *\""),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn silent_when_the_environment_sets_other_fields_or_none() {
        assert!(check(&ScheduleEnvOverride, &design("{retention: {keepLast: 4}}")).is_empty());
        assert!(check(&ScheduleEnvOverride, &design("{}")).is_empty());
    }
}
