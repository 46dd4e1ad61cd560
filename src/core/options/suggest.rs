//! Did-you-mean for unknown option keys.

use super::Catalog;
use crate::core::flink::version::FlinkVersion;

/// Frequent mistakes (domain.md rule CFG-KEY-002) and the key that was meant.
pub const CURATED: &[(&str, &str)] = &[
    ("state.checkpoints.interval", "execution.checkpointing.interval"),
    ("state.checkpoints.timeout", "execution.checkpointing.timeout"),
    ("state.checkpoint.interval", "execution.checkpointing.interval"),
    ("checkpoint.interval", "execution.checkpointing.interval"),
    ("execution.checkpoint.interval", "execution.checkpointing.interval"),
    ("taskmanager.numberOfTaskslots", "taskmanager.numberOfTaskSlots"),
    ("taskmanager.number-of-task-slots", "taskmanager.numberOfTaskSlots"),
    ("high-availability.storagedir", "high-availability.storageDir"),
    ("high-availability.storage-dir", "high-availability.storageDir"),
    ("state.backend.rocksdb.block-size", "state.backend.rocksdb.block.blocksize"),
    ("parallelism", "parallelism.default"),
];

pub(super) fn suggest<'c>(cat: &'c Catalog, key: &str, v: FlinkVersion) -> Option<&'c str> {
    let candidates = || {
        cat.options
            .iter()
            .filter(move |o| !o.hidden && !o.is_pattern() && o.versions.contains(v))
            .map(|o| o.key.as_str())
    };
    if let Some((_, to)) = CURATED.iter().find(|(from, _)| *from == key) {
        return cat.exact(to, v).map(|o| o.key.as_str());
    }
    if let Some(k) = candidates().find(|k| k.eq_ignore_ascii_case(key)) {
        return Some(k);
    }
    let sorted_tokens = |k: &str| {
        let mut t: Vec<String> = k.split(['.', '-']).map(str::to_ascii_lowercase).collect();
        crate::core::sort::sort_by(&mut t, Ord::cmp);
        t
    };
    let mine = sorted_tokens(key);
    if let Some(k) = candidates().find(|k| sorted_tokens(k) == mine) {
        return Some(k);
    }
    let limit = if key.len() < 8 { 1 } else { 2 };
    let lower = key.to_ascii_lowercase();
    candidates()
        .filter(|k| k.len().abs_diff(key.len()) <= limit)
        .filter_map(|k| {
            let d = distance(&lower, &k.to_ascii_lowercase());
            (d <= limit).then_some((d, k))
        })
        .min()
        .map(|(_, k)| k)
}

/// Optimal-string-alignment distance (insertions, deletions, substitutions and adjacent
/// transpositions cost 1).
pub fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::super::catalog;
    use super::*;

    const V: FlinkVersion = FlinkVersion::new(2, 2);

    #[test]
    fn curated_case_swap_and_typos() {
        let c = catalog();
        let s = |k| c.suggest(k, V);
        assert_eq!(s("state.checkpoints.interval"), Some("execution.checkpointing.interval"));
        assert_eq!(s("taskmanager.numberOfTaskslots"), Some("taskmanager.numberOfTaskSlots"));
        assert_eq!(s("high-availability.storagedir"), Some("high-availability.storageDir"));
        assert_eq!(
            s("execution.checkpointing.intervall"),
            Some("execution.checkpointing.interval")
        );
        assert_eq!(s("state.backend.tpye"), Some("state.backend.type"));
        assert_eq!(s("checkpointing.execution.interval"), Some("execution.checkpointing.interval"));
        assert_eq!(s("execution.checkpointing.interval"), None, "known keys get no suggestion");
        assert_eq!(s("completely.different.thing"), None);
    }

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(distance("abc", "acb"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "ab"), 2);
    }
}
