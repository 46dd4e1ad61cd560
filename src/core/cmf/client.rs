//! A CMF client over any [`Transport`]: bearer token, status → [`CmfError`], bounded
//! retry of reads after a timeout, JSON decoding and pagination.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use serde_json::Value;

use super::endpoints::PAGE_SIZE;
use super::error::{CmfError, ErrorKind};
use super::transport::{Method, Request, Response, Transport, TransportError};

/// More pages than this is a broken server, not a big one.
const MAX_PAGES: usize = 10_000;

/// A CMF client. The token is never part of any message, `Debug` output or log.
pub struct Client<T> {
    transport: T,
    token: Option<String>,
    read_attempts: u32,
}

impl<T: Transport> Client<T> {
    /// A client without credentials; reads are tried twice when they time out.
    pub fn new(transport: T) -> Self {
        Client { transport, token: None, read_attempts: 2 }
    }

    /// Sends `Authorization: Bearer <token>` with every request (CMF OAuth).
    pub fn with_token(mut self, token: Option<String>) -> Self {
        self.token = token.filter(|t| !t.trim().is_empty());
        self
    }

    /// How many times a GET is sent when it times out (at least 1).
    pub fn with_read_attempts(mut self, attempts: u32) -> Self {
        self.read_attempts = attempts.max(1);
        self
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The server's base URL, for messages.
    pub fn base_url(&self) -> String {
        self.transport.base_url()
    }

    /// Sends `request`; a 2xx response is returned, anything else is an error.
    pub async fn send(&self, mut request: Request) -> Result<Response, CmfError> {
        if let Some(token) = &self.token {
            request.headers.push(("Authorization".into(), format!("Bearer {token}")));
        }
        let what = request.describe();
        let attempts = if request.method == Method::Get { self.read_attempts } else { 1 };
        let mut tried = 0;
        loop {
            tried += 1;
            match self.transport.send(request.clone()).await {
                Ok(r) if (200..300).contains(&r.status) => return Ok(r),
                Ok(r) => return Err(CmfError::from_response(&what, &self.base_url(), &r)),
                Err(TransportError::Timeout) if tried < attempts => continue,
                Err(e) => return Err(CmfError::from_transport(&what, &self.base_url(), e, tried)),
            }
        }
    }

    /// GETs `path` and decodes its JSON body.
    pub async fn get_json(&self, path: &str) -> Result<Value, CmfError> {
        let request = Request::new(Method::Get, path);
        let what = request.describe();
        let response = self.send(request).await?;
        self.decode(&what, &response)
    }

    /// GETs `path` and returns `None` on 404.
    pub async fn get_optional(&self, path: &str) -> Result<Option<Value>, CmfError> {
        match self.get_json(path).await {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every item of the paginated collection at `path` (`page` from 0, `size` 100,
    /// until a short page).
    pub async fn list(&self, path: &str) -> Result<Vec<Value>, CmfError> {
        let mut items = Vec::new();
        for page in 0..MAX_PAGES {
            let mut request = Request::new(Method::Get, path);
            request.query.push(("page".into(), page.to_string()));
            request.query.push(("size".into(), PAGE_SIZE.to_string()));
            let what = request.describe();
            let response = self.send(request).await?;
            let body = self.decode(&what, &response)?;
            let Some(list) = body.get("items").and_then(Value::as_array) else {
                return Err(self.bad(&what, "a page without an \"items\" list"));
            };
            if let Some(bad) = list.iter().position(|i| !i.is_object()) {
                return Err(self.bad(&what, &format!("item {bad} of the page is not an object")));
            }
            let short = list.len() < PAGE_SIZE;
            items.extend(list.iter().cloned());
            if short {
                return Ok(items);
            }
        }
        Err(self.bad(path, &format!("more than {MAX_PAGES} pages")))
    }

    fn decode(&self, what: &str, response: &Response) -> Result<Value, CmfError> {
        serde_json::from_str(&response.body).map_err(|e| {
            let start: String = response.body.chars().take(80).collect();
            self.bad(what, &format!("expected JSON ({e}), got \"{start}\""))
        })
    }

    fn bad(&self, what: &str, detail: &str) -> CmfError {
        CmfError::new(what, self.base_url(), ErrorKind::BadResponse(detail.to_string()))
    }
}

/// Runs a future whose transport answers at once (a blocking HTTP client, the tests'
/// fake) to completion on the current thread. Do not use it with a transport that
/// really waits (the browser's): it would spin.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
}
