//! Stable sorting that costs the browser bundle one copy of the algorithm.
//!
//! The standard library's stable sort (driftsort) is fast and large: about 3 KB of
//! WebAssembly for every element type and comparator it is used with, some 30 copies in
//! the studio. In WebAssembly, [`sort_by`] and [`sort_by_key`] sort a list of positions
//! with one non-generic merge sort (the comparator reached through `dyn`) and then move
//! the elements into place, so each use adds only a few hundred bytes. Natively they are
//! the standard library's `sort_by` / `sort_by_key` (the command line validates tens of
//! thousands of resources). Both are stable, so the results are the same.

use std::cmp::Ordering;

/// Sorts `items` stably with `compare` (see the module doc).
#[cfg(target_arch = "wasm32")]
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably with `compare` (see the module doc).
#[cfg(not(target_arch = "wasm32"))]
pub fn sort_by<T>(items: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    items.sort_by(compare);
}

/// Sorts `items` stably by the key `key` gives (see the module doc).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the stable order `compare` (which compares two positions)
/// defines: a bottom-up merge sort, `len · log2(len)` comparisons at most.
pub fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut spare = order.clone();
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, mid);
            for slot in &mut spare[start..end] {
                // Take from the left run unless the right one is strictly smaller: stable.
                let take_left =
                    right == end || (left < mid && compare(order[right], order[left]).is_ge());
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut spare);
        width *= 2;
    }
    order
}

/// Rearranges `items` so that position `i` holds what was at `order[i]` (`order` is a
/// permutation of `0..items.len()`), following each cycle with swaps.
pub fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), so the cases are the same every run.
    fn numbers(seed: u64, len: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    fn compact_sort<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
        let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
        permute(items, order);
    }

    #[test]
    fn the_compact_sort_equals_the_standard_stable_sort() {
        for (seed, len, modulo) in [
            (1, 0, 5),
            (2, 1, 5),
            (3, 2, 2),
            (4, 7, 3),
            (5, 100, 10),
            (6, 1000, 1000),
            (7, 1025, 4),
        ] {
            // Pairs (key, original position): equal keys must keep their order.
            let items: Vec<(u64, usize)> =
                numbers(seed, len, modulo).into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = items;
            compact_sort(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, expected, "len {len}");
        }
    }

    #[test]
    fn permute_moves_every_element_where_the_order_says() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut items, vec![3, 0, 4, 1, 2]);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c']);
    }

    #[test]
    fn sort_by_key_is_stable_on_this_target_too() {
        let mut names = vec![("b", 2), ("a", 1), ("b", 1), ("a", 2)];
        sort_by_key(&mut names, |n| n.0);
        assert_eq!(names, [("a", 1), ("a", 2), ("b", 2), ("b", 1)]);
    }
}
