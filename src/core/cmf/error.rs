//! What can go wrong talking to CMF, each with a message that says what and where.

use std::fmt;

use serde_json::Value;

use super::transport::{Response, TransportError};

/// The kinds of failure (the taxonomy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Connection refused: nothing listens at the URL.
    Refused,
    /// No answer in time (after `attempts` tries).
    Timeout {
        /// How many times the request was sent.
        attempts: u32,
    },
    /// The browser blocked the request (CORS) or the network failed.
    CorsOrNetwork(String),
    /// The TLS handshake or session failed; what went wrong, worded by the transport.
    Tls(String),
    /// Another transport failure.
    Transport(String),
    /// 401: no or bad credentials.
    Unauthorized,
    /// 403: authenticated but not allowed.
    Forbidden,
    /// 404: the object or its parent does not exist.
    NotFound(Vec<String>),
    /// 409: already exists, or in use.
    Conflict(Vec<String>),
    /// 400 or 422: CMF rejected the content; its error list.
    Rejected {
        /// 400 or 422.
        status: u16,
        /// CMF's messages.
        messages: Vec<String>,
    },
    /// 5xx.
    Server {
        /// Status code.
        status: u16,
        /// CMF's messages, if it sent any.
        messages: Vec<String>,
    },
    /// A status the spec does not list for this request.
    Unexpected {
        /// Status code.
        status: u16,
        /// Start of the body.
        body: String,
    },
    /// A response that does not match the CMF OpenAPI spec.
    BadResponse(String),
    /// The user cancelled the request before its body was sent whole; how far it got.
    Cancelled(String),
}

/// A failed request: which one, against which server, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmfError {
    /// `METHOD /path` of the request.
    pub request: String,
    /// Base URL of the server.
    pub url: String,
    /// Why.
    pub kind: ErrorKind,
    /// Advice specific to the request (e.g. the compute-pool 409), if any.
    pub hint: Option<String>,
}

impl CmfError {
    /// An error of `kind` for `request`.
    pub fn new(request: impl Into<String>, url: impl Into<String>, kind: ErrorKind) -> Self {
        CmfError { request: request.into(), url: url.into(), kind, hint: None }
    }

    /// The error for a transport failure.
    pub fn from_transport(request: &str, url: &str, error: TransportError, attempts: u32) -> Self {
        let kind = match error {
            TransportError::Refused => ErrorKind::Refused,
            TransportError::Timeout => ErrorKind::Timeout { attempts },
            TransportError::CorsOrNetwork(d) => ErrorKind::CorsOrNetwork(d),
            TransportError::Tls(d) => ErrorKind::Tls(d),
            TransportError::Other(d) => ErrorKind::Transport(d),
            TransportError::Cancelled(d) => ErrorKind::Cancelled(d),
        };
        CmfError::new(request, url, kind)
    }

    /// The error for a response with a failure status.
    pub fn from_response(request: &str, url: &str, response: &Response) -> Self {
        let messages = error_messages(&response.body);
        let kind = match response.status {
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound(messages),
            409 => ErrorKind::Conflict(messages),
            400 | 422 => ErrorKind::Rejected { status: response.status, messages },
            s @ 500..=599 => ErrorKind::Server { status: s, messages },
            s => {
                ErrorKind::Unexpected { status: s, body: response.body.chars().take(200).collect() }
            }
        };
        CmfError::new(request, url, kind)
    }

    /// True when the server said 409.
    pub fn is_conflict(&self) -> bool {
        matches!(self.kind, ErrorKind::Conflict(_))
    }

    /// True when the user cut the request off before its body was sent whole.
    pub fn is_cancelled(&self) -> bool {
        matches!(self.kind, ErrorKind::Cancelled(_))
    }

