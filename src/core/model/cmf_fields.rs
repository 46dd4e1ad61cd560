//! Fields of CMF payloads whose place or name is a fact of the CMF API: where catalogs and
//! databases name their connection secrets, and what a database's DDL list is called in
//! each CMF release.

use super::Resource;
use crate::core::flink::version::Version;

/// Every connection secret id a catalog or database uses (CMF REST `connectionSecretId`
/// of its Schema Registry and Kafka clusters, CFK `connectionSecretRef.name`).
pub fn connection_secret_ids(r: &Resource) -> Vec<&str> {
    let mut ids = Vec::new();
    let paths: [&[&str]; 3] = [
        &["srInstance", "connectionSecretId"],
        &["kafkaCluster", "connectionSecretId"],
        &["connectionSecretRef", "name"],
    ];
    for p in paths {
        ids.extend(r.spec_str(p));
    }
    for c in r.spec_get(&["kafkaClusters"]).and_then(|v| v.as_array()).into_iter().flatten() {
        ids.extend(c.get("connectionSecretId").and_then(|v| v.as_str()));
    }
    ids
}

/// The field of a Kafka database that lists the environments allowed to run DDL on it in
/// the `cmf` release, and the other spelling: `ddlEnvironments` from CMF 2.3 on,
/// `alterEnvironments` in 2.1–2.2 (the rename was breaking).
pub fn ddl_environments_field(cmf: Version) -> (&'static str, &'static str) {
    if cmf.at_least(2, 3) {
        ("ddlEnvironments", "alterEnvironments")
    } else {
        ("alterEnvironments", "ddlEnvironments")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::ResourceId;
    use serde_json::json;

    #[test]
    fn secret_ids_and_the_ddl_field() {
        let r = Resource::new(
            ResourceId(0),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "KafkaCatalog", "metadata": {"name": "c"},
                   "spec": {"srInstance": {"connectionSecretId": "sr"}, "kafkaClusters": [{"connectionSecretId": "k"}]}}),
        );
        assert_eq!(connection_secret_ids(&r), ["sr", "k"]);
        assert_eq!(ddl_environments_field(Version::new(2, 3, 1)).0, "ddlEnvironments");
        assert_eq!(ddl_environments_field(Version::new(2, 2, 0)).0, "alterEnvironments");
    }
}
