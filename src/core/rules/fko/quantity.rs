//! Parsing of memory sizes (Flink `MemorySize` syntax) and Kubernetes quantities.

/// Parses a Kubernetes quantity (`500m`, `1.5`, `2Gi`, `1e3`) into its numeric value.
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
    let factor = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * factor)
}

/// Parses a Flink memory size (`1024m`, `2 gb`, `1g`, `512mb`, `100 bytes`) into bytes.
pub fn flink_memory(text: &str) -> Option<f64> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    if num.is_empty() {
        return None;
    }
    let n: f64 = num.parse().ok()?;
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" | "bytes" => 1.0,
        "k" | "kb" | "kibibytes" => 1024.0,
        "m" | "mb" | "mebibytes" => 1024f64.powi(2),
        "g" | "gb" | "gibibytes" => 1024f64.powi(3),
        "t" | "tb" | "tebibytes" => 1024f64.powi(4),
        _ => return None,
    };
    Some(n * factor)
}

/// Parses a memory value as FKO does: a Flink memory size or a Kubernetes quantity.
pub fn memory(text: &str) -> Option<f64> {
    flink_memory(text).or_else(|| kubernetes(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_syntaxes() {
        assert_eq!(memory("1024m"), Some(1024.0 * 1024.0 * 1024.0));
        assert_eq!(memory("2Gi"), Some(2.0 * 1024f64.powi(3)));
        assert_eq!(memory("2 gb"), Some(2.0 * 1024f64.powi(3)));
        assert_eq!(kubernetes("500m"), Some(0.5));
        assert_eq!(kubernetes("1.5"), Some(1.5));
        assert_eq!(kubernetes("1e3"), Some(1000.0));
        assert_eq!(memory("1024ßm"), None);
        assert_eq!(memory("invalid"), None);
        assert_eq!(kubernetes("1.2.3"), None);
        assert_eq!(kubernetes("-1"), Some(-1.0));
    }
}
