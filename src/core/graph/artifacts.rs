//! Artifact edges (CMF ≥ 2.4): an application, statement or compute pool that names
//! `cmf://{environment}/{name}[?version=N]` references the `Artifact` `name` of
//! `environment` (the URI's environment, which may differ from the referencing
//! resource's own; CMF-ART-002 judges that). A URI that does not parse makes no edge
//! (CMF-ART-001 reports it). Versions are not part of the edge: CMF-ART-003 compares them
//! with what the artifact node declares.

use crate::core::model::{Kind, Resource, artifact};

use super::references::{EdgeKind, Reference};

/// The artifact references `r` makes, one per well-formed `cmf://` URI of its spec.
pub fn artifact_references(r: &Resource) -> Vec<Reference> {
    artifact::references_of(r)
        .into_iter()
        .filter_map(|found| {
            let uri = found.uri.ok()?;
            Some(Reference {
                edge: EdgeKind::Artifact,
                field: found.pointer,
                targets: &[Kind::Artifact],
                name: uri.name,
                namespace: None,
                environment: Some(uri.environment),
                catalog: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::core::design::Design;
    use crate::core::graph::{EdgeKind, Graph};
    use serde_json::json;

    fn design(docs: Vec<serde_json::Value>) -> Design {
        let mut d = Design::new();
        for doc in docs {
            d.add(doc);
        }
        d.assign_scopes(Some("dev"), None);
        d
    }

    #[test]
    fn a_jar_uri_is_an_edge_to_the_artifact_of_its_environment() {
        let d = design(vec![
            json!({"name": "dev", "kubernetesNamespace": "flink"}),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Artifact",
                   "metadata": {"name": "job.jar"}, "spec": {}}),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "FlinkApplication",
                   "metadata": {"name": "app"},
                   "spec": {"job": {"jarURI": "cmf://dev/job.jar?version=1"}}}),
            json!({"apiVersion": "cmf.confluent.io/v1", "kind": "Statement",
                   "metadata": {"name": "st"},
                   "spec": {"statement": "CREATE FUNCTION f AS 'F' USING JAR 'cmf://prod/udf.jar'"}}),
        ]);
        let g = Graph::build(&d);
        let (art, app, st) = (d.resources[1].id, d.resources[2].id, d.resources[3].id);
        assert_eq!(g.targets(app, EdgeKind::Artifact), vec![art]);
        assert_eq!(g.sources(art, EdgeKind::Artifact), vec![app]);
        let dangling: Vec<_> = g
            .dangling
            .iter()
            .filter(|x| x.reference.edge == EdgeKind::Artifact)
            .map(|x| (x.from, x.reference.name.as_str(), x.reference.environment.as_deref()))
            .collect();
        assert_eq!(dangling, [(st, "udf.jar", Some("prod"))]);
    }
}
