//! Helpers of the capacity rules: memory strings as FKO reads them, CPU values, and the
//! resources a deployment-like spec asks for.

use serde_json::Value;

const MIB: u64 = 1024 * 1024;

/// How a memory string was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemUnit {
    /// No unit at all: bytes.
    Bytes,
    /// A Flink unit (`m` = MiB, `g` = GiB, case-insensitive, always binary).
    Flink,
    /// A Kubernetes quantity (`Mi`, `Gi`, decimals…), Flink's parser having failed.
    Kubernetes,
}

/// A parsed memory amount.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// Bytes.
    pub bytes: u64,
    /// How it was read.
    pub unit: MemUnit,
}

/// Reads a memory string as FKO does: Flink's `MemorySize` first (integer, binary units),
/// then a Kubernetes quantity.
pub fn parse_memory(text: &str) -> Option<Memory> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if digits > 0 {
        let n: u64 = t[..digits].parse().ok()?;
        let unit = t[digits..].trim().to_ascii_lowercase();
        let factor = match unit.as_str() {
            "" => Some(1),
            "b" | "bytes" => Some(1),
            "k" | "kb" | "kibibytes" => Some(1024),
            "m" | "mb" | "mebibytes" => Some(MIB),
            "g" | "gb" | "gibibytes" => Some(1024 * MIB),
            "t" | "tb" | "tebibytes" => Some(1024 * 1024 * MIB),
            _ => None,
        };
        if let Some(f) = factor {
            let unit = if unit.is_empty() { MemUnit::Bytes } else { MemUnit::Flink };
            return Some(Memory { bytes: n.checked_mul(f)?, unit });
        }
    }
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let n: f64 = t[..split].parse().ok()?;
    let factor = match &t[split..] {
        "Ki" => 1024.0,
        "Mi" => MIB as f64,
        "Gi" => (1024 * MIB) as f64,
        "Ti" => (1024 * 1024 * MIB) as f64,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "m" => 1e-3,
        "" => 1.0,
        _ => return None,
    };
    Some(Memory { bytes: (n * factor) as u64, unit: MemUnit::Kubernetes })
}

/// Renders bytes as `1.5 GiB` (whole multiples of 128 MiB) or `1048 MiB`.
pub fn human(bytes: u64) -> String {
    if bytes >= 1024 * MIB && bytes.is_multiple_of(128 * MIB) {
        format!("{} GiB", bytes as f64 / (1024 * MIB) as f64)
    } else {
        format!("{} MiB", bytes / MIB)
    }
}

/// A CPU amount written as a number or a numeric string.
pub fn cpu(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// An integer written as a number or a numeric string.
pub fn int(v: Option<&Value>) -> Option<u64> {
    v.and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_read_flink_first() {
        assert_eq!(parse_memory("2048m"), Some(Memory { bytes: 2048 * MIB, unit: MemUnit::Flink }));
        assert_eq!(parse_memory("2G").map(|m| m.bytes), Some(2048 * MIB));
        assert_eq!(parse_memory("100"), Some(Memory { bytes: 100, unit: MemUnit::Bytes }));
        assert_eq!(
            parse_memory("1.5Gi").map(|m| (m.bytes, m.unit)),
            Some((1536 * MIB, MemUnit::Kubernetes))
        );
        assert_eq!(parse_memory("lots"), None);
        assert_eq!(human(1536 * MIB), "1.5 GiB");
    }
}
