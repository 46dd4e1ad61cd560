//! Where each kind keeps its Flink configuration maps (domain.md §3): the one answer for
//! every reader — the places whether or not they are filled in yet (the inspector's
//! tables), [`conf_maps`](super::conf_maps) for the maps a resource holds (the rules, the
//! merge engines' tests) — and the Flink version each map's keys are read for.

use crate::core::config::DefaultsSection;
use crate::core::model::{Kind, Resource};
use crate::core::options::FlinkVersion;

/// What a Flink configuration map of a resource configures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapRole {
    /// The resource's own cluster or job (`flinkConfiguration`).
    Own,
    /// The operator's defaults for every deployment it manages (`defaultConfiguration`).
    OperatorDefaults,
    /// One defaults block of a CMF environment.
    EnvironmentDefaults(DefaultsSection),
}

/// One place a kind keeps a Flink configuration map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigMapPlace {
    /// Path of the map below the resource's spec (see `Resource::spec_field`).
    pub tokens: &'static [&'static str],
    /// What it configures.
    pub role: MapRole,
}

const fn own(tokens: &'static [&'static str]) -> ConfigMapPlace {
    ConfigMapPlace { tokens, role: MapRole::Own }
}

const fn defaults(tokens: &'static [&'static str], s: DefaultsSection) -> ConfigMapPlace {
    ConfigMapPlace { tokens, role: MapRole::EnvironmentDefaults(s) }
}

use DefaultsSection as S;

const FLINK_CONFIGURATION: &[ConfigMapPlace] = &[own(&["flinkConfiguration"])];
const BLUE_GREEN: &[ConfigMapPlace] = &[own(&["template", "spec", "flinkConfiguration"])];
const POOL: &[ConfigMapPlace] = &[own(&["clusterSpec", "flinkConfiguration"])];
const OPERATOR: &[ConfigMapPlace] =
    &[ConfigMapPlace { tokens: &["defaultConfiguration"], role: MapRole::OperatorDefaults }];
const ENVIRONMENT: &[ConfigMapPlace] = &[
    defaults(&["flinkApplicationDefaults", "spec", "flinkConfiguration"], S::ApplicationDefaults),
    defaults(
        &["statementDefaults", "detached", "flinkConfiguration"],
        S::DetachedStatementDefaults,
    ),
    defaults(
        &["statementDefaults", "interactive", "flinkConfiguration"],
        S::InteractiveStatementDefaults,
    ),
    defaults(&["computePoolDefaults", "clusterSpec", "flinkConfiguration"], S::ComputePoolDefaults),
];

/// Every place `kind` keeps a Flink configuration map, in display order. Documents of no
/// known kind have none ([`sites_of`](crate::core::cluster::sites_of) recognises
/// deployment-shaped fragments by their content instead).
pub fn flink_configuration_maps(kind: Kind) -> &'static [ConfigMapPlace] {
    match kind {
        Kind::FlinkDeployment | Kind::FlinkSessionJob | Kind::Application | Kind::Statement => {
            FLINK_CONFIGURATION
        }
        Kind::FlinkBlueGreenDeployment => BLUE_GREEN,
        Kind::ComputePool => POOL,
        Kind::FkoInstall => OPERATOR,
        Kind::Environment => ENVIRONMENT,
        Kind::KafkaCatalog
        | Kind::KafkaDatabase
        | Kind::CmfSecret
        | Kind::SecretMapping
        | Kind::Savepoint
        | Kind::DetachedSavepoint
        | Kind::Artifact
        | Kind::CmfRestClass
        | Kind::FlinkStateSnapshot
        | Kind::Namespace
        | Kind::ServiceAccount
        | Kind::Secret
        | Kind::ConfigMap
        | Kind::PersistentVolumeClaim
        | Kind::Role
        | Kind::ClusterRole
        | Kind::RoleBinding
        | Kind::ClusterRoleBinding
        | Kind::CfkInstall
        | Kind::CmfInstall
        | Kind::KafkaCluster
        | Kind::SchemaRegistry
        | Kind::ObjectStore
        | Kind::Fragment
        | Kind::Unknown => &[],
    }
}

