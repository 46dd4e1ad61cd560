//! Templates: the setups a newcomer needs, each with a deliberately broken variant for
//! teaching (its findings name the rule that was broken and how to fix it).
//!
//! The texts are multi-document YAML files in `templates/`, embedded at build time.
//! Good templates import without any error or warning (tested); broken ones raise the
//! rules listed in [`Template::teaches`].

use super::design::Design;
use super::design_file;
use super::finding::Finding;

/// One template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// Stable id (`session-cluster`, `session-cluster-broken`).
    pub id: &'static str,
    /// Title shown in the template picker.
    pub title: &'static str,
    /// One paragraph: what it sets up (or, for a broken variant, what to look for).
    pub description: &'static str,
    /// Id of the good template this one breaks, for broken variants.
    pub breaks: Option<&'static str>,
    /// Rule ids the broken variant teaches (empty for good templates).
    pub teaches: &'static [&'static str],
    /// The manifests (multi-document YAML).
    pub text: &'static str,
}

impl Template {
    /// The template as a design (its own ids from 0; CMF payloads in its environment),
    /// declared complete: a template is a whole deployment, so a reference to something
    /// not in it is an error. Returns the import problems too, which are empty for every
    /// shipped template.
    pub fn design(&self) -> (Design, Vec<Finding>) {
        let mut design = Design::new();
        let (_, findings) = design_file::import_any(&mut design, self.file_name(), self.text);
        design.assign_scopes(None, None);
        design.targets.complete = true;
        (design, findings)
    }

    /// The file name findings refer to (`session-cluster.yaml`).
    pub fn file_name(&self) -> &'static str {
        FILE_NAMES.iter().find(|(id, _)| *id == self.id).map_or("template.yaml", |(_, f)| f)
    }

    /// True for a deliberately broken teaching variant.
    pub fn is_broken(&self) -> bool {
        self.breaks.is_some()
    }
}

const FILE_NAMES: &[(&str, &str)] = &[
    ("confluent-platform", "confluent-platform.yaml"),
    ("confluent-platform-broken", "confluent-platform-broken.yaml"),
    ("session-cluster", "session-cluster.yaml"),
    ("session-cluster-broken", "session-cluster-broken.yaml"),
    ("ha-application", "ha-application.yaml"),
    ("ha-application-broken", "ha-application-broken.yaml"),
    ("flink-sql", "flink-sql.yaml"),
    ("flink-sql-broken", "flink-sql-broken.yaml"),
    ("cmf-artifacts", "cmf-artifacts.yaml"),
    ("cmf-artifacts-broken", "cmf-artifacts-broken.yaml"),
];

