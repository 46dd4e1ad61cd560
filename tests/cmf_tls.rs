//! `fstudio plan` over https: the real binary against a rustls server on 127.0.0.1 with a
//! CA, server and client certificates made at test time — private CA, unknown CA,
//! expired and misnamed server certificates, mutual TLS, and bad PEM files.

#[path = "tls_support/mod.rs"]
mod tls_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use tls_support::{Ca, Server, write};

/// The throwaway PKI, written once per test run under the target directory.
struct Pki {
    ca: Ca,
    ca_file: PathBuf,
    server: tls_support::Leaf,
    client_cert: PathBuf,
    client_key: PathBuf,
    dir: PathBuf,
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let dir =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cmf-tls-{}", std::process::id()));
        let ca = Ca::new("fstudio test CA");
        let server = ca.issue(&["127.0.0.1"], false, false);
        let client = ca.issue(&["fstudio-client"], true, false);
        Pki {
            ca_file: write(&dir, "ca.pem", &ca.pem),
            client_cert: write(&dir, "client.pem", &client.cert),
            client_key: write(&dir, "client-key.pem", &client.key),
            ca,
            server,
            dir,
        }
    })
}

fn design() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cmf/design.yaml")
}

/// Runs `fstudio plan --url URL ARGS… design.yaml` with no CONFLUENT_CMF_* variable
/// but `env`.
fn plan(url: &str, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fstudio"));
    for var in [
        "CONFLUENT_CMF_URL",
        "CONFLUENT_CMF_CERTIFICATE_AUTHORITY_PATH",
        "CONFLUENT_CMF_CLIENT_CERT_PATH",
        "CONFLUENT_CMF_CLIENT_KEY_PATH",
    ] {
        command.env_remove(var);
    }
    command.envs(env.iter().map(|(k, v)| (k, v.as_os_str())));
    command.args(["plan", "--timeout", "10", "--url", url]).args(args).arg(design());
    command.output().expect("run fstudio")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_planned(out: &Output, server: &Server) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "stdout: {stdout}\nstderr: {}", stderr(out));
    assert!(stdout.starts_with(&format!("Plan for {}: ", server.url())), "{stdout}");
    assert!(stdout.contains("create"), "{stdout}");
    let requests = server.requests.lock().expect("log").clone();
    assert!(
        requests.iter().any(|r| r.starts_with("GET /cmf/api/v1/environments?page=0")),
        "{requests:?}"
    );
}

fn assert_fails(out: &Output, needles: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    for needle in needles {
        assert!(err.contains(needle), "expected {needle:?} in: {err}");
    }
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
}

#[test]
fn plan_over_https_trusts_the_private_ca_given_by_flag_or_environment() {
    let pki = pki();
    let server = Server::start(&pki.server, None);
    assert_planned(&plan(&server.url(), &["--ca-cert", path(&pki.ca_file)], &[]), &server);
    let env = [("CONFLUENT_CMF_CERTIFICATE_AUTHORITY_PATH", pki.ca_file.as_path())];
    assert_planned(&plan(&server.url(), &[], &env), &server);
}

#[test]
fn an_unknown_ca_is_named_with_the_fix() {
    let pki = pki();
    let server = Server::start(&pki.server, None);
    let out = plan(&server.url(), &[], &[]);
    let url = server.url();
    let expected =
        format!("TLS with {url} failed: the server's certificate is signed by an unknown CA");
    assert_fails(&out, &[&expected, "--ca-cert FILE"]);
    assert!(server.requests.lock().expect("log").is_empty(), "nothing is sent unverified");

    let other = write(&pki.dir, "other-ca.pem", &Ca::new("another CA").pem);
    let out = plan(&server.url(), &["--ca-cert", path(&other)], &[]);
    let expected = format!(
        "TLS with {url} failed: the server's certificate is not signed by the CA in --ca-cert {}",
        other.display()
    );
    assert_fails(&out, &[&expected]);
}

#[test]
fn skipping_verification_works_and_is_loudly_warned() {
    let server = Server::start(&pki().server, None);
    let out = plan(&server.url(), &["--insecure-skip-tls-verify"], &[]);
    assert_planned(&out, &server);
    assert!(stderr(&out).contains("WARNING: --insecure-skip-tls-verify"), "{}", stderr(&out));
}