/// The Flink version the keys of the map at `place` of `r` are read for: the version of
/// `r`'s effective configuration when the caller has it (`config_version`: the
/// environment's or pool's version included), else the `flinkVersion` beside the map,
/// else the SQL version of CMF for what runs SQL (pools, statements, their defaults;
/// domain.md §1.a) or the newest catalog version.
pub fn place_version(
    r: &Resource,
    place: &ConfigMapPlace,
    config_version: Option<FlinkVersion>,
) -> FlinkVersion {
    let (_, parent) = place.tokens.split_last().unwrap_or((&"", &[]));
    let beside: Vec<&str> = parent.iter().copied().chain(["flinkVersion"]).collect();
    let declared = r.spec_str(&beside).and_then(FlinkVersion::parse);
    let sql = FlinkVersion::CMF_SQL_DEFAULT;
    match place.role {
        MapRole::OperatorDefaults => FlinkVersion::LATEST,
        MapRole::Own if matches!(r.kind, Kind::ComputePool | Kind::Statement) => {
            config_version.or(declared).unwrap_or(sql)
        }
        MapRole::Own => config_version.or(declared).unwrap_or(FlinkVersion::LATEST),
        MapRole::EnvironmentDefaults(DefaultsSection::ApplicationDefaults) => {
            declared.unwrap_or(FlinkVersion::LATEST)
        }
        // Statement defaults run on the environment's pools.
        MapRole::EnvironmentDefaults(
            DefaultsSection::DetachedStatementDefaults
            | DefaultsSection::InteractiveStatementDefaults,
        ) => {
            let tokens = ["computePoolDefaults", "clusterSpec", "flinkVersion"];
            r.spec_str(&tokens).and_then(FlinkVersion::parse).unwrap_or(sql)
        }
        MapRole::EnvironmentDefaults(_) => declared.unwrap_or(sql),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::{Layer, effective_configs_of};
    use crate::core::design::Design;
    use crate::core::graph::Graph;
    use crate::core::import;
    use crate::core::model::ResourceId;
    use crate::core::targets::Targets;

    #[test]
    fn every_environment_defaults_section_with_a_map_has_a_place() {
        let places: Vec<DefaultsSection> = flink_configuration_maps(Kind::Environment)
            .iter()
            .filter_map(|p| match p.role {
                MapRole::EnvironmentDefaults(s) => Some(s),
                _ => None,
            })
            .collect();
        let expected: Vec<DefaultsSection> =
            DefaultsSection::ALL.into_iter().filter(|s| *s != DefaultsSection::Placement).collect();
        assert_eq!(places, expected);
    }

    /// The merge engines read the maps where this table says they are: a key written at
    /// each own place shows up in the effective configuration from exactly that pointer.
    #[test]
    fn the_merge_engines_read_each_own_map_where_the_table_says() {
        let text = "\
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {name: fd, namespace: a}
spec: {flinkVersion: v1_20, flinkConfiguration: {pipeline.name: fd}}
---
apiVersion: cmf.confluent.io/v1
kind: ComputePool
metadata: {name: pool}
spec: {type: DEDICATED, clusterSpec: {flinkVersion: v1_19, flinkConfiguration: {pipeline.name: pool}}}
";
        let mut design = Design::new();
        import::import_text(&mut design, "t.yaml", text);
        let graph = Graph::build(&design);
        let ids: Vec<_> = design.resources.iter().map(|r| r.id).collect();
        let configs = effective_configs_of(&design, &graph, &Targets::default(), &ids);
        for r in &design.resources {
            let [place] = flink_configuration_maps(r.kind) else { panic!("one place") };
            let expected = format!("{}/pipeline.name", r.spec_field(place.tokens));
            let found = configs
                .iter()
                .filter(|c| c.resource == r.id)
                .filter_map(|c| c.entries.get("pipeline.name"))
                .find(|e| e.source.layer != Layer::FlinkDefault)
                .map(|e| e.source.path.clone());
            assert_eq!(found, Some(expected), "{:?}", r.kind);
        }
    }

    #[test]
    fn what_runs_sql_reads_keys_for_the_cmf_sql_version() {
        let r = |doc: serde_json::Value| Resource::new(ResourceId(0), doc);
        let version = |r: &Resource, config: Option<FlinkVersion>| {
            place_version(r, &flink_configuration_maps(r.kind)[0], config)
        };
        let statement = r(serde_json::json!({"apiVersion": "cmf.confluent.io/v1",
            "kind": "Statement", "metadata": {"name": "s"}, "spec": {}}));
        assert_eq!(version(&statement, None), FlinkVersion::CMF_SQL_DEFAULT);
        let fd = r(serde_json::json!({"apiVersion": "flink.apache.org/v1beta1",
            "kind": "FlinkDeployment", "metadata": {"name": "d"}, "spec": {"flinkVersion": "v1_18"}}));
        assert_eq!(version(&fd, None), FlinkVersion::new(1, 18));
        assert_eq!(version(&fd, Some(FlinkVersion::new(2, 0))), FlinkVersion::new(2, 0));
        let env = r(serde_json::json!({"name": "e", "kubernetesNamespace": "n",
            "computePoolDefaults": {"clusterSpec": {"flinkVersion": "v2_1"}}}));
        let places = flink_configuration_maps(Kind::Environment);
        let versions: Vec<String> =
            places.iter().map(|p| place_version(&env, p, None).to_string()).collect();
        // The application defaults name no version: the newest the catalog knows.
        let latest = FlinkVersion::LATEST.to_string();
        assert_eq!(versions, [latest.as_str(), "2.1", "2.1", "2.1"]);
    }
}
