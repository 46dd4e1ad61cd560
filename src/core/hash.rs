//! Fast, deterministic hashing for the core's maps and sets and for content fingerprints.
//!
//! The keys are ids, kinds and names taken from the design itself, not chosen by an
//! attacker against the hash function, so the core uses FxHash (`rustc-hash`, the hasher
//! of rustc) instead of the standard library's DoS-resistant SipHash. It is deterministic:
//! the same input hashes alike on the page and in the validation worker.

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A `HashSet` with [`FastHasher`].
pub type FastSet<T> = rustc_hash::FxHashSet<T>;

/// The hasher of [`FastMap`] and [`FastSet`], also used for content fingerprints.
pub type FastHasher = rustc_hash::FxHasher;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{Hash, Hasher};

    fn hash_of(v: impl Hash) -> u64 {
        let mut h = FastHasher::default();
        v.hash(&mut h);
        h.finish()
    }

    #[test]
    fn deterministic_and_sensitive_to_content() {
        assert_eq!(hash_of("pool-1"), hash_of("pool-1"));
        assert_ne!(hash_of("pool-1"), hash_of("pool-2"));
        assert_ne!(hash_of(("a", "bc")), hash_of(("ab", "c")));
        let mut m: FastMap<&str, u32> = FastMap::default();
        m.insert("a", 1);
        let s: FastSet<u32> = [1, 2, 2].into_iter().collect();
        assert_eq!((m.get("a"), s.len()), (Some(&1), 2));
    }
}
