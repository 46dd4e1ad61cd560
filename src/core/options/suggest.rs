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
    // The same words in another order, or with other separators
    // (`taskmanager.memory.process-size` for `taskmanager.memory.process.size`).
    let mine = words(key);
    if let Some(k) = candidates().find(|k| words(k) == mine) {
        return Some(k);
    }
    if let Some(k) = renamed_suffix(key, candidates()) {
        return Some(k);
    }
    let limit = if key.len() < 8 { 1 } else { 2 };
    let lower = key.to_ascii_lowercase();
    let near = candidates()
        .filter(|k| k.len().abs_diff(key.len()) <= limit)
        .filter_map(|k| {
            let d = distance(&lower, &k.to_ascii_lowercase());
            (d <= limit).then_some((d, k))
        })
        .min()
        .map(|(_, k)| k);
    near.or_else(|| same_family(key, candidates()))
}

/// A key's words, lower case, sorted: separators (`.`, `-`, `_`) and order do not count.
fn words(key: &str) -> Vec<String> {
    let mut t: Vec<String> =
        key.split(['.', '-', '_']).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect();
    crate::core::sort::sort_by(&mut t, Ord::cmp);
    t
}

/// Suffixes Flink added or dropped when it renamed options (`…unaligned` became
/// `…unaligned.enabled` in 2.0; `state.backend` became `state.backend.type`).
const RENAMED_SUFFIXES: &[&str] = &["enabled", "type", "enable", "size", "dir", "dirs"];

/// A known key that is `key` with one of [`RENAMED_SUFFIXES`] added, dropped or swapped.
fn renamed_suffix<'c>(key: &str, mut candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let stem = |k: &str| -> String {
        let lower = k.to_ascii_lowercase();
        match lower.rsplit_once('.') {
            Some((head, last)) if RENAMED_SUFFIXES.contains(&last) => head.to_string(),
            _ => lower,
        }
    };
    let mine = stem(key);
    candidates.find(|k| stem(k) == mine)
}

/// A known key of the same option family: the same last word under a prefix that shares
/// a stem with the key's (`state.checkpoint.num-retained` → `state.checkpoints.num-retained`,
/// `execution.checkpoint.timeout` → `execution.checkpointing.timeout`, and across Flink 2's
/// moves: `state.checkpoint.num-retained` → `execution.checkpointing.num-retained`). The
/// closest prefix wins; a short last word (`timeout`) also needs a close prefix, so a
/// suggestion is never a guess.
fn same_family<'c>(key: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let (prefix, last) = key.rsplit_once('.')?;
    let stems = |p: &str| -> Vec<String> {
        p.split(['.', '-']).filter(|w| w.len() >= 4).map(|w| w[..4].to_ascii_lowercase()).collect()
    };
    let mine = stems(prefix);
    let limit = if last.len() >= 8 { usize::MAX } else { (prefix.len() / 3).max(3) };
    candidates
        .filter_map(|k| {
            let (p, l) = k.rsplit_once('.')?;
            if !l.eq_ignore_ascii_case(last) || !stems(p).iter().any(|s| mine.contains(s)) {
                return None;
            }
            let d = distance(&prefix.to_ascii_lowercase(), &p.to_ascii_lowercase());
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
    fn renamed_suffixes_separators_and_option_families() {
        let c = catalog();
        let s = |k| c.suggest(k, V);
        assert_eq!(s("taskmanager.memory.process-size"), Some("taskmanager.memory.process.size"));
        assert_eq!(s("taskmanager.memory.managed"), Some("taskmanager.memory.managed.size"));
        assert_eq!(
            s("state.checkpoint.num-retained"),
            Some("execution.checkpointing.num-retained")
        );
        assert_eq!(
            c.suggest("state.checkpoint.num-retained", FlinkVersion::new(1, 19)),
            Some("state.checkpoints.num-retained")
        );
        assert_eq!(s("execution.checkpoint.timeout"), Some("execution.checkpointing.timeout"));
        // No guesses across unrelated families.
        assert_eq!(s("metrics.reporter.timeout"), None);
        assert_eq!(s("env.taskmanager.tmp.dirs"), None);
    }

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(distance("abc", "acb"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "ab"), 2);
    }
}
