//! What a baseline read from a cluster or CMF says about a running resource: the
//! `status` the import kept apart from the spec (`kubectl get … -o yaml`, CMF GET).

use serde_json::Value;

use crate::core::pointer;

/// The status of one baseline resource (empty when the baseline has none).
#[derive(Debug, Clone, Copy, Default)]
pub struct Status<'a>(pub Option<&'a Value>);

impl<'a> Status<'a> {
    fn str(&self, tokens: &[&str]) -> Option<&'a str> {
        self.0.and_then(|s| pointer::get_str(s, tokens)).filter(|s| !s.is_empty())
    }

    /// True when the baseline carries a status.
    pub fn known(&self) -> bool {
        self.0.is_some_and(|s| s.as_object().is_some_and(|m| !m.is_empty()))
    }

    /// The Flink job state (`status.jobStatus.state`: RUNNING, FAILED, CANCELED …).
    pub fn job_state(&self) -> Option<&'a str> {
        self.str(&["jobStatus", "state"])
    }

    /// The operator's lifecycle state (`status.lifecycleState`: STABLE, SUSPENDED …).
    pub fn lifecycle(&self) -> Option<&'a str> {
        self.str(&["lifecycleState"])
    }

    /// A CMF statement's or compute pool's phase (`status.phase`).
    pub fn phase(&self) -> Option<&'a str> {
        self.str(&["phase"])
    }

    /// The last savepoint the operator knows (`upgradeSavepointPath`, else the last
    /// savepoint of `savepointInfo`).
    pub fn last_savepoint(&self) -> Option<&'a str> {
        self.str(&["jobStatus", "upgradeSavepointPath"])
            .filter(|p| *p != "KUBERNETES_OPERATOR_LAST_STATE")
            .or_else(|| self.str(&["jobStatus", "savepointInfo", "lastSavepoint", "location"]))
    }

    /// The spec the operator last reconciled (`status.reconciliationStatus.lastReconciledSpec`,
    /// a JSON text `{"spec": …, "resource_metadata": …}`).
    pub fn last_reconciled_spec(&self) -> Option<Value> {
        let text = self.str(&["reconciliationStatus", "lastReconciledSpec"])?;
        let v: Value = serde_json::from_str(text).ok()?;
        v.get("spec").cloned().filter(Value::is_object)
    }

    /// Whether the job runs, as far as the status says (`None`: no job status).
    pub fn running(&self) -> Option<bool> {
        if let Some(p) = self.phase() {
            return Some(matches!(
                p,
                "RUNNING" | "PENDING" | "RECONCILING" | "RESTARTING" | "FAILING"
            ));
        }
        let state = self.job_state()?;
        Some(matches!(state, "RUNNING" | "CREATED" | "RECONCILING" | "RESTARTING" | "INITIALIZING"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_operator_status() {
        let s = json!({"jobStatus": {"state": "RUNNING", "upgradeSavepointPath": "KUBERNETES_OPERATOR_LAST_STATE",
                         "savepointInfo": {"lastSavepoint": {"location": "s3://b/sp-1"}}},
                       "lifecycleState": "STABLE",
                       "reconciliationStatus": {"lastReconciledSpec": "{\"spec\":{\"job\":{\"parallelism\":2}},\"resource_metadata\":{}}"}});
        let st = Status(Some(&s));
        assert!(st.known());
        assert_eq!(st.running(), Some(true));
        assert_eq!(st.last_savepoint(), Some("s3://b/sp-1"));
        assert_eq!(st.last_reconciled_spec(), Some(json!({"job": {"parallelism": 2}})));
        let stmt = json!({"phase": "STOPPED"});
        assert_eq!(Status(Some(&stmt)).running(), Some(false));
        assert_eq!(Status(None).running(), None);
    }
}
