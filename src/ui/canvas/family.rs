//! Kind families: the colour class, shape and icon of each kind on the canvas.

use crate::core::model::Kind;

/// A family of kinds drawn alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Namespaces.
    Namespace,
    /// Service accounts, roles, bindings.
    Access,
    /// Secrets (Kubernetes and CMF) and secret mappings.
    Secret,
    /// ConfigMaps, volume claims and CMF artifacts (stored files).
    Storage,
    /// CMF environments and the CFK rest class.
    Environment,
    /// Compute pools and FKO deployments (clusters).
    Cluster,
    /// Applications, statements, session jobs: the jobs.
    Job,
    /// Catalogs and databases.
    Catalog,
    /// Savepoints and snapshots.
    Snapshot,
    /// Operator and CMF installations.
    Install,
    /// External systems: Kafka, Schema Registry, object stores.
    External,
    /// Unknown kinds and fragments.
    Other,
}

impl Family {
    /// The family of a kind.
    pub fn of(kind: Kind) -> Self {
        use Kind::*;
        match kind {
            Namespace => Family::Namespace,
            ServiceAccount | Role | ClusterRole | RoleBinding | ClusterRoleBinding => {
                Family::Access
            }
            Secret | CmfSecret | SecretMapping => Family::Secret,
            ConfigMap | PersistentVolumeClaim | Artifact => Family::Storage,
            Environment | CmfRestClass => Family::Environment,
            ComputePool | FlinkDeployment | FlinkBlueGreenDeployment => Family::Cluster,
            Application | Statement | FlinkSessionJob => Family::Job,
            KafkaCatalog | KafkaDatabase => Family::Catalog,
            Savepoint | DetachedSavepoint | FlinkStateSnapshot => Family::Snapshot,
            FkoInstall | CfkInstall | CmfInstall => Family::Install,
            KafkaCluster | SchemaRegistry | ObjectStore => Family::External,
            Fragment | Unknown => Family::Other,
        }
    }

    /// Every family, in legend order.
    pub const ALL: [Family; 12] = [
        Family::Namespace,
        Family::Install,
        Family::External,
        Family::Access,
        Family::Secret,
        Family::Storage,
        Family::Environment,
        Family::Cluster,
        Family::Catalog,
        Family::Job,
        Family::Snapshot,
        Family::Other,
    ];

    /// CSS class suffix (`fam-<name>`).
    pub fn class(self) -> &'static str {
        match self {
            Family::Namespace => "namespace",
            Family::Access => "access",
            Family::Secret => "secret",
            Family::Storage => "storage",
            Family::Environment => "environment",
            Family::Cluster => "cluster",
            Family::Job => "job",
            Family::Catalog => "catalog",
            Family::Snapshot => "snapshot",
            Family::Install => "install",
            Family::External => "external",
            Family::Other => "other",
        }
    }

    /// Legend label.
    pub fn label(self) -> &'static str {
        match self {
            Family::Namespace => "Namespace",
            Family::Access => "Service account / RBAC",
            Family::Secret => "Secret / mapping",
            Family::Storage => "ConfigMap / volume",
            Family::Environment => "CMF environment",
            Family::Cluster => "Cluster / compute pool",
            Family::Job => "Job / application / statement",
            Family::Catalog => "Catalog / database",
            Family::Snapshot => "Savepoint / snapshot",
            Family::Install => "Operator / CMF install",
            Family::External => "Kafka / registry / store",
            Family::Other => "Other",
        }
    }

    /// Corner radius of the node shape: each family has its own silhouette.
    pub fn radius(self) -> f64 {
        match self {
            Family::Job | Family::Install => 32.0,
            Family::Environment | Family::Cluster => 14.0,
            Family::External | Family::Catalog => 22.0,
            Family::Snapshot => 4.0,
            _ => 2.0,
        }
    }

    /// Fill and stroke colours for print (light) diagrams.
    pub fn colours(self) -> (&'static str, &'static str) {
        match self {
            Family::Namespace => ("#eef2f7", "#5b6b82"),
            Family::Access => ("#f3eefc", "#7a55c7"),
            Family::Secret => ("#fdf0e6", "#c2621a"),
            Family::Storage => ("#eef7f0", "#3f8a54"),
            Family::Environment => ("#e8f3fd", "#1f6fb8"),
            Family::Cluster => ("#e6f6f7", "#14848f"),
            Family::Job => ("#e9f7e8", "#2e8b2e"),
            Family::Catalog => ("#fbf6e3", "#a07d0d"),
            Family::Snapshot => ("#f2f2f2", "#666666"),
            Family::Install => ("#fde9ef", "#b52f5b"),
            Family::External => ("#eaeefc", "#3a4fb0"),
            Family::Other => ("#f4f4f4", "#888888"),
        }
    }

    /// A 20×20 icon as SVG path data (stroked, no fill).
    pub fn icon(self) -> &'static str {
        match self {
            Family::Namespace => "M2 5h16v12H2z M2 8h16",
            Family::Access => "M10 3a3 3 0 1 1 0 6a3 3 0 1 1 0-6z M4 17c0-4 3-6 6-6s6 2 6 6",
            Family::Secret => "M5 9h10v8H5z M7 9V6a3 3 0 0 1 6 0v3",
            Family::Storage => "M4 4h12v4H4z M4 10h12v6H4z",
            Family::Environment => "M10 2l8 4l-8 4l-8-4z M2 10l8 4l8-4 M2 14l8 4l8-4",
            Family::Cluster => "M3 3h6v6H3z M11 3h6v6h-6z M3 11h6v6H3z M11 11h6v6h-6z",
            Family::Job => "M3 10h10 M9 5l5 5l-5 5 M16 4v12",
            Family::Catalog => "M4 4h12v12H4z M4 8h12 M4 12h12 M8 4v12",
            Family::Snapshot => "M3 6h14v10H3z M7 6l1-2h4l1 2 M10 8a3 3 0 1 1 0 6a3 3 0 1 1 0-6z",
            Family::Install => "M10 2l2 3h3l-1 3l2 2l-2 2l1 3h-3l-2 3l-2-3H5l1-3l-2-2l2-2l-1-3h3z",
            Family::External => {
                "M10 2a8 8 0 1 1 0 16a8 8 0 1 1 0-16z M2 10h16 M10 2c3 3 3 13 0 16 M10 2c-3 3-3 13 0 16"
            }
            Family::Other => "M10 3v10 M10 16v1",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_are_told_apart_by_class_and_icon() {
        let classes: std::collections::HashSet<_> = Family::ALL.iter().map(|f| f.class()).collect();
        let icons: std::collections::HashSet<_> = Family::ALL.iter().map(|f| f.icon()).collect();
        assert_eq!(classes.len(), Family::ALL.len());
        assert_eq!(icons.len(), Family::ALL.len());
        assert_eq!(Family::of(Kind::FlinkSessionJob), Family::Job);
        assert_eq!(Family::of(Kind::KafkaCluster), Family::External);
    }
}
