//! Resource names for new and duplicated resources: where a document keeps its name,
//! and a free name per kind.

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::core::design::Design;
use crate::core::model::Kind;

/// Sets a document's name: `metadata.name`, or the flat `name` of a CMF environment body.
pub fn set_name(doc: &mut Value, name: &str) {
    let Some(obj) = doc.as_object_mut() else { return };
    let flat = obj.contains_key("name") && !obj.contains_key("metadata");
    if flat {
        obj.insert("name".into(), json!(name));
        return;
    }
    let meta = obj.entry("metadata").or_insert_with(|| json!({}));
    if let Some(m) = meta.as_object_mut() {
        m.insert("name".into(), json!(name));
    } else {
        *meta = json!({"name": name});
    }
}

/// Names already used by resources of `kind`.
pub fn taken(design: &Design, kind: Kind) -> HashSet<String> {
    design.of_kind(kind).map(|r| r.name().to_string()).collect()
}

/// `base` if free, else `base-2`, `base-3`, … (free among `taken`).
pub fn free_name(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|c| !taken.contains(c)).unwrap_or_default()
}

/// The name of a copy of `name`: `name-copy`, `name-copy-2`, … The suffix of an
/// earlier copy is not repeated (`x-copy` copies to `x-copy-2`).
pub fn copy_name(name: &str, taken: &HashSet<String>) -> String {
    let stem = strip_copy_suffix(name);
    free_name(&format!("{stem}-copy"), taken)
}

fn strip_copy_suffix(name: &str) -> &str {
    if let Some(i) = name.rfind("-copy") {
        let rest = &name[i + "-copy".len()..];
        let numbered = rest
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if rest.is_empty() || numbered {
            return &name[..i];
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_count_up_without_stacking_suffixes() {
        let mut taken: HashSet<String> = ["x".to_string()].into();
        let a = copy_name("x", &taken);
        assert_eq!(a, "x-copy");
        taken.insert(a);
        assert_eq!(copy_name("x", &taken), "x-copy-2");
        assert_eq!(copy_name("x-copy", &taken), "x-copy-2");
        taken.insert("x-copy-2".into());
        assert_eq!(copy_name("x-copy-2", &taken), "x-copy-3");
        assert_eq!(copy_name("my-copycat", &taken), "my-copycat-copy");
    }

    #[test]
    fn names_go_where_the_document_keeps_them() {
        let mut flat = json!({"name": "dev", "kubernetesNamespace": "a"});
        set_name(&mut flat, "prod");
        assert_eq!(flat, json!({"name": "prod", "kubernetesNamespace": "a"}));
        let mut cr = json!({"kind": "X"});
        set_name(&mut cr, "n");
        assert_eq!(cr, json!({"kind": "X", "metadata": {"name": "n"}}));
    }
}
