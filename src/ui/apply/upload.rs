//! Artifact uploads from the browser: `XMLHttpRequest`, because `fetch` cannot report
//! how much of a request body was sent. The Apply tab shows the bytes sent as a progress
//! bar and its Cancel button aborts the upload while the body is still on its way; CMF
//! then never receives the multipart body whole and stores nothing
//! ([`TransportError::Cancelled`], which the core's apply reports as a step not applied).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ProgressEvent, XmlHttpRequest};

use crate::core::cmf::{Request, Response, TransportError};
use crate::core::units::megabytes;

/// How long an upload may take in all before it is given up (big jars over slow links;
/// the user can cancel earlier).
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// The upload under way: bytes sent of the total, and the request to abort.
#[derive(Clone, Copy)]
pub struct UploadWatch {
    /// (sent, total) bytes of the body under way; `None` when nothing is uploading.
    pub progress: RwSignal<Option<(f64, f64)>>,
    /// The request under way (page memory only).
    xhr: StoredValue<Option<XmlHttpRequest>, LocalStorage>,
}

impl UploadWatch {
    /// A watch with nothing under way.
    pub fn new() -> Self {
        UploadWatch { progress: RwSignal::new(None), xhr: StoredValue::new_local(None) }
    }

    /// Aborts the upload if part of its body is still to be sent; returns true when it
    /// did. Once the last byte is sent CMF may already be storing it, so the answer is
    /// waited for (the apply then stops before its next step).
    pub fn abort(&self) -> bool {
        let unsent = self.progress.get_untracked().is_none_or(|(sent, total)| sent < total);
        let xhr = self.xhr.with_value(|x| x.clone());
        match xhr {
            Some(xhr) if unsent => xhr.abort().is_ok(),
            _ => false,
        }
    }
}

impl Default for UploadWatch {
    fn default() -> Self {
        Self::new()
    }
}

/// "1.2 MB of 8.0 MB (15 %)".
pub fn describe(sent: f64, total: f64) -> String {
    let percent = if total > 0.0 { (sent / total * 100.0).floor() } else { 0.0 };
    format!("{} of {} ({percent} %)", megabytes(sent), megabytes(total))
}

fn headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// Sends `request` (with its multipart body) to `url`, reporting the bytes sent through
/// `watch`.
pub async fn send(
    url: String,
    request: Request,
    watch: UploadWatch,
) -> Result<Response, TransportError> {
    let other = |e: wasm_bindgen::JsValue| TransportError::Other(format!("{e:?}"));
    let xhr = XmlHttpRequest::new().map_err(other)?;
    xhr.open(request.method.as_str(), &url).map_err(other)?;
    for (k, v) in request.all_headers() {
        xhr.set_request_header(&k, &v).map_err(other)?;
    }
    xhr.set_timeout(UPLOAD_TIMEOUT.as_millis() as u32);
    let body = request.body_bytes().unwrap_or_default();
    let total = body.len() as f64;
    watch.progress.set(Some((0.0, total)));
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        let of = if e.length_computable() { e.total() } else { total };
        watch.progress.set(Some((e.loaded(), of)));
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    // One promise settled by whichever of load / error / abort / timeout comes first.
    let mut handlers = Vec::new();
    let done = js_sys::Promise::new(&mut |resolve, _| {
        for (event, tag) in
            [("load", "load"), ("error", "error"), ("abort", "abort"), ("timeout", "timeout")]
        {
            let resolve = resolve.clone();
            let handler = Closure::<dyn FnMut()>::new(move || {
                let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &tag.into());
            });
            let _ = xhr.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            handlers.push(handler);
        }
    });
    watch.xhr.set_value(Some(xhr.clone()));
    let sent = xhr.send_with_opt_u8_array(Some(&body));
    let outcome = match sent {
        Ok(()) => JsFuture::from(done).await.ok().and_then(|v| v.as_string()).unwrap_or_default(),
        Err(e) => {
            watch.xhr.set_value(None);
            watch.progress.set(None);
            return Err(TransportError::CorsOrNetwork(format!("{e:?}")));
        }
    };
    let reached = watch.progress.get_untracked().map_or(0.0, |(s, _)| s);
    watch.xhr.set_value(None);
    watch.progress.set(None);
    drop(handlers);
    drop(on_progress);
    match outcome.as_str() {
        "load" => Ok(Response {
            status: xhr.status().unwrap_or(0),
            headers: headers(&xhr.get_all_response_headers().unwrap_or_default()),
            body: xhr.response_text().ok().flatten().unwrap_or_default(),
        }),
        "abort" => Err(TransportError::Cancelled(format!(
            "the upload was cut off after {}",
            describe(reached, total)
        ))),
        "timeout" => Err(TransportError::Timeout),
        _ => Err(TransportError::CorsOrNetwork(String::new())),
    }
}
