//! The CMF endpoints the studio uses (the 2.3.1 OpenAPI, plus the 2.4 artifacts):
//! object identities, their REST paths, and which verb creates or updates each kind
//! (domain.md §2.3–2.4).

use std::fmt;

use serde::Serialize;

use super::transport::{Method, percent_encode};
use crate::core::model::{Form, Kind, kind_name};

/// Prefix of every endpoint.
pub const API: &str = "/cmf/api/v1";

/// Page size used when listing (the Confluent CLI uses the same).
pub const PAGE_SIZE: usize = 100;

/// CMF kinds in create order (domain.md §2.4): environments before what lives in them,
/// secrets → secret mappings → catalogs → databases, pools before statements, artifacts
/// (uploaded) before the pools, statements and applications that name them.
/// Deletion runs in the reverse order.
pub const APPLY_ORDER: &[Kind] = &[
    Kind::Environment,
    Kind::Artifact,
    Kind::CmfSecret,
    Kind::SecretMapping,
    Kind::KafkaCatalog,
    Kind::KafkaDatabase,
    Kind::ComputePool,
    Kind::Statement,
    Kind::Application,
];

/// Position of `kind` in [`APPLY_ORDER`].
pub fn rank(kind: Kind) -> usize {
    APPLY_ORDER.iter().position(|k| *k == kind).unwrap_or(APPLY_ORDER.len())
}

/// The `kind` CMF uses in bodies (`ComputePool`, `EnvironmentSecretMapping` …).
pub fn kind_label(kind: Kind) -> &'static str {
    kind_name(kind, Form::CmfRest).unwrap_or("Object")
}

/// True for the kinds CMF creates *or updates* with a POST (environments, applications);
/// the others answer 409 to a POST of an existing name and are updated with PUT.
pub fn upsert_by_post(kind: Kind) -> bool {
    matches!(kind, Kind::Environment | Kind::Application)
}

/// Identity of a CMF object: kind, name and the scope its REST path names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ObjectKey {
    /// The concept.
    pub kind: Kind,
    /// `metadata.name` (an environment's `name`).
    pub name: String,
    /// Environment of applications, pools, statements and secret mappings.
    pub environment: Option<String>,
    /// Catalog of a database.
    pub catalog: Option<String>,
}

impl ObjectKey {
    /// A global object (environment, secret, catalog).
    pub fn global(kind: Kind, name: &str) -> Self {
        ObjectKey { kind, name: name.to_string(), environment: None, catalog: None }
    }

    /// An object inside environment `env`.
    pub fn in_environment(kind: Kind, env: &str, name: &str) -> Self {
        ObjectKey {
            kind,
            name: name.to_string(),
            environment: Some(env.to_string()),
            catalog: None,
        }
    }

    /// A database of catalog `catalog`.
    pub fn database(catalog: &str, name: &str) -> Self {
        ObjectKey {
            kind: Kind::KafkaDatabase,
            name: name.to_string(),
            environment: None,
            catalog: Some(catalog.to_string()),
        }
    }

    /// The collection path (`/cmf/api/v1/environments/dev/compute-pools`), or `None`
    /// when the scope its path needs is unknown.
    pub fn collection(&self) -> Option<String> {
        collection(self.kind, self.environment.as_deref(), self.catalog.as_deref())
    }

    /// The object's own path (`…/compute-pools/pool`).
    pub fn item(&self) -> Option<String> {
        Some(format!("{}/{}", self.collection()?, percent_encode(&self.name)))
    }

    /// Verb and path that create the object.
    pub fn create(&self) -> Option<(Method, String)> {
        Some((Method::Post, self.collection()?))
    }

    /// Verb and path that update the object: POST to the collection for environments
    /// and applications, PUT on the item otherwise.
    pub fn update(&self) -> Option<(Method, String)> {
        if upsert_by_post(self.kind) { self.create() } else { Some((Method::Put, self.item()?)) }
    }
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", kind_label(self.kind), self.name)?;
        if let Some(env) = &self.environment {
            write!(f, " in environment {env}")?;
        }
        if let Some(cat) = &self.catalog {
            write!(f, " in catalog {cat}")?;
        }
        Ok(())
    }
}

/// The collection path of `kind` in the given scope.
pub fn collection(kind: Kind, env: Option<&str>, catalog: Option<&str>) -> Option<String> {
    let env = || env.map(|e| format!("{API}/environments/{}", percent_encode(e)));
    Some(match kind {
        Kind::Environment => format!("{API}/environments"),
        Kind::Application => format!("{}/applications", env()?),
        Kind::ComputePool => format!("{}/compute-pools", env()?),
        Kind::Statement => format!("{}/statements", env()?),
        Kind::SecretMapping => format!("{}/secret-mappings", env()?),
        Kind::Artifact => format!("{}/artifacts", env()?),
        Kind::CmfSecret => format!("{API}/secrets"),
        Kind::KafkaCatalog => format!("{API}/catalogs/kafka"),
        Kind::KafkaDatabase => {
            format!("{API}/catalogs/kafka/{}/databases", percent_encode(catalog?))
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_follow_the_kind() {
        let env = ObjectKey::global(Kind::Environment, "dev");
        assert_eq!(env.update(), Some((Method::Post, "/cmf/api/v1/environments".into())));
        let app = ObjectKey::in_environment(Kind::Application, "dev", "orders");
        assert_eq!(
            app.update(),
            Some((Method::Post, "/cmf/api/v1/environments/dev/applications".into()))
        );
        let pool = ObjectKey::in_environment(Kind::ComputePool, "dev", "pool");
        assert_eq!(
            pool.update(),
            Some((Method::Put, "/cmf/api/v1/environments/dev/compute-pools/pool".into()))
        );
        let db = ObjectKey::database("kafka-cat", "clicks");
        assert_eq!(
            db.item().as_deref(),
            Some("/cmf/api/v1/catalogs/kafka/kafka-cat/databases/clicks")
        );
        let orphan = ObjectKey::global(Kind::Statement, "s");
        assert_eq!(orphan.create(), None);
    }

    #[test]
    fn order_puts_dependencies_first() {
        assert!(rank(Kind::CmfSecret) < rank(Kind::SecretMapping));
        assert!(rank(Kind::SecretMapping) < rank(Kind::KafkaCatalog));
        assert!(rank(Kind::KafkaCatalog) < rank(Kind::KafkaDatabase));
        assert!(rank(Kind::ComputePool) < rank(Kind::Statement));
        assert_eq!(rank(Kind::Environment), 0);
        assert!(rank(Kind::Artifact) < rank(Kind::ComputePool));
        let art = ObjectKey::in_environment(Kind::Artifact, "dev", "job.jar");
        assert_eq!(
            art.update(),
            Some((Method::Put, "/cmf/api/v1/environments/dev/artifacts/job.jar".into()))
        );
    }
}
