//! The browser's CMF transport: `fetch` through gloo-net, aborted after a time limit;
//! artifact uploads through `XMLHttpRequest` ([`super::upload`]), which reports the bytes
//! sent and can be cut off by the user.

use std::future::Future;
use std::time::Duration;

use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use leptos::leptos_dom::helpers::set_timeout_with_handle;

use super::upload::{self, UploadWatch};
use crate::core::cmf::{Method, Request, Response, Transport, TransportError};

/// How long a request may take before it is aborted (reads are then retried once).
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Sends requests to `base` (an origin; empty = this page's origin, where the dev
/// server proxies `/cmf` to CMF).
pub struct BrowserTransport {
    /// Base URL without `/cmf/api/v1`.
    pub base: String,
    /// Where uploads report their progress and can be aborted.
    pub watch: Option<UploadWatch>,
}

impl BrowserTransport {
    /// A transport to `base` (trailing slashes and an `/cmf/api/v1` suffix removed).
    pub fn new(base: &str) -> Self {
        let base = base.trim().trim_end_matches('/');
        let base = base.strip_suffix("/cmf/api/v1").unwrap_or(base);
        BrowserTransport { base: base.to_string(), watch: None }
    }

    /// The same transport sending uploads through `watch` (progress, cancel).
    pub fn with_watch(mut self, watch: UploadWatch) -> Self {
        self.watch = Some(watch);
        self
    }
}

fn method(m: Method) -> HttpMethod {
    match m {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Delete => HttpMethod::DELETE,
    }
}

async fn send(url: String, request: Request) -> Result<Response, TransportError> {
    let controller = web_sys::AbortController::new().map_err(|_| {
        TransportError::Other("this browser cannot abort requests (no AbortController)".into())
    })?;
    let signal = controller.signal();
    let timer = set_timeout_with_handle(move || controller.abort(), TIMEOUT).ok();
    let mut builder =
        RequestBuilder::new(&url).method(method(request.method)).abort_signal(Some(&signal));
    for (k, v) in request.all_headers() {
        builder = builder.header(&k, &v);
    }
    let built = match (&request.upload, request.body_bytes()) {
        (Some(_), Some(bytes)) => builder.body(js_sys::Uint8Array::from(bytes.as_slice())),
        (None, Some(_)) => {
            builder.body(request.body.as_ref().map(|b| b.to_string()).unwrap_or_default())
        }
        (_, None) => builder.build(),
    };
    let result = match built {
        Ok(r) => r.send().await,
        Err(e) => return Err(TransportError::Other(e.to_string())),
    };
    if let Some(t) = timer {
        t.clear();
    }
    let response = match result {
        Ok(r) => r,
        Err(_) if signal.aborted() => return Err(TransportError::Timeout),
        // fetch() rejects with a bare TypeError for refused connections, CORS and CSP
        // blocks alike; the browser does not say which.
        Err(e) => return Err(TransportError::CorsOrNetwork(e.to_string())),
    };
    let status = response.status();
    let headers = response.headers().entries().collect();
    let body = response.text().await.unwrap_or_default();
    Ok(Response { status, headers, body })
}

impl Transport for BrowserTransport {
    fn send(&self, request: Request) -> impl Future<Output = Result<Response, TransportError>> {
        let url = format!("{}{}", self.base, request.target());
        let watch = self.watch.filter(|_| request.upload.is_some());
        async move {
            match watch {
                Some(watch) => upload::send(url, request, watch).await,
                None => send(url, request).await,
            }
        }
    }

    fn base_url(&self) -> String {
        if self.base.is_empty() {
            "this page's origin (/cmf proxy)".into()
        } else {
            self.base.clone()
        }
    }
}
