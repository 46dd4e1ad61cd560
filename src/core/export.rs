//! Export: kubectl-ready YAML and CMF REST JSON payloads.
//!
//! Both exports are pure functions of a [`Design`]. What they share:
//!
//! * **Server-owned fields are stripped**: `status`, and `metadata.uid`,
//!   `resourceVersion`, `creationTimestamp`, `generation`, `managedFields`, `selfLink`,
//!   `deletionTimestamp`, `deletionGracePeriodSeconds`, `updateTimestamp` (the last one is
//!   CMF's); CMF environment bodies also lose `created_time` and `updated_time`.
//!   This applies to every document, unknown kinds included (those fields are owned by the
//!   API server whatever the kind).
//! * **No studio data**: studio nodes (`studio.flinkstudio.dev/v1`) are never exported, and
//!   labels or annotations whose key starts with `studio.flinkstudio.dev/` are removed.
//!   Canvas positions and notes live in the design file only.
//! * **Secrets are redacted by default**: every value of a Kubernetes `Secret`'s `data` and
//!   `stringData` and of a CMF `Secret`'s `spec.data` becomes [`PLACEHOLDER`] (keys are
//!   kept) unless [`ExportOptions::include_secrets`] is set. `<redacted>` is not valid
//!   base64, so `kubectl apply` rejects a redacted `data` map instead of overwriting a
//!   real secret with it.
//!
//! See [`kubectl`] and [`cmf`] for what each one emits and in which order.

pub(crate) mod emit;

pub(crate) mod clean;
mod cmf_out;
mod kubectl_out;

use super::design::Design;
use super::model::Kind;

pub use clean::PLACEHOLDER;

/// One exported file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFile {
    /// Suggested file name.
    pub name: String,
    /// Content.
    pub content: String,
    /// The CMF concept of a CMF payload (`None` for other files).
    pub kind: Option<Kind>,
    /// Name of the CMF object (`metadata.name`, or an environment's `name`).
    pub object: String,
    /// CMF environment the payload belongs to (`{envName}` of its REST path): set for
    /// applications, compute pools, statements and secret mappings when known.
    pub environment: Option<String>,
    /// Kafka catalog of a database (`{catName}` of its REST path), when known.
    pub catalog: Option<String>,
    /// What the conversion could not carry over (shown to the user).
    pub notes: Vec<String>,
}

impl ExportFile {
    /// The REST collection the payload is POSTed to, relative to `/cmf/api/v1`
    /// (e.g. `/environments/dev/applications`), or `None` when its environment or
    /// catalog is unknown or the file is not a CMF payload.
    pub fn collection_path(&self) -> Option<String> {
        let env = || self.environment.as_deref().map(|e| format!("/environments/{e}"));
        Some(match self.kind? {
            Kind::Environment => "/environments".to_string(),
            Kind::Application => format!("{}/applications", env()?),
            Kind::ComputePool => format!("{}/compute-pools", env()?),
            Kind::Statement => format!("{}/statements", env()?),
            Kind::SecretMapping => format!("{}/secret-mappings", env()?),
            Kind::KafkaCatalog => "/catalogs/kafka".to_string(),
            Kind::KafkaDatabase => {
                format!("/catalogs/kafka/{}/databases", self.catalog.as_deref()?)
            }
            Kind::CmfSecret => "/secrets".to_string(),
            _ => return None,
        })
    }
}

/// Options of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Include secret values (Kubernetes `data`/`stringData`, CMF secret `data`).
    /// Off by default: values are replaced by placeholders.
    pub include_secrets: bool,
}

/// The design as one multi-document YAML stream that `kubectl apply -f` accepts.
///
/// * Emitted: plain Kubernetes objects, FKO CRs, CFK CRs, and documents of unknown
///   `apiVersion`/`kind` (they were in the user's input; passed through, server fields
///   stripped).
/// * CMF REST payloads are not Kubernetes objects. When the design has a `CMFRestClass`
///   they are converted to their CFK CRs ([`crate::core::convert`]) in the rest class's
///   namespace — the rest class referenced by the `FlinkEnvironment` CR of the payload's
///   environment if there is one, else the design's first. A CMF `Secret` becomes a
///   Kubernetes `Secret` plus a `FlinkSecret`. A converted CR that has the same
///   apiVersion/kind/namespace/name as a CR already in the design is dropped (the design's
///   own CR wins). Payloads that cannot be converted (no rest class, unknown environment
///   or catalog, savepoints) are left out and listed in the leading comment, which says
///   to apply them with `fstudio export --to cmf`.
/// * Left out and listed too: documents without both `apiVersion` and `kind` (fragments),
///   unknown kinds of the CMF REST group. Studio nodes are left out silently.
/// * Order (domain.md EXP-006 and §1.b), stable within a rank: CustomResourceDefinitions
///   → Namespaces → ServiceAccounts → (Cluster)Roles → (Cluster)RoleBindings → Secrets,
///   ConfigMaps, PVCs → other kinds → CMFRestClass → FlinkEnvironment → FlinkSecret →
///   FlinkEnvironmentSecretMapping → FlinkKafkaCatalog → FlinkKafkaDatabase →
///   FlinkComputePool → FlinkStatement → FlinkApplication → FlinkDeployment and
///   FlinkBlueGreenDeployment → FlinkSessionJob → FlinkStateSnapshot.
/// * Every document starts with `---`; comments before it say where a converted document
///   came from and whether secret values were redacted.
pub fn kubectl(design: &Design, options: ExportOptions) -> String {
    kubectl_out::render(design, options)
}

/// The design's CMF objects as CMF REST JSON payloads, one file per object, in
/// dependency order (domain.md §2.4): environments → secrets → secret mappings → Kafka
/// catalogs → Kafka databases → compute pools → statements → applications.
///
/// CMF REST payloads are normalised (`apiVersion: cmf.confluent.io/v1`, an enveloped
/// environment flattened to the body `POST /environments` takes); CFK CRs are converted
/// ([`crate::core::convert::to_cmf`]; a `FlinkSecret` reads the Kubernetes `Secret` it
/// names from the design). When the same object exists both as a payload and as a CR, the
/// payload wins. Savepoints and `CMFRestClass`es are not exported.
///
/// File names are `NN-<kind>-<name>.json` (`01-environment-dev.json`,
/// `05-kafka-database-clicks.json`): `NN` is the position in apply order, so sorting the
/// names gives the order. Content is pretty-printed JSON ending with a newline.
pub fn cmf(design: &Design, options: ExportOptions) -> Vec<ExportFile> {
    cmf_out::render(design, options)
}
