//! The savepoint schedule a statement or application runs with, and where each field
//! came from: its own `savepointSchedule` and its environment's defaults
//! (`statementDefaults.{detached,interactive}.savepointSchedule` for statements by their
//! SQL kind, `flinkApplicationDefaults.spec.savepointSchedule` for applications).
//!
//! CMF merges the environment's defaults **over** the resource's own schedule, field by
//! field: a field the environment sets wins over the resource's value (CMF 2.4 OpenAPI:
//! `SavepointScheduleConfig.timezone` / `formatType` "environment-level defaults are merged
//! over resource-level settings field by field"; `FlinkApplication.spec` "env-level fields
//! take precedence field by field over any value set here"). The merge is read at the
//! schedule's top level; nested objects (`retention`, `blackoutWindows`) are taken whole
//! from the side that sets them — the spec does not say more.

use serde_json::Value;

use super::{APPLICATION_DEFAULTS, DETACHED_DEFAULTS, INTERACTIVE_DEFAULTS};
use crate::core::flink::sql::{StatementKind, classify};
use crate::core::model::{Kind, Resource, ResourceId};

/// Where a schedule field was set: the resource and the JSON Pointer of the field.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAt {
    /// The resource (the job itself or its environment).
    pub resource: ResourceId,
    /// `Kind/name` of that resource.
    pub label: String,
    /// JSON Pointer of the field in that resource.
    pub pointer: String,
}

/// One field of the effective schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Field name (`cronExpression`, `retention` …).
    pub key: String,
    /// The value the job runs with.
    pub value: Value,
    /// Where it was set.
    pub set_at: SetAt,
    /// The job's own value the environment's default replaced, if any.
    pub overridden: Option<(Value, SetAt)>,
}

/// A job's effective savepoint schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectiveSchedule {
    /// The fields, the job's own first (in its order), then those only the environment
    /// sets.
    pub fields: Vec<Field>,
}

/// The environment defaults block a job's schedule inherits (spec tokens in the
/// environment): applications `flinkApplicationDefaults.spec`, statements the detached or
/// interactive block by their SQL kind; `None` for statements that run no Flink job (DDL,
/// metadata) and for other kinds.
pub fn inherited_from(r: &Resource) -> Option<&'static [&'static str]> {
    match r.kind {
        Kind::Application => Some(APPLICATION_DEFAULTS),
        Kind::Statement => {
            let sql = r.spec_get(&["statement"]).and_then(Value::as_str).unwrap_or_default();
            match classify(sql) {
                StatementKind::Interactive => Some(INTERACTIVE_DEFAULTS),
                StatementKind::Detached => Some(DETACHED_DEFAULTS),
                _ => None,
            }
        }
        _ => None,
    }
}

fn label(r: &Resource) -> String {
    format!("{}/{}", r.kind_str(), r.name())
}

