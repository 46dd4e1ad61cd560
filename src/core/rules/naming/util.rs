//! Name patterns shared by the naming rules (and the other families).

/// A DNS label: ≤ 63 chars of `[a-z0-9-]`, starting and ending alphanumeric.
pub fn is_dns_label(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// A DNS subdomain: ≤ 253 chars, dot-separated DNS labels.
pub fn is_dns_subdomain(name: &str) -> bool {
    !name.is_empty() && name.len() <= 253 && name.split('.').all(is_dns_label)
}

/// The studio's CMF identifier rule: ≤ 45 chars of `[a-z0-9-]`, starting with a letter
/// and ending with a letter or digit (same as a FlinkDeployment name).
pub fn is_cmf_name(name: &str) -> bool {
    super::fko_deployment_name::is_valid_deployment_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(is_dns_label("flink-1"));
        assert!(!is_dns_label("flink.dev"));
        assert!(!is_dns_label(&"a".repeat(64)));
        assert!(is_dns_subdomain("flink.dev"));
        assert!(!is_dns_subdomain("Flink"));
        assert!(!is_dns_subdomain("a..b"));
        assert!(is_cmf_name("kafka-db"));
        assert!(!is_cmf_name("1abc"));
        assert!(!is_cmf_name("dev.env"));
    }
}
