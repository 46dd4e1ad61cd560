//! Which names Kubernetes, the Flink Kubernetes Operator and CMF accept: DNS labels
//! (namespaces), DNS subdomains (most Kubernetes objects), FlinkDeployment names (the
//! operator's validator), CMF names, and what `metadata.generateName` allows (a prefix
//! the API server completes with random characters).

/// Longest DNS label (RFC 1123).
pub const DNS_LABEL_MAX: usize = 63;
/// Longest DNS subdomain (RFC 1123).
pub const DNS_SUBDOMAIN_MAX: usize = 253;
/// Longest FlinkDeployment name the operator accepts (it derives service and deployment
/// names from it).
pub const DEPLOYMENT_NAME_MAX: usize = 45;
/// Shortest name CMF accepts (`PostResourceBase.name`, `minLength: 4`).
pub const CMF_NAME_MIN: usize = 4;
/// Random characters the API server appends to `metadata.generateName`.
pub const GENERATED_SUFFIX_LEN: usize = 5;
/// Longest part of a `generateName` prefix the API server keeps (it cuts longer ones so
/// that the generated name stays a DNS label: 63 − 5).
pub const GENERATE_NAME_PREFIX_MAX: usize = DNS_LABEL_MAX - GENERATED_SUFFIX_LEN;

/// A DNS label: at most 63 characters of `[a-z0-9-]`, starting and ending alphanumeric.
pub fn is_dns_label(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= DNS_LABEL_MAX
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// A DNS subdomain: at most 253 characters, dot-separated DNS labels.
pub fn is_dns_subdomain(name: &str) -> bool {
    !name.is_empty() && name.len() <= DNS_SUBDOMAIN_MAX && name.split('.').all(is_dns_label)
}

/// A FlinkDeployment name (and a session job's `deploymentName`) as the operator's
/// validator accepts it: `[a-z]([-a-z0-9]{0,43}[a-z0-9])?`, at most 45 characters.
pub fn is_deployment_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= DEPLOYMENT_NAME_MAX
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[b.len() - 1] != b'-'
}

/// The studio's CMF identifier rule: the FlinkDeployment rule (CMF turns applications,
/// pools and statements into FlinkDeployments), so at most 45 characters of `[a-z0-9-]`,
/// starting with a letter and ending with a letter or digit.
pub fn is_cmf_name(name: &str) -> bool {
    is_deployment_name(name)
}

/// True when the API server accepts `metadata.generateName: prefix` for a kind whose
/// names must pass `valid` (e.g. [`is_dns_subdomain`]). It checks the prefix with a
/// trailing `-` allowed (apimachinery's `maskTrailingDash`, which drops the last two
/// characters and appends a letter), then the generated name: the prefix cut to
/// [`GENERATE_NAME_PREFIX_MAX`] plus [`GENERATED_SUFFIX_LEN`] random lowercase letters
/// and digits.
pub fn is_generate_name(prefix: &str, valid: impl Fn(&str) -> bool) -> bool {
    let masked = match prefix.strip_suffix('-') {
        Some(_) if prefix.len() > 1 => format!("{}a", &prefix[..prefix.len() - 2]),
        _ => prefix.to_string(),
    };
    let kept = &prefix[..prefix.floor_char_boundary(GENERATE_NAME_PREFIX_MAX)];
    valid(&masked) && valid(&format!("{kept}{}", "b".repeat(GENERATED_SUFFIX_LEN)))
}

/// Length of the names the API server generates from `prefix` (cut to
/// [`GENERATE_NAME_PREFIX_MAX`], then [`GENERATED_SUFFIX_LEN`] random characters).
pub fn generated_name_len(prefix: &str) -> usize {
    prefix.len().min(GENERATE_NAME_PREFIX_MAX) + GENERATED_SUFFIX_LEN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_names() {
        assert!(is_dns_label("flink-1"));
        assert!(!is_dns_label("flink.dev"));
        assert!(!is_dns_label("-flink"));
        assert!(!is_dns_label(&"a".repeat(64)));
        assert!(is_dns_label(&"a".repeat(63)));
        assert!(is_dns_subdomain("flink.dev"));
        assert!(!is_dns_subdomain("Flink"));
        assert!(!is_dns_subdomain("a..b"));
        assert!(!is_dns_subdomain(""));
    }

    #[test]
    fn deployment_and_cmf_names() {
        assert!(is_deployment_name("basic-example"));
        assert!(!is_deployment_name("session-cluster-1.13"));
        assert!(!is_deployment_name("1abc"));
        assert!(is_deployment_name(&"a".repeat(45)));
        assert!(!is_deployment_name(&"a".repeat(46)));
        assert!(is_cmf_name("kafka-db"));
        assert!(!is_cmf_name("dev.env"));
    }

    #[test]
    fn generate_name_is_a_prefix() {
        assert!(is_generate_name("flink-job-", is_dns_subdomain));
        assert!(is_generate_name("a-", is_dns_label));
        assert!(is_generate_name("checkpoint", is_dns_subdomain));
        assert!(!is_generate_name("-", is_dns_subdomain));
        assert!(!is_generate_name("Job-", is_dns_subdomain));
        assert!(!is_generate_name("job.-", is_dns_subdomain), "generates job.-xxxxx");
        let long = format!("{}.{}", "a".repeat(60), "b".repeat(39));
        assert!(is_generate_name(&long, is_dns_subdomain), "cut to 58 characters");
        assert!(!is_generate_name(&"a".repeat(64), is_dns_subdomain), "a label over 63");
        assert!(!is_generate_name(&"a".repeat(42), is_deployment_name), "42 + 5 > 45");
        assert_eq!(generated_name_len("job-"), 9);
        assert_eq!(generated_name_len(&"a".repeat(100)), 63);
    }
}
