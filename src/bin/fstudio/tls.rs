//! TLS settings of `fstudio plan/apply`: the flags (with the Confluent CLI's CMF
//! environment variables as fallbacks) and loading their PEM files into a checked ureq
//! `TlsConfig`. What a failed handshake means is worded in `tls_errors.rs`.

use std::fs;
use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;
use rustls::crypto::ring;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::CertifiedKey;
use rustls::{Error as RustlsError, InconsistentKeys, RootCertStore};
use ureq::tls::{Certificate, ClientCert, PrivateKey, RootCerts, TlsConfig};

/// How to verify CMF's server certificate and which client certificate to present.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct TlsArgs {
    /// PEM file of the CA certificate(s) that signed CMF's server certificate (a private
    /// CA); used instead of the built-in public roots.
    #[arg(
        long,
        value_name = "FILE",
        env = "CONFLUENT_CMF_CERTIFICATE_AUTHORITY_PATH",
        alias = "certificate-authority-path"
    )]
    pub ca_cert: Option<PathBuf>,
    /// PEM file of the client certificate (chain) presented for mutual TLS; needs
    /// --client-key.
    #[arg(
        long,
        value_name = "FILE",
        env = "CONFLUENT_CMF_CLIENT_CERT_PATH",
        alias = "client-cert-path"
    )]
    pub client_cert: Option<PathBuf>,
    /// PEM file of the client certificate's private key (unencrypted PKCS#8, PKCS#1 or
    /// SEC1); needs --client-cert.
    #[arg(
        long,
        value_name = "FILE",
        env = "CONFLUENT_CMF_CLIENT_KEY_PATH",
        alias = "client-key-path"
    )]
    pub client_key: Option<PathBuf>,
    /// Do not verify CMF's server certificate at all (testing only: anyone on the way can
    /// read and change the traffic, bearer token included).
    #[arg(long)]
    pub insecure_skip_tls_verify: bool,
}

/// A loaded, checked TLS configuration and what the error messages need to know of it.
#[derive(Clone)]
pub struct Tls {
    /// The ureq configuration.
    pub config: TlsConfig,
    /// The `--ca-cert` file, when one replaces the public roots.
    pub ca_file: Option<PathBuf>,
    /// Whether a client certificate is presented.
    pub has_client_cert: bool,
}

impl TlsArgs {
    /// True when any TLS setting was given (by flag or environment variable).
    pub fn any(&self) -> bool {
        self.ca_cert.is_some()
            || self.client_cert.is_some()
            || self.client_key.is_some()
            || self.insecure_skip_tls_verify
    }

    /// Reads and checks the PEM files; a message naming the flag, the file and what is
    /// wrong otherwise.
    pub fn load(&self) -> Result<Tls, String> {
        let mut builder = TlsConfig::builder();
        if let Some(path) = &self.ca_cert {
            builder = builder.root_certs(RootCerts::new_with_certs(&ca_certs(path)?));
        }
        let client = match (&self.client_cert, &self.client_key) {
            (Some(cert), Some(key)) => Some(client_cert(cert, key)?),
            (Some(_), None) => return Err(missing("--client-cert", "--client-key")),
            (None, Some(_)) => return Err(missing("--client-key", "--client-cert")),
            (None, None) => None,
        };
        let has_client_cert = client.is_some();
        let config =
            builder.client_cert(client).disable_verification(self.insecure_skip_tls_verify).build();
        Ok(Tls { config, ca_file: self.ca_cert.clone(), has_client_cert })
    }
}

fn missing(given: &str, absent: &str) -> String {
    format!(
        "{given} is set (by the flag or its CONFLUENT_CMF_* variable) but {absent} is not: \
         mutual TLS needs both the client certificate and its private key"
    )
}

fn read(flag: &str, path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("{flag} {}: cannot read the file: {e}", path.display()))
}

fn pem_problem(flag: &str, path: &Path, error: &pem::Error) -> String {
    let what = match error {
        pem::Error::MissingSectionEnd { end_marker } => {
            let marker = String::from_utf8_lossy(end_marker).trim().to_string();
            let line = if marker.starts_with("-----") {
                marker
            } else {
                format!("-----END {marker}-----")
            };
            format!("a PEM section is not closed (no \"{line}\" line)")
        }
        pem::Error::IllegalSectionStart { line } => {
            format!("malformed PEM header line \"{}\"", String::from_utf8_lossy(line).trim())
        }
        pem::Error::Base64Decode(e) => format!("a PEM section is not valid base64 ({e})"),
        other => other.to_string(),
    };
    format!("{flag} {}: not valid PEM: {what}", path.display())
}

/// The certificates of a PEM file, at least one.
fn certificates(flag: &str, path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let bytes = read(flag, path)?;
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| pem_problem(flag, path, &e))?;
    if certs.is_empty() {
        return Err(format!(
            "{flag} {}: no certificate in the file (expected a PEM block \
             \"-----BEGIN CERTIFICATE-----\")",
            path.display()
        ));
    }
    Ok(certs)
}

fn ca_certs(path: &Path) -> Result<Vec<Certificate<'static>>, String> {
    let certs = certificates("--ca-cert", path)?;
    let mut store = RootCertStore::empty();
    for (i, cert) in certs.iter().enumerate() {
        store.add(cert.clone()).map_err(|e| {
            format!(
                "--ca-cert {}: certificate {} of the file is not a usable X.509 CA \
                 certificate ({e})",
                path.display(),
                i + 1
            )
        })?;
    }
    Ok(certs.iter().map(|c| Certificate::from_der(c.as_ref()).to_owned()).collect())
}

fn client_cert(cert_path: &Path, key_path: &Path) -> Result<ClientCert, String> {
    let chain = certificates("--client-cert", cert_path)?;
    let bytes = read("--client-key", key_path)?;
    let key = PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| match e {
        pem::Error::NoItemsFound => format!(
            "--client-key {}: no unencrypted private key in the file (expected \"-----BEGIN \
             PRIVATE KEY-----\", \"RSA PRIVATE KEY\" or \"EC PRIVATE KEY\"; encrypted keys \
             are not supported)",
            key_path.display()
        ),
        other => pem_problem("--client-key", key_path, &other),
    })?;
    let provider = ring::default_provider();
    CertifiedKey::from_der(chain.clone(), key.clone_key(), &provider).map_err(|e| match e {
        RustlsError::InconsistentKeys(InconsistentKeys::KeyMismatch) => format!(
            "--client-key {}: this key does not belong to the certificate in --client-cert {}",
            key_path.display(),
            cert_path.display()
        ),
        RustlsError::InvalidCertificate(c) => format!(
            "--client-cert {}: the first certificate of the file is not a valid X.509 \
             certificate ({c})",
            cert_path.display()
        ),
        other => format!(
            "--client-key {}: not a usable RSA, ECDSA or Ed25519 private key ({other})",
            key_path.display()
        ),
    })?;
    // The same first private key of the file, as ureq takes it.
    let key = PrivateKey::from_pem(&bytes)
        .map_err(|e| format!("--client-key {}: {e}", key_path.display()))?;
    let chain: Vec<_> =
        chain.iter().map(|c| Certificate::from_der(c.as_ref()).to_owned()).collect();
    Ok(ClientCert::new_with_certs(&chain, key))
}
