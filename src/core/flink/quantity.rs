//! Amounts as Flink, the Flink Kubernetes Operator and Kubernetes read them: Flink memory
//! sizes (`1g`, `1024 mb`, bare bytes), Kubernetes quantities (`1Gi`, `500m`, `1e3`,
//! `2.5`, `n`/`u`/`P`/`E` suffixes), memory as FKO reads `resource.memory` (a Flink size
//! first, else a Kubernetes quantity), CPU amounts, and how a size is shown (`1.5 GiB`).

use serde_json::Value;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

/// Flink's `MemorySize` units (case-insensitive, always powers of 1024).
const FLINK_UNITS: &[(&[&str], u64)] = &[
    (&["b", "bytes"], 1),
    (&["k", "kb", "kibibytes"], KIB),
    (&["m", "mb", "mebibytes"], MIB),
    (&["g", "gb", "gibibytes"], GIB),
    (&["t", "tb", "tebibytes"], 1024 * GIB),
];

/// Parses a Flink `MemorySize` (`1024m`, `2 gb`, `1g`, `512mb`, `100 bytes`; a bare
/// number is bytes): an integer, optional blanks, an optional binary unit. Returns bytes;
/// `None` when the text is not a memory size or the size does not fit in 64 bits.
pub fn flink_memory_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if digits == 0 {
        return None;
    }
    let n: u64 = t[..digits].parse().ok()?;
    let unit = t[digits..].trim().to_ascii_lowercase();
    if unit.is_empty() {
        return Some(n);
    }
    let (_, factor) = FLINK_UNITS.iter().find(|(names, _)| names.contains(&unit.as_str()))?;
    n.checked_mul(*factor)
}

/// Parses a Kubernetes quantity (`500m`, `1.5`, `2Gi`, `1e3`, `-1`, `100n`) into its
/// numeric value: a signed decimal number and one suffix (binary `Ki`…`Ei`, decimal
/// `n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`, `E`, or an exponent `e3` / `E-2`).
pub fn kubernetes(text: &str) -> Option<f64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(t.len());
    let (num, suffix) = t.split_at(split);
    let digits = num.strip_prefix(['+', '-']).unwrap_or(num);
    if digits.is_empty()
        || digits == "."
        || digits.contains(['+', '-'])
        || digits.matches('.').count() > 1
    {
        return None;
    }
    let n: f64 = num.parse().ok()?;
    // Fractions divide, so that `500m` is exactly 0.5.
    let (times, per) = match suffix {
        "" => (1.0, 1.0),
        "n" => (1.0, 1e9),
        "u" => (1.0, 1e6),
        "m" => (1.0, 1e3),
        "k" => (1e3, 1.0),
        "M" => (1e6, 1.0),
        "G" => (1e9, 1.0),
        "T" => (1e12, 1.0),
        "P" => (1e15, 1.0),
        "E" => (1e18, 1.0),
        "Ki" => (KIB as f64, 1.0),
        "Mi" => (MIB as f64, 1.0),
        "Gi" => (GIB as f64, 1.0),
        "Ti" => (1024.0 * GIB as f64, 1.0),
        "Pi" => (1024f64.powi(5), 1.0),
        "Ei" => (1024f64.powi(6), 1.0),
        s if s.starts_with(['e', 'E']) => match s[1..].parse::<i32>().ok()? {
            e if e >= 0 => (10f64.powi(e), 1.0),
            e => (1.0, 10f64.powi(-e)),
        },
        _ => return None,
    };
    Some(n * times / per)
}

/// How a memory text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryUnit {
    /// No unit at all: bytes.
    Bytes,
    /// A Flink unit (`m` = MiB, `g` = GiB, case-insensitive, always binary).
    Flink,
    /// A Kubernetes quantity (`Mi`, `Gi`, decimals…), Flink's parser having failed.
    Kubernetes,
}

/// A memory amount as FKO reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// Bytes (a Kubernetes quantity may be fractional or negative).
    pub bytes: f64,
    /// How the text was read.
    pub unit: MemoryUnit,
}

impl Memory {
    /// Whole bytes, as the operator truncates them (a negative amount counts as 0).
    pub fn whole_bytes(self) -> u64 {
        self.bytes as u64
    }
}

/// Reads a memory text as FKO reads `jobManager/taskManager.resource.memory`: Flink's
/// `MemorySize` first (integer, binary units), then a Kubernetes quantity.
pub fn memory(text: &str) -> Option<Memory> {
    if let Some(bytes) = flink_memory_size(text) {
        let bare = text.trim().bytes().all(|c| c.is_ascii_digit());
        let unit = if bare { MemoryUnit::Bytes } else { MemoryUnit::Flink };
        return Some(Memory { bytes: bytes as f64, unit });
    }
    kubernetes(text).map(|bytes| Memory { bytes, unit: MemoryUnit::Kubernetes })
}

