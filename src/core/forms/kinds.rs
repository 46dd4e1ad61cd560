//! The fields each kind's form shows, below the spec. Labels and input types only: the
//! allowed values of a choice are looked up where they are specified (see `In`).

use crate::core::model::Kind;

/// How a row is edited, and where a choice's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum In {
    Text,
    Long,
    Number,
    Bool,
    /// The enum of this FKO CRD's spec at the row's tokens (relative to its group's base:
    /// the spec of a CMF application, a pool's `clusterSpec` and a blue/green template
    /// are FlinkDeployment specs).
    CrdEnum(Kind),
    /// The listed enum of the resource's kind at the row's full path
    /// (`schema::listed_enum`).
    ListedEnum,
    /// A FlinkDeployment's `flinkVersion`: the targeted FKO release's CRD enum.
    FkoFlinkVersion,
    /// A compute pool's `flinkVersion`: the SQL versions of the targeted CMF release.
    CmfSqlVersion,
}

/// One field: path below its group's base, label, input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Row {
    pub tokens: &'static [&'static str],
    pub label: &'static str,
    pub input: In,
}

/// Rows sharing a base path below the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Group {
    pub base: &'static [&'static str],
    pub rows: &'static [Row],
}

const fn row(tokens: &'static [&'static str], label: &'static str, input: In) -> Row {
    Row { tokens, label, input }
}

const fn at(rows: &'static [Row]) -> Group {
    Group { base: &[], rows }
}

const FD: In = In::CrdEnum(Kind::FlinkDeployment);

/// A FlinkDeployment spec: the cluster, its mode, its job, its resources.
const DEPLOYMENT: &[Row] = &[
    row(&["image"], "Image", In::Text),
    row(&["flinkVersion"], "Flink version", In::FkoFlinkVersion),
    row(&["serviceAccount"], "Service account", In::Text),
    row(&["mode"], "Mode", FD),
    row(&["job", "jarURI"], "Job jar URI", In::Text),
    row(&["job", "parallelism"], "Parallelism", In::Number),
    row(&["job", "upgradeMode"], "Upgrade mode", FD),
    row(&["job", "state"], "Job state", FD),
    row(&["jobManager", "resource", "cpu"], "JobManager CPU", In::Number),
    row(&["jobManager", "resource", "memory"], "JobManager memory", In::Text),
    row(&["taskManager", "resource", "cpu"], "TaskManager CPU", In::Number),
    row(&["taskManager", "resource", "memory"], "TaskManager memory", In::Text),
];

const SESSION_JOB: In = In::CrdEnum(Kind::FlinkSessionJob);

const SNAPSHOT: In = In::CrdEnum(Kind::FlinkStateSnapshot);

const SESSION_JOB_ROWS: &[Row] = &[
    row(&["deploymentName"], "Session cluster", In::Text),
    row(&["job", "jarURI"], "Job jar URI", In::Text),
    row(&["job", "parallelism"], "Parallelism", In::Number),
    row(&["job", "upgradeMode"], "Upgrade mode", SESSION_JOB),
    row(&["job", "state"], "Job state", SESSION_JOB),
];

const SNAPSHOT_ROWS: &[Row] = &[
    row(&["jobReference", "kind"], "Job kind", SNAPSHOT),
    row(&["jobReference", "name"], "Job name", In::Text),
    row(&["savepoint", "path"], "Savepoint path", In::Text),
];

const STATEMENT_ROWS: &[Row] = &[
    row(&["statement"], "SQL", In::Long),
    row(&["computePoolName"], "Compute pool", In::Text),
    row(&["parallelism"], "Parallelism", In::Number),
    row(&["stopped"], "Stopped", In::Bool),
    row(&["upgradeMode"], "Upgrade mode (CMF 2.4+)", In::ListedEnum),
];

/// A CMF periodic savepoint schedule (CMF 2.4+, `SavepointScheduleConfig`), below
/// `savepointSchedule` of a statement or an application.
const SCHEDULE_ROWS: &[Row] = &[
    row(&["cronExpression"], "Savepoint cron (sec min hour day month weekday)", In::Text),
    row(&["timezone"], "Savepoint time zone (IANA, e.g. Europe/Berlin)", In::Text),
    row(&["paused"], "Savepoints paused", In::Bool),
    row(&["freshnessThresholdHours"], "Savepoint freshness threshold (hours)", In::Number),
    row(&["retention", "keepLast"], "Keep last N savepoints", In::Number),
    row(&["retention", "keepWithin"], "Keep savepoints within (ISO-8601, e.g. P7D)", In::Text),
];
const SCHEDULE: Group = Group { base: &["savepointSchedule"], rows: SCHEDULE_ROWS };

