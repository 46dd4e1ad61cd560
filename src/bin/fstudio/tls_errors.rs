//! What a failed TLS handshake means, in one phrase with the fix (the core prefixes
//! "TLS with URL failed: ").

use rustls::{AlertDescription as Alert, CertificateError as CertError, Error as RustlsError};

use crate::tls::Tls;

/// The rustls error inside a ureq error, if there is one.
pub fn rustls_error(error: &ureq::Error) -> Option<&RustlsError> {
    match error {
        ureq::Error::Rustls(e) => Some(e),
        ureq::Error::Io(io) => io.get_ref()?.downcast_ref::<RustlsError>(),
        _ => None,
    }
}

/// The phrase for a TLS failure talking to `host` with the settings `tls`.
pub fn describe(error: &RustlsError, host: &str, tls: &Tls) -> String {
    match error {
        RustlsError::InvalidCertificate(cert) => server_certificate(cert, host, tls),
        RustlsError::AlertReceived(alert) => alert_received(*alert, tls),
        other => format!("{other}"),
    }
}

fn unknown_ca(tls: &Tls) -> String {
    match &tls.ca_file {
        Some(file) => format!(
            "the server's certificate is not signed by the CA in --ca-cert {} (is that the CA \
             that issued CMF's certificate?)",
            file.display()
        ),
        None => "the server's certificate is signed by an unknown CA; pass the PEM file of the \
                 CA that issued it with --ca-cert FILE (or CONFLUENT_CMF_CERTIFICATE_AUTHORITY_PATH)"
            .to_string(),
    }
}

fn server_certificate(error: &CertError, host: &str, tls: &Tls) -> String {
    match error {
        CertError::UnknownIssuer => unknown_ca(tls),
        CertError::Expired | CertError::ExpiredContext { .. } => {
            "the server's certificate has expired (renew it, or check this machine's clock)"
                .to_string()
        }
        CertError::NotValidYet | CertError::NotValidYetContext { .. } => {
            "the server's certificate is not valid yet (check this machine's clock)".to_string()
        }
        CertError::NotValidForName => {
            format!("the server's certificate is not issued for the name {host}")
        }
        CertError::NotValidForNameContext { presented, .. } => {
            let names: Vec<String> = presented.iter().map(|n| plain_name(n)).collect();
            format!(
                "the server's certificate is not issued for the name {host} (it names {}); \
                 use one of its names in --url",
                if names.is_empty() { "no host".to_string() } else { names.join(", ") }
            )
        }
        CertError::BadSignature => {
            format!("the server's certificate has a bad signature ({})", unknown_ca(tls))
        }
        other => format!("the server's certificate was rejected ({other:?})"),
    }
}

/// `DnsName("cmf.example")` → `cmf.example`, `IpAddress(10.0.0.1)` → `10.0.0.1`.
fn plain_name(name: &str) -> String {
    let inner = name.split_once('(').and_then(|(_, rest)| rest.strip_suffix(')')).unwrap_or(name);
    inner.trim_matches('"').to_string()
}

const CLIENT_CERT_ADVICE: &str = "pass --client-cert FILE and --client-key FILE (or \
     CONFLUENT_CMF_CLIENT_CERT_PATH and CONFLUENT_CMF_CLIENT_KEY_PATH)";

fn alert_received(alert: Alert, tls: &Tls) -> String {
    match (alert, tls.has_client_cert) {
        (Alert::CertificateRequired, _) => format!(
            "the server requires a client certificate (mutual TLS){}; {CLIENT_CERT_ADVICE}",
            if tls.has_client_cert { " and did not accept the one sent" } else { "" }
        ),
        (Alert::BadCertificate | Alert::HandshakeFailure | Alert::CertificateUnknown, false) => {
            format!(
                "the server ended the handshake ({}): it probably requires a client \
                 certificate (mutual TLS); {CLIENT_CERT_ADVICE}",
                alert_name(alert)
            )
        }
        (Alert::CertificateExpired, true) => {
            "the server says the client certificate (--client-cert) has expired".to_string()
        }
        (
            Alert::BadCertificate
            | Alert::UnknownCA
            | Alert::CertificateUnknown
            | Alert::UnsupportedCertificate
            | Alert::CertificateRevoked
            | Alert::AccessDenied
            | Alert::DecryptError,
            true,
        ) => format!(
            "the server rejected the client certificate ({}): is --client-cert signed by a \
             CA the server trusts, valid today, and meant for client authentication?",
            alert_name(alert)
        ),
        (other, _) => format!("the server ended the handshake ({})", alert_name(other)),
    }
}

/// The TLS name of an alert (`bad_certificate`, `unknown_ca`).
fn alert_name(alert: Alert) -> String {
    let mut out = String::new();
    let mut previous_upper = true;
    for c in format!("{alert:?}").chars() {
        if c.is_ascii_uppercase() && !previous_upper {
            out.push('_');
        }
        previous_upper = c.is_ascii_uppercase();
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_plainly() {
        assert_eq!(plain_name("DnsName(\"cmf.example\")"), "cmf.example");
        assert_eq!(plain_name("IpAddress(10.0.0.1)"), "10.0.0.1");
        assert_eq!(alert_name(Alert::BadCertificate), "bad_certificate");
        assert_eq!(alert_name(Alert::UnknownCA), "unknown_ca");
        assert_eq!(alert_name(Alert::CertificateRequired), "certificate_required");
    }
}
