//! The transport boundary: one HTTP request in, one response (or a transport error) out.
//!
//! The core never opens a connection; callers implement [`Transport`] over whatever
//! client their platform has. Transports are asynchronous so that the browser can use
//! `fetch`; a blocking transport simply returns a ready future.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use serde_json::Value;

/// HTTP methods the CMF API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET (read; idempotent, retried once after a timeout).
    Get,
    /// POST (create, or create-or-update for environments and applications).
    Post,
    /// PUT (update).
    Put,
    /// DELETE.
    Delete,
}

impl Method {
    /// The method as written in HTTP.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One request. `path` is absolute on the server (`/cmf/api/v1/environments`); the
/// transport prefixes its base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Method.
    pub method: Method,
    /// Absolute path, starting with `/cmf/api/`.
    pub path: String,
    /// Query parameters, in order (values not yet percent-encoded).
    pub query: Vec<(String, String)>,
    /// Extra headers (`Accept` and `Content-Type` are added by [`Request::headers`]).
    pub headers: Vec<(String, String)>,
    /// JSON body, for POST and PUT. With [`Request::upload`] it is the `artifact` part of
    /// a `multipart/form-data` body instead.
    pub body: Option<Value>,
    /// A file to upload with the body (CMF artifacts: `multipart/form-data` with the parts
    /// `artifact` (the JSON body) and `file`).
    pub upload: Option<Upload>,
}

/// A file sent as the `file` part of a multipart request.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    /// File name the part carries (`orders-job.jar`).
    pub file_name: String,
    /// Where the content was read from (the path the design names), for scripts.
    pub path: String,
    /// The content.
    pub content: Arc<Vec<u8>>,
}

/// Boundary of the multipart bodies the studio sends (never inside a JSON part, and the
/// file part is length-delimited by it; checked against the content before use).
const BOUNDARY: &str = "flink-studio-artifact-boundary-7f3c9a";

impl Request {
    /// A request without query, headers or body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            upload: None,
        }
    }

    /// The same request with a JSON body.
    pub fn with_body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Path and query as sent (`/cmf/api/v1/secrets?page=0&size=100`).
    pub fn target(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let query: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect();
        format!("{}?{}", self.path, query.join("&"))
    }

    /// Every header to send: `Accept: application/json`, `Content-Type` when there is a
    /// body (`multipart/form-data` with an upload), then [`Request::headers`].
    pub fn all_headers(&self) -> Vec<(String, String)> {
        let mut out = vec![("Accept".to_string(), "application/json".to_string())];
        if self.upload.is_some() {
            out.push((
                "Content-Type".to_string(),
                format!("multipart/form-data; boundary={}", self.boundary()),
            ));
        } else if self.body.is_some() {
            out.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        out.extend(self.headers.iter().cloned());
        out
    }

    fn boundary(&self) -> String {
        let content = self.upload.as_ref().map_or(&[][..], |u| u.content.as_slice());
        let mut boundary = BOUNDARY.to_string();
        while content.windows(boundary.len()).any(|w| w == boundary.as_bytes()) {
            boundary.push('x');
        }
        boundary
    }

    /// The bytes to send: the JSON body, or with an upload the `multipart/form-data` body
    /// (part `artifact`: the JSON, part `file`: the content), matching
    /// [`Request::all_headers`]' boundary.
    pub fn body_bytes(&self) -> Option<Vec<u8>> {
        let Some(upload) = &self.upload else {
            return self.body.as_ref().map(|b| b.to_string().into_bytes());
        };
        let boundary = self.boundary();
        let json = self.body.as_ref().map(Value::to_string).unwrap_or_else(|| "{}".into());
        let name = upload.file_name.replace(['"', '\r', '\n'], "_");
        let mut out = Vec::with_capacity(upload.content.len() + json.len() + 400);
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"artifact\"\r\n\
                 Content-Type: application/json\r\n\r\n{json}\r\n--{boundary}\r\n\
                 Content-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(&upload.content);
        out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        Some(out)
    }

    /// `METHOD /path` for messages.
    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Percent-encodes a query component (RFC 3986 unreserved characters stay).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Response headers (names as received).
    pub headers: Vec<(String, String)>,
    /// Body text (may be empty).
    pub body: String,
}

impl Response {
    /// A response with a JSON body.
    pub fn json(status: u16, body: &Value) -> Self {
        Response {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why a request got no HTTP response at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// Nothing listens at the address (connection refused).
    Refused,
    /// No answer within the transport's time limit.
    Timeout,
    /// The browser blocked the request or the network failed; a browser cannot tell
    /// a CORS refusal from a network error.
    CorsOrNetwork(String),
    /// The TLS handshake or session failed (unknown CA, expired or misnamed server
    /// certificate, client certificate required or rejected …): what went wrong, as a
    /// phrase the transport words for its user (the URL is added by [`super::CmfError`]).
    Tls(String),
    /// Anything else (bad URL, DNS …), with the client's words.
    Other(String),
    /// The user cancelled the request while its body was still being sent (an artifact
    /// upload cut off mid-flight): the server never received the body whole, so it
    /// changed nothing. Says how far it got.
    Cancelled(String),
}

/// Sends requests to CMF.
pub trait Transport {
    /// Sends one request and waits for its response.
    fn send(&self, request: Request) -> impl Future<Output = Result<Response, TransportError>>;

    /// The base URL requests go to, for messages (`http://localhost:8080`).
    fn base_url(&self) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_are_multipart_with_the_json_and_the_file() {
        let mut r = Request::new(Method::Post, "/cmf/api/v1/environments/dev/artifacts")
            .with_body(serde_json::json!({"kind": "Artifact"}));
        r.upload = Some(Upload {
            file_name: "a.jar".into(),
            path: "a.jar".into(),
            content: Arc::new(b"PK\x03".to_vec()),
        });
        let headers = r.all_headers();
        let ct = &headers.iter().find(|(k, _)| k == "Content-Type").unwrap().1;
        let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
        let body = r.body_bytes().unwrap();
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"artifact\""
        )));
        assert!(text.contains("{\"kind\":\"Artifact\"}\r\n"));
        assert!(text.contains("name=\"file\"; filename=\"a.jar\"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u{3}\r\n"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        // A boundary that occurs in the content is made longer.
        r.upload = Some(Upload {
            file_name: "b".into(),
            path: "b".into(),
            content: Arc::new(BOUNDARY.as_bytes().to_vec()),
        });
        assert!(r.all_headers()[1].1.ends_with(&format!("{BOUNDARY}x")));
    }

    #[test]
    fn target_encodes_query_values() {
        let mut r = Request::new(Method::Get, "/cmf/api/v1/secrets");
        r.query.push(("filter".into(), "name=a b,c".into()));
        assert_eq!(r.target(), "/cmf/api/v1/secrets?filter=name%3Da%20b%2Cc");
        assert_eq!(Request::new(Method::Get, "/x").target(), "/x");
    }
}
