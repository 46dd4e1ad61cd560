//! Help shown under a form field, computed from the field's current value: for a
//! savepoint schedule's cron expression (`core::schedule`), what is wrong with it or its
//! next runs.

use crate::core::model::Resource;
use crate::core::schedule::{self, cron::Cron};

/// How many upcoming runs the cron help lists.
pub const NEXT_RUNS: usize = 3;

/// The help line of the field at `pointer` of `r`, if it has one. `now` is the current
/// time in seconds since 1970 (UTC); runs are shown as wall-clock times of the schedule's
/// time zone, counted from `now` read as that zone's wall clock (exact for UTC).
pub fn help(r: &Resource, field: &str, now: i64) -> Option<String> {
    let schedule_at = field.strip_suffix("/cronExpression")?;
    if !schedule_at.ends_with("/savepointSchedule") {
        return None;
    }
    let text = r.doc.pointer(field).and_then(|v| v.as_str()).unwrap_or("").trim();
    if text.is_empty() {
        return Some(
            "six fields: second minute hour day-of-month month day-of-week, e.g. \
             '0 0 */6 * * *' (every six hours) or '0 30 2 * * *' (02:30 daily); at least 5 minutes apart"
                .into(),
        );
    }
    let cron = match Cron::parse(text) {
        Ok(c) => c,
        Err(e) => return Some(format!("not a valid schedule: {e}")),
    };
    if !cron.exact {
        return Some("valid; runs with L, W or # are not previewed".into());
    }
    let zone = r
        .doc
        .pointer(&format!("{schedule_at}/timezone"))
        .and_then(|v| v.as_str())
        .unwrap_or("UTC")
        .to_string();
    let runs = schedule::next_runs(&cron, now, NEXT_RUNS);
    if runs.is_empty() {
        return Some("never fires in the next five years".into());
    }
    let shown: Vec<String> = runs.into_iter().map(schedule::cron::format_local).collect();
    Some(format!("next runs ({zone}): {}", shown.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::ResourceId;
    use serde_json::json;

    fn statement(schedule: serde_json::Value) -> Resource {
        Resource::new(
            ResourceId(0),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement",
                   "metadata": {"name": "s"}, "spec": {"savepointSchedule": schedule}}),
        )
    }

    const AT: &str = "/spec/savepointSchedule/cronExpression";
    const JAN_1_2027: i64 = 1_798_761_600;

    #[test]
    fn previews_the_next_runs_or_says_what_is_wrong() {
        let r = statement(json!({"cronExpression": "0 0 */6 * * *", "timezone": "Europe/Berlin"}));
        assert_eq!(
            help(&r, AT, JAN_1_2027 + 60).as_deref(),
            Some(
                "next runs (Europe/Berlin): 2027-01-01 06:00:00, 2027-01-01 12:00:00, 2027-01-01 18:00:00"
            )
        );
        let r = statement(json!({"cronExpression": "0 0 * * *"}));
        assert!(help(&r, AT, JAN_1_2027).unwrap().starts_with("not a valid schedule: 5 fields"));
        let r = statement(json!({}));
        assert!(help(&r, AT, JAN_1_2027).unwrap().starts_with("six fields"));
        assert_eq!(help(&r, "/spec/statement", JAN_1_2027), None);
    }
}