/// The schedule `r` (a statement or application) runs with, given its environment;
/// `None` when neither sets one.
pub fn effective(r: &Resource, environment: Option<&Resource>) -> Option<EffectiveSchedule> {
    if !matches!(r.kind, Kind::Statement | Kind::Application) {
        return None;
    }
    let own = r.spec_get(&["savepointSchedule"]).and_then(Value::as_object);
    let own_base = r.spec_field(&["savepointSchedule"]);
    let defaults = inherited_from(r).and_then(|tokens| {
        let env = environment?;
        let map = env.spec_get(tokens)?.as_object()?;
        Some((env, map, env.spec_field(tokens)))
    });
    if own.is_none() && defaults.is_none() {
        return None;
    }
    let at = |res: &Resource, base: &str, key: &str| SetAt {
        resource: res.id,
        label: label(res),
        pointer: crate::core::pointer::push(base, key),
    };
    let mut fields: Vec<Field> = own
        .into_iter()
        .flatten()
        .map(|(k, v)| Field {
            key: k.clone(),
            value: v.clone(),
            set_at: at(r, &own_base, k),
            overridden: None,
        })
        .collect();
    if let Some((env, map, base)) = defaults {
        for (k, v) in map {
            let set_at = at(env, &base, k);
            match fields.iter_mut().find(|f| f.key == *k) {
                Some(f) => {
                    let mine = (std::mem::replace(&mut f.value, v.clone()), f.set_at.clone());
                    f.overridden = Some(mine);
                    f.set_at = set_at;
                }
                None => fields.push(Field {
                    key: k.clone(),
                    value: v.clone(),
                    set_at,
                    overridden: None,
                }),
            }
        }
    }
    Some(EffectiveSchedule { fields })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::design::Design;
    use serde_json::json;

    fn design() -> Design {
        let mut d = Design::new();
        d.add(json!({"name": "dev", "kubernetesNamespace": "flink",
            "statementDefaults": {
                "detached": {"savepointSchedule": {"cronExpression": "0 0 */6 * * *", "retention": {"keepLast": 4}}},
                "interactive": {"savepointSchedule": {"cronExpression": "0 0 0 * * *"}}},
            "flinkApplicationDefaults": {"spec": {"savepointSchedule": {"timezone": "Europe/Berlin"}}}}));
        d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement",
            "metadata": {"name": "ins"},
            "spec": {"statement": "INSERT INTO t SELECT * FROM s",
                     "savepointSchedule": {"cronExpression": "0 0 * * * *", "timezone": "UTC"}}}));
        d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement",
            "metadata": {"name": "sel"}, "spec": {"statement": "SELECT 1"}}));
        d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement",
            "metadata": {"name": "ddl"}, "spec": {"statement": "CREATE TABLE x (a INT)"}}));
        d.add(json!({"apiVersion": "cmf.confluent.io/v1", "kind": "FlinkApplication",
            "metadata": {"name": "app"}, "spec": {"savepointSchedule": {"cronExpression": "0 30 * * * *", "timezone": "UTC"}}}));
        d
    }

    fn show(s: &EffectiveSchedule) -> Vec<String> {
        s.fields
            .iter()
            .map(|f| {
                let over = f
                    .overridden
                    .as_ref()
                    .map(|(v, a)| format!(" over {v} from {}", a.label))
                    .unwrap_or_default();
                format!("{}={} from {} {}{over}", f.key, f.value, f.set_at.label, f.set_at.pointer)
            })
            .collect()
    }

    #[test]
    fn environment_defaults_win_field_by_field() {
        let d = design();
        let env = &d.resources[0];
        let ins = effective(&d.resources[1], Some(env)).unwrap();
        assert_eq!(
            show(&ins),
            [
                "cronExpression=\"0 0 */6 * * *\" from Environment/dev /statementDefaults/detached/savepointSchedule/cronExpression over \"0 0 * * * *\" from Statement/ins",
                "timezone=\"UTC\" from Statement/ins /spec/savepointSchedule/timezone",
                "retention={\"keepLast\":4} from Environment/dev /statementDefaults/detached/savepointSchedule/retention",
            ]
        );
        let app = effective(&d.resources[4], Some(env)).unwrap();
        assert_eq!(app.fields[1].key, "timezone");
        assert_eq!(app.fields[1].value, "Europe/Berlin");
        assert_eq!(
            app.fields[1].set_at.pointer,
            "/flinkApplicationDefaults/spec/savepointSchedule/timezone"
        );
    }

    #[test]
    fn statements_inherit_by_their_kind_and_ddl_inherits_nothing() {
        let d = design();
        let env = &d.resources[0];
        let sel = effective(&d.resources[2], Some(env)).unwrap();
        assert_eq!(
            sel.fields[0].set_at.pointer,
            "/statementDefaults/interactive/savepointSchedule/cronExpression"
        );
        assert_eq!(effective(&d.resources[3], Some(env)), None);
        assert_eq!(effective(&d.resources[2], None), None, "no environment in the design");
        assert_eq!(effective(env, None), None);
    }
}
