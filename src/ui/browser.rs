//! Small wrappers over browser APIs: reading files, downloads, the clipboard.

use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::analysis::SourceFile;

/// Reads every file of `list` as text, then calls `done` once with all of them.
pub fn read_files(list: web_sys::FileList, done: impl FnOnce(Vec<SourceFile>) + 'static) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    spawn_local(async move {
        let mut read = Vec::new();
        for file in files {
            if let Ok(text) = JsFuture::from(file.text()).await {
                read.push(SourceFile::new(file.name(), text.as_string().unwrap_or_default()));
            }
        }
        done(read);
    });
}

/// Offers `content` as a download named `name`.
pub fn download(name: &str, content: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Copies `text` to the clipboard; `done(true)` on success.
pub fn copy(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else { return done(false) };
    let promise = window.navigator().clipboard().write_text(&text);
    spawn_local(async move { done(JsFuture::from(promise).await.is_ok()) });
}
