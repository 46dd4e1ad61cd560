//! NAME-SEC-MAP-001 — a secret mapping is named after a connection secret id.
//!
//! What it checks: every EnvironmentSecretMapping / FlinkEnvironmentSecretMapping name
//! equals a `connectionSecretId` (CFK: `connectionSecretRef.name`) used by a catalog or
//! database of the design. Error when the design's catalogs/databases use other ids (the
//! mapping is most likely misnamed); warning when they use none (the id is missing on
//! the catalog/database side). Silent when the design has no catalog or database.
//! Why: CMF keys an environment's secrets by the mapping *name*; a mapping whose name is
//! no id is never used, and the catalog stays invisible without error (REF-SECID-001).
//! How to fix: rename the mapping to the id, or add `connectionSecretId: <mapping name>`
//! to the catalog/database that needs the credentials.

use crate::core::finding::Severity;
use crate::core::model::connection_secret_ids;
use crate::core::model::{Kind, Resource};
use crate::core::rules::{Context, Rule, Sink};

use super::cmf_name::name_pointer;

/// See the module documentation.
pub struct SecretMappingName;

impl Rule for SecretMappingName {
    fn id(&self) -> &'static str {
        "NAME-SEC-MAP-001"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Secret mapping name must equal a connectionSecretId used by a catalog or database"
    }
    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        // (holders, their ids)
        let found = cx.once(self.id(), || {
            let holders: Vec<&Resource> =
                cx.of_kind(Kind::KafkaCatalog).chain(cx.of_kind(Kind::KafkaDatabase)).collect();
            // Sorted, each once.
            let mut ids: Vec<String> =
                holders.iter().flat_map(|r| connection_secret_ids(r)).map(String::from).collect();
            crate::core::sort::sort_by(&mut ids, |a, b| a.cmp(b));
            ids.dedup();
            (!holders.is_empty(), ids)
        });
        let (any_holder, ids) = &*found;
        if !any_holder {
            return;
        }
        for m in cx.subjects_of_kind(Kind::SecretMapping) {
            let name = m.name();
            if ids.binary_search_by(|id| id.as_str().cmp(name)).is_ok() {
                continue;
            }
            if ids.is_empty() {
                out.report(m, name_pointer(m), format!("no catalog or database uses connection secret id '{name}'"))
                    .severity(Severity::Warning)
                    .hint(format!("add connectionSecretId: {name} to the catalog/database that needs these credentials; unmapped ids are ignored silently"));
            } else {
                let list: Vec<&str> = ids.iter().map(String::as_str).collect();
                out.report(m, name_pointer(m), format!("mapping name '{name}' matches no connection secret id (used: {})", list.join(", ")))
                    .hint("name the mapping exactly like the connectionSecretId it serves: CMF looks mappings up by name");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testing::{check, pointers};

    const CAT: &str = "apiVersion: cmf.confluent.io/v1\nkind: KafkaCatalog\nmetadata: {name: cat1}\nspec:\n  srInstance: {connectionConfig: {}, connectionSecretId: sr-creds}\n---\n";
    const MAP: &str =
        "apiVersion: cmf.confluent.io/v1\nkind: EnvironmentSecretMapping\nmetadata:\n  name: ";

    #[test]
    fn fires_on_a_misnamed_mapping() {
        let f = check(
            &SecretMappingName,
            &format!("{CAT}{MAP}sr-secret\nspec: {{secretName: sr-secret}}\n"),
        );
        assert_eq!(pointers(&f), [("/metadata/name".into(), Severity::Error)]);
        assert!(f[0].message.contains("sr-creds"));
        assert_eq!(f[0].line, Some(10));
    }

    #[test]
    fn silent_when_the_name_is_the_id_or_no_catalog_exists() {
        assert!(check(&SecretMappingName, &format!("{CAT}{MAP}sr-creds\n")).is_empty());
        assert!(check(&SecretMappingName, &format!("{MAP}anything\n")).is_empty());
    }
}