/// A CPU amount written as a number or as a Kubernetes quantity in a string (`"2"`,
/// `"0.5"`, `"500m"`), in cores.
pub fn cpu(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_str().and_then(kubernetes))
}

/// Renders bytes as `1.5 GiB` (whole multiples of 128 MiB from 1 GiB on) or `1048 MiB`.
pub fn human(bytes: u64) -> String {
    if bytes >= GIB && bytes.is_multiple_of(128 * MIB) {
        format!("{} GiB", bytes as f64 / GIB as f64)
    } else {
        format!("{} MiB", bytes / MIB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flink_sizes_are_integers_with_binary_units() {
        assert_eq!(flink_memory_size("1024m"), Some(GIB));
        assert_eq!(flink_memory_size("2 GB"), Some(2 * GIB));
        assert_eq!(flink_memory_size("100"), Some(100));
        assert_eq!(flink_memory_size("100 bytes"), Some(100));
        assert_eq!(flink_memory_size(" 512mb "), Some(512 * MIB));
        assert_eq!(flink_memory_size("1.5g"), None);
        assert_eq!(flink_memory_size("1Gi"), None);
        assert_eq!(flink_memory_size("1024ßm"), None);
        assert_eq!(flink_memory_size("99999999999999999999"), None);
        assert_eq!(flink_memory_size("17179869184t"), None, "overflows 64 bits");
    }

    #[test]
    fn kubernetes_quantities_take_every_suffix() {
        assert_eq!(kubernetes("500m"), Some(0.5));
        assert_eq!(kubernetes("1.5"), Some(1.5));
        assert_eq!(kubernetes("1e3"), Some(1000.0));
        assert_eq!(kubernetes("15E-1"), Some(1.5));
        assert_eq!(kubernetes("2Gi"), Some(2.0 * GIB as f64));
        assert_eq!(kubernetes("1P"), Some(1e15));
        assert_eq!(kubernetes("1E"), Some(1e18));
        assert_eq!(kubernetes("1Ei"), Some(1024f64.powi(6)));
        assert_eq!(kubernetes("100n"), Some(1e-7));
        assert_eq!(kubernetes("250u"), Some(0.00025));
        assert_eq!(kubernetes(".5"), Some(0.5));
        assert_eq!(kubernetes("+2k"), Some(2000.0));
        assert_eq!(kubernetes("-1"), Some(-1.0));
        assert_eq!(kubernetes("1.2.3"), None);
        assert_eq!(kubernetes("1 Gi"), None);
        assert_eq!(kubernetes("1gb"), None);
        assert_eq!(kubernetes("e3"), None);
        assert_eq!(kubernetes("lots"), None);
    }

    #[test]
    fn memory_is_read_flink_first() {
        let m = |t| memory(t).map(|m| (m.whole_bytes(), m.unit));
        assert_eq!(m("2048m"), Some((2048 * MIB, MemoryUnit::Flink)));
        assert_eq!(m("2 gb"), Some((2 * GIB, MemoryUnit::Flink)));
        assert_eq!(m("2G"), Some((2 * GIB, MemoryUnit::Flink)), "Flink reads G as GiB");
        assert_eq!(m("100"), Some((100, MemoryUnit::Bytes)));
        assert_eq!(m("1.5Gi"), Some((1536 * MIB, MemoryUnit::Kubernetes)));
        assert_eq!(m("2Gi"), Some((2 * GIB, MemoryUnit::Kubernetes)));
        assert_eq!(m("1e3"), Some((1000, MemoryUnit::Kubernetes)));
        assert_eq!(memory("-1Gi").map(|m| m.bytes), Some(-(GIB as f64)));
        assert_eq!(m("-1Gi").map(|(b, _)| b), Some(0));
        assert_eq!(m("invalid"), None);
        assert_eq!(m("1024ßm"), None);
    }

    #[test]
    fn cpu_is_a_number_or_a_quantity() {
        assert_eq!(cpu(&json!(2)), Some(2.0));
        assert_eq!(cpu(&json!(" 0.5 ")), Some(0.5));
        assert_eq!(cpu(&json!("1500m")), Some(1.5));
        assert_eq!(cpu(&json!("two")), None);
        assert_eq!(cpu(&json!(null)), None);
    }

    #[test]
    fn sizes_are_shown_in_binary_units() {
        assert_eq!(human(1536 * MIB), "1.5 GiB");
        assert_eq!(human(2 * GIB), "2 GiB");
        assert_eq!(human(1048 * MIB), "1048 MiB");
        assert_eq!(human(768 * MIB), "768 MiB");
    }
}
