//! The native transport of `fstudio plan/apply`: a blocking HTTP/1.1 client (ureq) with
//! connect and response timeouts. Plain http only (CMF behind `kubectl port-forward`).

use std::future::{Future, ready};
use std::io::ErrorKind as IoKind;
use std::time::Duration;

use flink_studio::core::cmf::{Method, Request, Response, Transport, TransportError};
use ureq::Agent;

/// A blocking transport to one CMF base URL.
pub struct HttpTransport {
    base: String,
    agent: Agent,
}

impl HttpTransport {
    /// A transport to `url` (`http://host:port`, no `/cmf/api/v1` suffix) that gives up
    /// after `timeout` (connecting, and again waiting for the response).
    pub fn new(url: &str, timeout: Duration) -> Result<Self, String> {
        let base = url.trim().trim_end_matches('/').to_string();
        let base = base.strip_suffix("/cmf/api/v1").unwrap_or(&base).to_string();
        if base.starts_with("https://") {
            return Err(format!(
                "{base}: https is not supported by this build of fstudio; reach CMF over http \
                 (e.g. `kubectl port-forward svc/cmf-service 8080:80` and --url http://localhost:8080)"
            ));
        }
        if !base.starts_with("http://") || base.len() <= "http://".len() {
            return Err(format!("{url}: not an http:// URL (expected e.g. http://localhost:8080)"));
        }
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(timeout))
            .timeout_recv_response(Some(timeout))
            .timeout_recv_body(Some(timeout))
            .build();
        Ok(HttpTransport { base, agent: config.into() })
    }

    fn send_now(&self, request: &Request) -> Result<Response, TransportError> {
        let url = format!("{}{}", self.base, request.target());
        let headers = request.all_headers();
        let body = request.body.as_ref().map(|b| b.to_string());
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
        let mut response = result.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect();
        let body = response.body_mut().read_to_string().map_err(classify)?;
        Ok(Response { status, headers, body })
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
