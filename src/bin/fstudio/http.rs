//! The native transport of `fstudio plan/apply`: a blocking HTTP/1.1 client (ureq) with
//! connect and response timeouts, over plain http (CMF behind `kubectl port-forward`) or
//! https (rustls with the ring provider; see `tls.rs`).

use std::future::{Future, ready};
use std::io::ErrorKind as IoKind;
use std::time::Duration;

use flink_studio::core::cmf::{Method, Request, Response, Transport, TransportError};
use ureq::Agent;

use crate::tls::Tls;
use crate::tls_errors;

/// A blocking transport to one CMF base URL.
pub struct HttpTransport {
    base: String,
    agent: Agent,
    tls: Option<Tls>,
}

/// The base URL of `url` (no trailing `/`, no `/cmf/api/v1` suffix) and whether it is
/// https; a message when it is neither http:// nor https://.
pub fn base_url(url: &str) -> Result<(String, bool), String> {
    let base = url.trim().trim_end_matches('/').to_string();
    let base = base.strip_suffix("/cmf/api/v1").unwrap_or(&base).to_string();
    for (scheme, https) in [("http://", false), ("https://", true)] {
        if base.len() > scheme.len() && base[..scheme.len()].eq_ignore_ascii_case(scheme) {
            return Ok((base, https));
        }
    }
    Err(format!(
        "{url}: not an http:// or https:// URL (expected e.g. http://localhost:8080 or \
         https://cmf.example.com:8443)"
    ))
}

impl HttpTransport {
    /// A transport to `base` (from [`base_url`]) that gives up after `timeout`
    /// (connecting, and again waiting for the response); `tls` for https.
    pub fn new(base: String, timeout: Duration, tls: Option<Tls>) -> Self {
        let mut config = Agent::config_builder()
            .http_status_as_error(false)
            .https_only(tls.is_some())
            .timeout_connect(Some(timeout))
            .timeout_recv_response(Some(timeout))
            .timeout_recv_body(Some(timeout));
        if let Some(tls) = &tls {
            config = config.tls_config(tls.config.clone());
        }
        HttpTransport { base, agent: config.build().into(), tls }
    }

    fn send_now(&self, request: &Request) -> Result<Response, TransportError> {
        let url = format!("{}{}", self.base, request.target());
        let headers = request.all_headers();
        let body = request.body_bytes();
        let result = match (request.method, body) {
            (Method::Get, _) => with_headers(self.agent.get(&url), &headers).call(),
            (Method::Delete, _) => with_headers(self.agent.delete(&url), &headers).call(),
            (Method::Post, b) => {
                with_headers(self.agent.post(&url), &headers).send(b.unwrap_or_default())
            }
            (Method::Put, b) => {
                with_headers(self.agent.put(&url), &headers).send(b.unwrap_or_default())
            }
        };
        let mut response = result.map_err(|e| self.classify(e))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect();
        let body = response.body_mut().read_to_string().map_err(|e| self.classify(e))?;
        Ok(Response { status, headers, body })
    }

    fn classify(&self, error: ureq::Error) -> TransportError {
        if let (Some(tls), Some(e)) = (&self.tls, tls_errors::rustls_error(&error)) {
            return TransportError::Tls(tls_errors::describe(e, &self.host(), tls));
        }
        classify(error)
    }

    /// The host of the base URL (for certificate name messages).
    fn host(&self) -> String {
        let rest = self.base.split_once("://").map_or(self.base.as_str(), |(_, r)| r);
        let authority = rest.split('/').next().unwrap_or(rest);
        let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(v6).to_string(),
            None => authority.split(':').next().unwrap_or(authority).to_string(),
        }
    }
}

fn with_headers<B>(
    mut builder: ureq::RequestBuilder<B>,
    headers: &[(String, String)],
) -> ureq::RequestBuilder<B> {
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    builder
}

fn classify(error: ureq::Error) -> TransportError {
    match error {
        ureq::Error::Timeout(_) => TransportError::Timeout,
        ureq::Error::ConnectionFailed => TransportError::Refused,
        ureq::Error::Io(e) if e.kind() == IoKind::ConnectionRefused => TransportError::Refused,
        ureq::Error::Io(e) if e.kind() == IoKind::TimedOut => TransportError::Timeout,
        ureq::Error::HostNotFound => TransportError::Other("host not found".into()),
        other => TransportError::Other(other.to_string()),
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: Request) -> impl Future<Output = Result<Response, TransportError>> {
        ready(self.send_now(&request))
    }

    fn base_url(&self) -> String {
        self.base.clone()
    }
}
