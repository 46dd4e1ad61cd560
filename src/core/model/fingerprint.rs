//! Content fingerprints of resources: what the incremental validator (and the page's side
//! of the validation worker) compares to find the resources an edit changed.

use std::hash::{Hash, Hasher};

use serde_json::Value;

use super::Resource;
use crate::core::hash::FastHasher;

/// Hashes a JSON value, key order included (rules may see it).
fn hash_value(v: &Value, h: &mut FastHasher) {
    match v {
        Value::Null => h.write_u64(0),
        Value::Bool(b) => h.write_u64(1 + u64::from(*b)),
        Value::Number(n) => {
            h.write_u64(3);
            n.to_string().hash(h);
        }
        Value::String(s) => {
            h.write_u64(4);
            s.hash(h);
        }
        Value::Array(a) => {
            h.write_u64(5 + ((a.len() as u64) << 8));
            a.iter().for_each(|v| hash_value(v, h));
        }
        Value::Object(m) => {
            h.write_u64(6 + ((m.len() as u64) << 8));
            for (k, v) in m {
                k.hash(h);
                hash_value(v, h);
            }
        }
    }
}

/// The fingerprint of everything of a resource a rule may read, except where it was
/// read from (`origin`): rules see file and line only through the findings they make,
/// whose locations the validator refreshes.
pub fn fingerprint(r: &Resource) -> u64 {
    let mut h = FastHasher::default();
    r.id.hash(&mut h);
    r.kind.hash(&mut h);
    r.form.hash(&mut h);
    r.assigned_environment.hash(&mut h);
    r.assigned_catalog.hash(&mut h);
    hash_value(&r.doc, &mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::ResourceId;
    use serde_json::json;

    fn fp(doc: Value) -> u64 {
        fingerprint(&Resource::new(ResourceId(1), doc))
    }

    #[test]
    fn any_change_of_the_document_changes_the_fingerprint() {
        let base = json!({"kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "1"}});
        assert_eq!(fp(base.clone()), fp(base.clone()));
        assert_ne!(
            fp(base.clone()),
            fp(json!({"kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": 1}}))
        );
        assert_ne!(
            fp(base.clone()),
            fp(json!({"kind": "ConfigMap", "metadata": {"name": "b"}, "data": {"k": "1"}}))
        );
        assert_ne!(fp(json!({"a": 1, "b": 2})), fp(json!({"b": 2, "a": 1})));
        assert_ne!(fp(json!({"a": [1, 2]})), fp(json!({"a": [[1], 2]})));
    }
}
