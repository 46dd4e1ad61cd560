//! Small wrappers over browser APIs: reading files and dropped folders, downloads
//! (text and PNG), the clipboard.

use std::future::Future;
use std::pin::Pin;

use leptos::task::spawn_local;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::analysis::SourceFile;

/// True for the file names a folder import reads (as the CLI does).
pub fn is_manifest_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.ends_with(".yaml") || n.ends_with(".yml") || n.ends_with(".json")
}

async fn read(file: &web_sys::File, name: String) -> Option<SourceFile> {
    let text = JsFuture::from(file.text()).await.ok()?;
    Some(SourceFile::new(name, text.as_string().unwrap_or_default()))
}

/// Reads every file of `list` as text (files picked from a folder are filtered to
/// manifests and named by their relative path), then calls `done` once with all of them.
pub fn read_files(list: web_sys::FileList, done: impl FnOnce(Vec<SourceFile>) + 'static) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    spawn_local(async move {
        let mut out = Vec::new();
        for file in files {
            let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let (name, in_folder) =
                if relative.is_empty() { (file.name(), false) } else { (relative, true) };
            if in_folder && !is_manifest_name(&name) {
                continue;
            }
            out.extend(read(&file, name).await);
        }
        done(out);
    });
}

/// Resolves a callback-style browser API as a future of its first argument.
fn callback<F: FnOnce(&js_sys::Function)>(call: F) -> JsFuture {
    let mut call = Some(call);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(c) = call.take() {
            c(&resolve);
        }
    });
    JsFuture::from(promise)
}

type Entries<'a> = Pin<Box<dyn Future<Output = Vec<SourceFile>> + 'a>>;

fn read_entry(entry: web_sys::FileSystemEntry, top: bool) -> Entries<'static> {
    Box::pin(async move {
        let path = entry.full_path().trim_start_matches('/').to_string();
        if let Some(dir) = entry.dyn_ref::<web_sys::FileSystemDirectoryEntry>() {
            let reader = dir.create_reader();
            let mut out = Vec::new();
            loop {
                let batch = callback(|f| {
                    let _ = reader.read_entries_with_callback(f);
                })
                .await;
                let Ok(batch) = batch.map(|b| js_sys::Array::from(&b)) else { break };
                if batch.length() == 0 {
                    break;
                }
                for e in batch.iter() {
                    if let Ok(e) = e.dyn_into::<web_sys::FileSystemEntry>() {
                        out.extend(read_entry(e, false).await);
                    }
                }
            }
            return out;
        }
        let Some(file_entry) = entry.dyn_ref::<web_sys::FileSystemFileEntry>() else {
            return Vec::new();
        };
        if !top && !is_manifest_name(&path) {
            return Vec::new();
        }
        let file = callback(|f| file_entry.file_with_callback(f)).await;
        match file.ok().and_then(|f| f.dyn_into::<web_sys::File>().ok()) {
            Some(f) => read(&f, path).await.into_iter().collect(),
            None => Vec::new(),
        }
    })
}

/// Reads dropped files and folders (recursively; manifests only inside folders).
pub fn read_drop(data: web_sys::DataTransfer, done: impl FnOnce(Vec<SourceFile>) + 'static) {
    let items = data.items();
    let entries: Vec<web_sys::FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i)?.webkit_get_as_entry().ok().flatten())
        .collect();
    if entries.is_empty() {
        if let Some(files) = data.files() {
            read_files(files, done);
        }
        return;
    }
    spawn_local(async move {
        let mut out = Vec::new();
        for e in entries {
            out.extend(read_entry(e, true).await);
        }
        done(out);
    });
}

/// Offers `content` as a download named `name`.
pub fn download(name: &str, content: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let result = download_url(name, &url);
    web_sys::Url::revoke_object_url(&url)?;
    result
}

fn download_url(name: &str, url: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(url);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Renders an SVG document to PNG at `scale` (1 or 2 pixels per unit, capped at 40
/// megapixels) and offers it as a download.
pub fn download_png(
    name: &'static str,
    svg: &str,
    scale: f64,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    let url = format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(svg));
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return done(Err("no image support".into()));
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let (ok_done, err_done) = (done.clone(), done);
    let image = img.clone();
    let on_load = Closure::once_into_js(move || {
        let result = draw_png(&image, scale)
            .and_then(|data| download_url(name, &data))
            .map_err(|e| format!("{e:?}"));
        if let Some(d) = ok_done.borrow_mut().take() {
            d(result);
        }
    });
    let on_error = Closure::once_into_js(move || {
        if let Some(d) = err_done.borrow_mut().take() {
            d(Err("the diagram could not be rendered".into()));
        }
    });
    img.set_onload(Some(on_load.unchecked_ref()));
    img.set_onerror(Some(on_error.unchecked_ref()));
    img.set_src(&url);
}

fn draw_png(img: &web_sys::HtmlImageElement, scale: f64) -> Result<String, JsValue> {
    let (w, h) = (f64::from(img.natural_width().max(1)), f64::from(img.natural_height().max(1)));
    let scale = scale.min((40_000_000.0 / (w * h)).sqrt()).max(0.05);
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width((w * scale) as u32);
    canvas.set_height((h * scale) as u32);
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, w * scale, h * scale)?;
    canvas.to_data_url_with_type("image/png")
}

/// Copies `text` to the clipboard; `done(true)` on success.
pub fn copy(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else { return done(false) };
    let promise = window.navigator().clipboard().write_text(&text);
    spawn_local(async move { done(JsFuture::from(promise).await.is_ok()) });
}
