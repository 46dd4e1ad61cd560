//! A verdict: what the operator or CMF does with one changed job, what happens to its
//! state, the risk, the evidence behind each claim and the safe sequence of steps.

use serde::Serialize;

use super::steps::Step;
use crate::core::model::ResourceRef;

/// What the system that owns the resource does when the change is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Nothing runs differently (the change is recorded, or touches no running job).
    Nothing,
    /// The new job or cluster is deployed.
    Deploy,
    /// The job is cancelled and the resource deleted.
    Delete,
    /// Rescaled in place, without a restart (autoscaler / rescale API, reactive mode).
    Scale,
    /// The job is restarted on its cluster (session jobs, CMF statements).
    Restart,
    /// The cluster is deleted and deployed again with the new spec.
    Redeploy,
    /// The job is redeployed from `initialSavepointPath` (a savepoint redeploy).
    RedeployFromSavepoint,
    /// A second colour is deployed and traffic switches to it (blue/green).
    Switch,
    /// The running job is stopped (suspended).
    Suspend,
    /// A suspended job is started again.
    Resume,
    /// The operator refuses the new spec (its validator's message is the detail).
    Refuse,
    /// CMF rejects the update (immutable field, conflict).
    Reject,
    /// Accepted, but what it does to a running job is not documented.
    Undocumented,
}

/// What happens to the job's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    /// The job keeps running as it is: its state is not touched.
    Untouched,
    /// Carried over through a savepoint taken by the change.
    Savepoint,
    /// Carried over through the last checkpoint (high-availability metadata or the
    /// checkpoint the operator recorded when cancelling).
    LastCheckpoint,
    /// Replaced: the job starts from a given savepoint; progress since it was taken is lost.
    Replaced,
    /// Carried over, but may not be restorable (e.g. across a Flink major version).
    AtRisk,
    /// Lost: the job starts from empty state.
    Lost,
    /// No state to speak of (a new job, a cluster without jobs, a stateless job without
    /// checkpoints).
    None,
    /// The review cannot tell (the outcome depends on facts not in the input).
    Unknown,
}

/// Downtime class of the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Downtime {
    /// The job keeps processing.
    None,
    /// The job stops and starts again on the same cluster (seconds to a minute).
    Restart,
    /// The cluster's pods are replaced (JobManager start, TaskManagers, restore: minutes).
    Redeploy,
    /// The job stops and stays stopped until resumed (or is deleted).
    Stopped,
}

/// Whether the change can be undone the same way (applying the baseline again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rollback {
    /// True when re-applying the baseline undoes it the same way.
    pub same_way: bool,
    /// Why not, or what re-applying does.
    pub note: String,
}

/// Risk of the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    /// Downtime class.
    pub downtime: Downtime,
    /// Rollback.
    pub rollback: Rollback,
}

/// Which design a piece of evidence was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Which {
    /// The baseline (deployed now).
    Before,
    /// The new design.
    After,
}

/// One fact a verdict rests on, and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The fact, in words (`upgradeMode is savepoint`, `status: job RUNNING`).
    pub fact: String,
    /// Which design.
    pub side: Which,
    /// The resource it was read from (`None`: built-in defaults or the operator's code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceRef>,
    /// JSON Pointer of the field, where there is one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pointer: String,
}