const CMF_SERVICE_ROWS: &[Row] = &[
    row(&["version"], "Version", In::Text),
    row(&["url"], "URL", In::Text),
    row(&["authentication"], "Authentication", In::ListedEnum),
];

const OBJECT_STORE_ROWS: &[Row] =
    &[row(&["type"], "Type", In::ListedEnum), row(&["endpoint"], "Endpoint", In::Text)];

const DEPLOYMENT_FORM: &[Group] = &[at(DEPLOYMENT)];
const BLUE_GREEN_FORM: &[Group] = &[Group { base: &["template", "spec"], rows: DEPLOYMENT }];
const SESSION_JOB_FORM: &[Group] = &[at(SESSION_JOB_ROWS)];
const SNAPSHOT_FORM: &[Group] = &[at(SNAPSHOT_ROWS)];
const ENVIRONMENT_FORM: &[Group] =
    &[at(&[row(&["kubernetesNamespace"], "Kubernetes namespace", In::Text)])];
const POOL_FORM: &[Group] = &[
    at(&[row(&["type"], "Type", In::ListedEnum)]),
    Group {
        base: &["clusterSpec"],
        rows: &[
            row(&["image"], "Image", In::Text),
            row(&["flinkVersion"], "Flink version", In::CmfSqlVersion),
        ],
    },
];
const STATEMENT_FORM: &[Group] = &[at(STATEMENT_ROWS), SCHEDULE];
const APPLICATION_FORM: &[Group] = &[at(DEPLOYMENT), SCHEDULE];
const CATALOG_FORM: &[Group] =
    &[at(&[row(&["srInstance", "connectionSecretId"], "Connection secret id", In::Text)])];
const DATABASE_FORM: &[Group] =
    &[at(&[row(&["kafkaCluster", "connectionSecretId"], "Connection secret id", In::Text)])];
const MAPPING_FORM: &[Group] = &[at(&[row(&["secretName"], "Secret", In::Text)])];
const REST_CLASS_FORM: &[Group] = &[at(&[row(&["cmfRest", "endpoint"], "CMF endpoint", In::Text)])];
const INSTALL_FORM: &[Group] = &[at(&[row(&["version"], "Version", In::Text)])];
const CMF_SERVICE_FORM: &[Group] = &[at(CMF_SERVICE_ROWS)];
const KAFKA_FORM: &[Group] = &[at(&[row(&["bootstrapServers"], "Bootstrap servers", In::Text)])];
const SCHEMA_REGISTRY_FORM: &[Group] = &[at(&[row(&["url"], "URL", In::Text)])];
const OBJECT_STORE_FORM: &[Group] = &[at(OBJECT_STORE_ROWS)];

/// The field groups of `kind`'s form (after name, namespace and CMF environment).
pub(super) fn groups(kind: Kind) -> &'static [Group] {
    match kind {
        Kind::FlinkDeployment => DEPLOYMENT_FORM,
        Kind::Application => APPLICATION_FORM,
        Kind::FlinkBlueGreenDeployment => BLUE_GREEN_FORM,
        Kind::FlinkSessionJob => SESSION_JOB_FORM,
        Kind::FlinkStateSnapshot => SNAPSHOT_FORM,
        Kind::Environment => ENVIRONMENT_FORM,
        Kind::ComputePool => POOL_FORM,
        Kind::Statement => STATEMENT_FORM,
        Kind::KafkaCatalog => CATALOG_FORM,
        Kind::KafkaDatabase => DATABASE_FORM,
        Kind::SecretMapping => MAPPING_FORM,
        Kind::CmfRestClass => REST_CLASS_FORM,
        Kind::FkoInstall | Kind::CfkInstall => INSTALL_FORM,
        Kind::CmfInstall => CMF_SERVICE_FORM,
        Kind::KafkaCluster => KAFKA_FORM,
        Kind::SchemaRegistry => SCHEMA_REGISTRY_FORM,
        Kind::ObjectStore => OBJECT_STORE_FORM,
        // Secret values, RBAC rules, claims and savepoint records are lists and maps the
        // YAML tab edits; a fragment or an unknown kind has no known fields.
        Kind::CmfSecret
        | Kind::Savepoint
        | Kind::DetachedSavepoint
        | Kind::Artifact
        | Kind::Namespace
        | Kind::ServiceAccount
        | Kind::Secret
        | Kind::ConfigMap
        | Kind::PersistentVolumeClaim
        | Kind::Role
        | Kind::ClusterRole
        | Kind::RoleBinding
        | Kind::ClusterRoleBinding
        | Kind::Fragment
        | Kind::Unknown => &[],
    }
}