#[test]
fn expired_and_misnamed_server_certificates_are_told_apart() {
    let pki = pki();
    let expired = Server::start(&pki.ca.issue(&["127.0.0.1"], false, true), None);
    let out = plan(&expired.url(), &["--ca-cert", path(&pki.ca_file)], &[]);
    let url = expired.url();
    assert_fails(&out, &[&format!("TLS with {url} failed: the server's certificate has expired")]);

    let misnamed = Server::start(&pki.ca.issue(&["cmf.example.com"], false, false), None);
    let out = plan(&misnamed.url(), &["--ca-cert", path(&pki.ca_file)], &[]);
    assert_fails(
        &out,
        &[&format!(
            "TLS with {} failed: the server's certificate is not issued for the name 127.0.0.1 \
             (it names cmf.example.com)",
            misnamed.url()
        )],
    );
}

#[test]
fn a_server_requiring_client_certificates_gets_them_from_the_flags() {
    let pki = pki();
    let server = Server::start(&pki.server, Some(&pki.ca));
    let ca = ["--ca-cert", path(&pki.ca_file)];
    let out = plan(&server.url(), &ca, &[]);
    let url = server.url();
    assert_fails(
        &out,
        &[
            &format!("TLS with {url} failed: the server requires a client certificate"),
            "--client-cert FILE",
        ],
    );

    let mtls = [
        ca[0],
        ca[1],
        "--client-cert",
        path(&pki.client_cert),
        "--client-key",
        path(&pki.client_key),
    ];
    assert_planned(&plan(&server.url(), &mtls, &[]), &server);
    let env = [
        ("CONFLUENT_CMF_CERTIFICATE_AUTHORITY_PATH", pki.ca_file.as_path()),
        ("CONFLUENT_CMF_CLIENT_CERT_PATH", pki.client_cert.as_path()),
        ("CONFLUENT_CMF_CLIENT_KEY_PATH", pki.client_key.as_path()),
    ];
    assert_planned(&plan(&server.url(), &[], &env), &server);

    let stranger = Ca::new("untrusted client CA").issue(&["intruder"], true, false);
    let cert = write(&pki.dir, "stranger.pem", &stranger.cert);
    let key = write(&pki.dir, "stranger-key.pem", &stranger.key);
    let args = [ca[0], ca[1], "--client-cert", path(&cert), "--client-key", path(&key)];
    let out = plan(&server.url(), &args, &[]);
    assert_fails(
        &out,
        &[&format!("TLS with {url} failed: the server rejected the client certificate")],
    );
}

#[test]
fn bad_pem_files_are_exit_2_naming_the_flag_the_file_and_the_problem() {
    let pki = pki();
    let url = "https://127.0.0.1:9"; // never contacted: the files are checked first
    let missing = pki.dir.join("no-such-ca.pem");
    let out = plan(url, &["--ca-cert", path(&missing)], &[]);
    assert_fails(&out, &[&format!("--ca-cert {}: cannot read the file", missing.display())]);

    let text = write(&pki.dir, "not-pem.txt", "hello, I am not a certificate\n");
    let out = plan(url, &["--ca-cert", path(&text)], &[]);
    assert_fails(&out, &[&format!("--ca-cert {}: no certificate in the file", text.display())]);

    let broken = write(&pki.dir, "broken.pem", "-----BEGIN CERTIFICATE-----\nMIIB!!!\n");
    let out = plan(url, &["--ca-cert", path(&broken)], &[]);
    assert_fails(
        &out,
        &[&format!(
            "--ca-cert {}: not valid PEM: a PEM section is not closed (no \"-----END CERTIFICATE-----\" line)",
            broken.display()
        )],
    );

    let out = plan(url, &["--client-cert", path(&pki.client_cert)], &[]);
    assert_fails(&out, &["--client-cert is set", "but --client-key is not"]);

    let foreign = write(&pki.dir, "foreign-key.pem", &pki.ca.issue(&["x"], true, false).key);
    let args = ["--client-cert", path(&pki.client_cert), "--client-key", path(&foreign)];
    let out = plan(url, &args, &[]);
    assert_fails(
        &out,
        &[&format!(
            "--client-key {}: this key does not belong to the certificate",
            foreign.display()
        )],
    );

    let args = ["--client-cert", path(&pki.client_cert), "--client-key", path(&pki.client_cert)];
    let out = plan(url, &args, &[]);
    assert_fails(&out, &["no unencrypted private key in the file"]);
}
