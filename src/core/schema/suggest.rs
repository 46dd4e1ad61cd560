//! "Did you mean …?" for fields unknown to a schema.

use serde_json::Value;

/// Fields people write for FKO specs that exist under another name or place.
const KNOWN_MISTAKES: &[(&str, &str)] = &[
    ("jarFile", "jarURI"),
    ("jar", "jarURI"),
    ("jarUri", "jarURI"),
    ("className", "entryClass"),
    ("mainClass", "entryClass"),
    ("entrypointClass", "entryClass"),
    ("arguments", "args"),
    ("programArgs", "args"),
    ("flinkConfig", "flinkConfiguration"),
    ("configuration", "flinkConfiguration"),
    ("serviceAccountName", "serviceAccount"),
    ("savepointPath", "initialSavepointPath"),
];

fn props(s: &Value) -> impl Iterator<Item = (&String, &Value)> {
    s.get("properties").and_then(Value::as_object).into_iter().flatten()
}

/// The most likely intended field for `key`, unknown in object schema `s` (whose parent
/// object schema is `parent`): a known mistake, a sibling within a small edit distance, the
/// same name one level down (`jobManager.cpu` → `resource.cpu`) or one level up
/// (`job.restartNonce` → `../restartNonce`).
pub fn suggest(key: &str, s: &Value, parent: Option<&Value>) -> Option<String> {
    let has = |name: &str| props(s).any(|(k, _)| k == name);
    if let Some((_, good)) = KNOWN_MISTAKES.iter().find(|(bad, _)| *bad == key)
        && has(good)
    {
        return Some((*good).to_string());
    }
    let lower = key.to_ascii_lowercase();
    let best = props(s)
        .map(|(k, _)| (distance(&lower, &k.to_ascii_lowercase()), k))
        .filter(|(d, k)| *d <= (k.len().max(key.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d);
    if let Some((_, k)) = best {
        return Some(k.clone());
    }
    for (name, child) in props(s) {
        if props(child).any(|(k, _)| k == key) {
            return Some(format!("{name}.{key}"));
        }
    }
    parent.filter(|p| props(p).any(|(k, _)| k == key)).map(|_| format!("../{key}"))
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn suggests_renames_typos_and_moves() {
        let parent = json!({"properties": {"restartNonce": {}, "job": {}}});
        let job = json!({"properties": {"jarURI": {}, "entryClass": {}, "parallelism": {}}});
        assert_eq!(suggest("jarFile", &job, None).as_deref(), Some("jarURI"));
        assert_eq!(suggest("paralelism", &job, None).as_deref(), Some("parallelism"));
        assert_eq!(
            suggest("restartNonce", &job, Some(&parent)).as_deref(),
            Some("../restartNonce")
        );
        let jm = json!({"properties": {"resource": {"properties": {"cpu": {}}}, "replicas": {}}});
        assert_eq!(suggest("cpu", &jm, None).as_deref(), Some("resource.cpu"));
        assert_eq!(suggest("zzzzzz", &jm, None), None);
    }
}