/// Every template, good ones each followed by their broken variant.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "confluent-platform",
        title: "Confluent Platform with CMF and CFK",
        description: "Confluent for Kubernetes and Confluent Manager for Apache Flink in \
            namespace `confluent`, the Flink Kubernetes Operator in `flink`, and applications \
            in `apps`. CFK reaches CMF through an mTLS CMFRestClass; the FlinkEnvironment \
            `production` places its applications in `apps` and gives them checkpointing \
            defaults; the FlinkApplication `orders` runs there with its own service account \
            and role.",
        breaks: None,
        teaches: &[],
        text: include_str!("templates/confluent-platform.yaml"),
    },
    Template {
        id: "confluent-platform-broken",
        title: "Confluent Platform with CMF and CFK (broken)",
        description: "The same platform with two mistakes: the environment names a namespace \
            that does not exist (`app` instead of `apps`), and CFK is installed without \
            enableCMFDay2Ops, so it would not reconcile any Flink custom resource. Find both \
            in the findings and fix them in the inspector.",
        breaks: Some("confluent-platform"),
        teaches: &["REF-NS-001", "CFK-INST-002"],
        text: include_str!("templates/confluent-platform-broken.yaml"),
    },
    Template {
        id: "session-cluster",
        title: "Open-source operator: session cluster and session job",
        description: "The Apache Flink Kubernetes Operator watching namespace `flink`, a \
            session cluster (a FlinkDeployment without a job) with its service account and \
            role, and a FlinkSessionJob submitted to it.",
        breaks: None,
        teaches: &[],
        text: include_str!("templates/session-cluster.yaml"),
    },
    Template {
        id: "session-cluster-broken",
        title: "Open-source operator: session cluster and session job (broken)",
        description: "The session job is submitted to a FlinkDeployment that runs a job of its \
            own — an application cluster, which does not accept session jobs. Remove the \
            cluster's job, or point the session job at a real session cluster.",
        breaks: Some("session-cluster"),
        teaches: &["FKO-SJ-003"],
        text: include_str!("templates/session-cluster-broken.yaml"),
    },
    Template {
        id: "ha-application",
        title: "HA application with RocksDB and checkpoints on a shared volume",
        description: "A FlinkDeployment with Kubernetes high availability, the RocksDB state \
            backend with incremental checkpoints, and checkpoints, savepoints and HA metadata \
            on a ReadWriteMany PersistentVolumeClaim mounted into every Flink pod, upgraded \
            with last-state.",
        breaks: None,
        teaches: &[],
        text: include_str!("templates/ha-application.yaml"),
    },
    Template {
        id: "ha-application-broken",
        title: "HA application with RocksDB and checkpoints on a shared volume (broken)",
        description: "Checkpoints are written to file:///flink-data but the volume is no longer \
            mounted there, and the claim is ReadWriteOnce although the JobManager and every \
            TaskManager mount it. Mount the volume into flink-main-container and make the \
            claim ReadWriteMany.",
        breaks: Some("ha-application"),
        teaches: &["POD-004", "POD-006"],
        text: include_str!("templates/ha-application-broken.yaml"),
    },
    Template {
        id: "flink-sql",
        title: "Flink SQL: environment, compute pool, Kafka catalog, statement",
        description: "A CMF environment in namespace `flink`, a dedicated compute pool, a \
            Kafka catalog and database whose credentials come from a CMF secret through an \
            environment secret mapping, and a streaming INSERT statement with checkpointing.",
        breaks: None,
        teaches: &[],
        text: include_str!("templates/flink-sql.yaml"),
    },
    Template {
        id: "flink-sql-broken",
        title: "Flink SQL: environment, compute pool, Kafka catalog, statement (broken)",
        description: "The secret mapping is named `kafka-conn`, but the catalog and database \
            use connectionSecretId `kafka-connection`: CMF silently hides them from the \
            environment. And the INSERT statement runs without checkpointing. Rename the \
            mapping and set execution.checkpointing.interval.",
        breaks: Some("flink-sql"),
        teaches: &["REF-SECID-001", "CMF-STMT-004"],
        text: include_str!("templates/flink-sql-broken.yaml"),
    },
    Template {
        id: "cmf-artifacts",
        title: "CMF 2.5: SQL and a jar application from artifacts, with savepoint schedules",
        description: "No custom image: the FlinkApplication `orders` runs the job jar artifact \
            `orders-job.jar` (cmf://development/orders-job.jar?version=1) and a SQL statement \
            registers a UDF from the artifact `currency-udf.jar`. The application takes a \
            savepoint nightly at 02:30 Berlin time outside a Sunday blackout window, the \
            INSERT statement hourly, and every other detached statement of the environment \
            every six hours; retention keeps a bounded number of them. Apply uploads the \
            jars first, and again only when their content changed.",
        breaks: None,
        teaches: &[],
        text: include_str!("templates/cmf-artifacts.yaml"),
    },
    Template {
        id: "cmf-artifacts-broken",
        title: "CMF 2.5: SQL and a jar application from artifacts, with savepoint schedules (broken)",
        description: "Three mistakes: the application pins version 2 of an artifact the design \
            uploads once (version 1); its nightly savepoint falls inside a blackout window \
            every night, so none is ever taken; and the statement's schedule has a five-field \
            cron expression, which CMF rejects (it wants seconds first). Pin version 1 or \
            drop ?version=, move the window, and write `0 0 * * * *`.",
        breaks: Some("cmf-artifacts"),
        teaches: &["CMF-ART-003", "CMF-SPS-003", "CMF-SPS-001"],
        text: include_str!("templates/cmf-artifacts-broken.yaml"),
    },
];

/// The template with this id.
pub fn by_id(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests;