    /// True when the server said 404.
    pub fn is_not_found(&self) -> bool {
        matches!(self.kind, ErrorKind::NotFound(_))
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Why, without the request (`409 Conflict: Secret s already exists`).
    pub fn reason(&self) -> String {
        let list =
            |m: &[String]| if m.is_empty() { String::new() } else { format!(": {}", m.join("; ")) };
        match &self.kind {
            ErrorKind::Refused => format!(
                "connection refused: nothing listens at {} (is CMF running, or the port-forward \
                 `kubectl port-forward svc/cmf-service 8080:80` up?)",
                self.url
            ),
            ErrorKind::Timeout { attempts } => format!(
                "no answer from {} in time ({attempts} attempt{})",
                self.url,
                if *attempts == 1 { "" } else { "s" }
            ),
            ErrorKind::CorsOrNetwork(d) => format!(
                "the browser could not reach {}: network error or blocked by CORS (CMF sends no \
                 CORS headers; go through the studio's same-origin proxy){}",
                self.url,
                if d.is_empty() { String::new() } else { format!(" — {d}") }
            ),
            ErrorKind::Tls(d) => format!("TLS with {} failed: {d}", self.url),
            ErrorKind::Transport(d) => format!("cannot reach {}: {d}", self.url),
            ErrorKind::Unauthorized => {
                "401 Unauthorized: CMF wants credentials (an OAuth bearer token), or the token \
                 was rejected"
                    .to_string()
            }
            ErrorKind::Forbidden => {
                "403 Forbidden: the token is valid but its principal lacks the CMF role for \
                 this (RBAC)"
                    .to_string()
            }
            ErrorKind::NotFound(m) => format!("404 Not Found{}", list(m)),
            ErrorKind::Conflict(m) => format!("409 Conflict{}", list(m)),
            ErrorKind::Rejected { status, messages } => format!(
                "{status} {}{}",
                if *status == 400 { "Bad Request" } else { "Unprocessable Entity" },
                list(messages)
            ),
            ErrorKind::Server { status: status @ (502 | 504), messages } => format!(
                "{status} from a proxy between here and CMF: it could not reach CMF (is the \
                 port-forward running?){}",
                list(messages)
            ),
            ErrorKind::Server { status, messages } => {
                format!("{status} server error in CMF{}", list(messages))
            }
            ErrorKind::Unexpected { status, body } => {
                format!("unexpected status {status} (not in the CMF API spec): {body}")
            }
            ErrorKind::BadResponse(d) => format!("response does not match the CMF API spec: {d}"),
            ErrorKind::Cancelled(d) => {
                format!("cancelled: {d}; CMF did not receive it whole and changed nothing")
            }
        }
    }
}

impl fmt::Display for CmfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.request, self.reason())?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for CmfError {}

/// The messages of CMF's error body `{"errors": [{"message": …}]}`; an unparsable body
/// gives its first 200 characters.
pub fn error_messages(body: &str) -> Vec<String> {
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        let text: String = body.trim().chars().take(200).collect();
        return if text.is_empty() { Vec::new() } else { vec![text] };
    };
    let from_list = value.get("errors").and_then(Value::as_array).map(|errors| {
        errors
            .iter()
            .filter_map(|e| e.get("message").and_then(Value::as_str).or_else(|| e.as_str()))
            .map(str::to_string)
            .collect::<Vec<_>>()
    });
    match from_list {
        Some(list) => list,
        None => value
            .get("message")
            .or_else(|| value.get("detail"))
            .and_then(Value::as_str)
            .map(|m| vec![m.to_string()])
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(status: u16, body: &Value) -> CmfError {
        CmfError::from_response(
            "POST /cmf/api/v1/secrets",
            "http://cmf",
            &Response::json(status, body),
        )
    }

    #[test]
    fn messages_name_the_request_and_carry_cmf_errors() {
        let e =
            error(422, &json!({"errors": [{"message": "bad image"}, {"message": "bad version"}]}));
        assert_eq!(
            e.to_string(),
            "POST /cmf/api/v1/secrets: 422 Unprocessable Entity: bad image; bad version"
        );
        assert!(error(409, &json!({"errors": []})).is_conflict());
        assert!(error(401, &json!({})).to_string().contains("bearer token"));
        assert!(error(503, &json!({})).to_string().contains("503 server error"));
        assert!(error(502, &json!({})).to_string().contains("is the port-forward running?"));
        assert!(error(418, &json!({})).to_string().contains("not in the CMF API spec"));
    }

    #[test]
    fn transport_failures_read_clearly() {
        let refused =
            CmfError::from_transport("GET /x", "http://localhost:8080", TransportError::Refused, 1);
        assert!(refused.to_string().contains("nothing listens at http://localhost:8080"));
        let timeout = CmfError::from_transport("GET /x", "http://h", TransportError::Timeout, 2);
        assert!(timeout.to_string().contains("2 attempts"));
        let cors = CmfError::from_transport(
            "GET /x",
            "http://h",
            TransportError::CorsOrNetwork(String::new()),
            1,
        );
        assert!(cors.to_string().contains("CORS"));
        let tls = CmfError::from_transport(
            "GET /cmf/api/v1/environments",
            "https://cmf:8443",
            TransportError::Tls("the server's certificate has expired".into()),
            1,
        );
        assert_eq!(
            tls.to_string(),
            "GET /cmf/api/v1/environments: TLS with https://cmf:8443 failed: the server's \
             certificate has expired"
        );
    }

    #[test]
    fn unparsable_bodies_are_quoted() {
        assert_eq!(error_messages("<html>bad gateway</html>"), vec!["<html>bad gateway</html>"]);
        assert!(error_messages("").is_empty());
    }
}