/// A reason the change-review rules judge (each maps to a rule id; see `review::rules`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", rename_all_fields = "camelCase", tag = "cause")]
pub enum Cause {
    /// `spec.job` added to a deployed session cluster or removed from an application cluster.
    ClusterTypeSwitch {
        /// The operator's message.
        message: String,
    },
    /// `spec.mode` switched between native and standalone.
    DeploymentModeSwitch {
        /// The operator's message.
        message: String,
    },
    /// A new `savepointRedeployNonce` without `initialSavepointPath`.
    RedeployNonceWithoutPath,
    /// `flinkVersion` changed after a last-state suspend, with a stateful upgrade mode.
    VersionAfterLastStateSuspend {
        /// Version before.
        from: String,
        /// Version after.
        to: String,
    },
    /// A session job's `deploymentName` changed.
    SessionClusterRenamed {
        /// Cluster before.
        from: String,
        /// Cluster after.
        to: String,
    },
    /// `upgradeMode` switched from a stateful mode to `stateless`.
    ModeToStateless {
        /// Mode before.
        from: String,
        /// True when the same change restarts the job (the state goes now).
        restarts_now: bool,
    },
    /// `initialSavepointPath` changed without a new `savepointRedeployNonce`.
    InitialSavepointPathIgnored,
    /// A restart with `upgradeMode: stateless` of a job that checkpoints.
    StatelessRestartDropsState,
    /// The state of the upgrade is written where the redeployed cluster cannot read it.
    NonDurableState {
        /// The directory option.
        key: String,
        /// Its value.
        dir: String,
        /// What holds it.
        why: String,
    },
    /// The Flink major version changes with state carried over.
    MajorVersionCrossing {
        /// Version before.
        from: String,
        /// Version after.
        to: String,
    },
    /// A session cluster redeploy restarts the session jobs on it.
    SessionJobsInterrupted {
        /// The session jobs.
        jobs: Vec<String>,
        /// True when the cluster has high availability (jobs recover from checkpoints).
        ha: bool,
    },
    /// One apply changes a session cluster and session jobs on it (FLINK-39165).
    ClusterAndJobsTogether {
        /// The session jobs changed with it.
        jobs: Vec<String>,
    },
    /// The checkpoint directory moves while state is restored from the old one.
    CheckpointDirMoved {
        /// Directory before.
        from: String,
        /// Directory after.
        to: String,
    },
    /// A compute pool's `type` changed.
    PoolTypeChanged,
    /// A statement's SQL changed.
    StatementSqlChanged,
    /// A compute pool changes on a CMF without an update endpoint (< 2.3).
    PoolWithoutUpdate {
        /// Statements using the pool.
        statements: Vec<String>,
    },
    /// A compute pool changes while statements run on it (CMF answers 409).
    PoolUpdateWhileRunning {
        /// The running statements.
        statements: Vec<String>,
        /// True when the baseline's status says they run (else assumed from their spec).
        confirmed: bool,
    },
    /// A statement operation not allowed in the statement's phase.
    PhaseForbids {
        /// The operation (`stop`, `resume`, `rescale`).
        operation: String,
        /// The phase.
        phase: String,
    },
    /// `startFromSavepoint` on a statement being created (honoured only on update).
    StartFromSavepointOnCreate,
    /// An environment's `kubernetesNamespace` or `kubernetesClusterName` changed.
    EnvironmentMoved {
        /// The field.
        field: String,
    },
    /// A running stateful job is deleted (removed from the design).
    RunningJobDeleted {
        /// True for CMF applications and statements.
        cmf: bool,
    },
    /// A statement's stop or rescale keeps no state.
    StatementStateDropped {
        /// The operation.
        operation: String,
        /// Why nothing is kept.
        why: String,
    },
    /// A statement moves to another compute pool.
    StatementPoolMoved {
        /// Pool before.
        from: String,
        /// Pool after.
        to: String,
    },
}

/// Where a cause is reported: the field of the new design (or of the baseline, for a
/// removed resource).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The cause.
    #[serde(flatten)]
    pub cause: Cause,
    /// JSON Pointer of the field that causes it, in the resource's document.
    pub pointer: String,
}

/// What happens to one changed job.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// What the operator or CMF does.
    pub action: Action,
    /// One sentence: what happens, in the operator's terms.
    pub summary: String,
    /// What happens to state.
    pub state: Fate,
    /// Why, in words (names the evidence).
    pub state_reason: String,
    /// Risk.
    pub risk: Risk,
    /// The facts behind the verdict.
    pub evidence: Vec<Evidence>,
    /// The safe sequence when the direct change is unsafe (empty otherwise).
    pub steps: Vec<Step>,
    /// What the change-review rules judge.
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// A verdict with `action`, `summary` and `state`, no downtime and a same-way rollback;
    /// the builder methods fill in the rest.
    pub fn new(
        action: Action,
        summary: impl Into<String>,
        state: Fate,
        why: impl Into<String>,
    ) -> Self {
        Self {
            action,
            summary: summary.into(),
            state,
            state_reason: why.into(),
            risk: Risk {
                downtime: Downtime::None,
                rollback: Rollback { same_way: true, note: "apply the baseline again".into() },
            },
            evidence: Vec::new(),
            steps: Vec::new(),
            reasons: Vec::new(),
        }
    }

    /// Sets the downtime class.
    pub fn downtime(mut self, d: Downtime) -> Self {
        self.risk.downtime = d;
        self
    }

    /// Sets the rollback.
    pub fn rollback(mut self, same_way: bool, note: impl Into<String>) -> Self {
        self.risk.rollback = Rollback { same_way, note: note.into() };
        self
    }

    /// True when the state of a running job is lost or may be.
    pub fn loses_state(&self) -> bool {
        matches!(self.state, Fate::Lost | Fate::AtRisk | Fate::Replaced)
    }
}
