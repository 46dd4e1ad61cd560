//! Where the studio keeps the design in the browser: IndexedDB (database `flink-studio`,
//! object store `designs`, key `autosave`), written by the validation worker (or by the
//! page when there is no worker) and read by the page on start.
//!
//! A stored record is an object `{version: 1, design, forgotten, secretsKept, savedAt}`:
//! `design` is the design file as JSON text (`core::autosave`), `forgotten` a JSON list
//! of the secret values left out (`core::credentials::Forgotten`), empty when the user
//! chose to keep them ("remember secret values on this device", a flag in
//! `localStorage`: [`REMEMBER_KEY`]).
//!
//! Earlier versions kept the design file in `localStorage` ([`LEGACY_KEY`]) and, before
//! that, manifest texts ([`OLDEST_KEY`]). Those are read when IndexedDB holds nothing,
//! moved over by the next save and then removed ([`remove_legacy`]), so nothing saved is
//! lost and no secret stays behind in `localStorage`.

use std::cell::RefCell;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

use super::analysis::SourceFile;
use crate::core::autosave::Record;
use crate::core::credentials::Forgotten;

/// IndexedDB database of the studio.
pub const DATABASE: &str = "flink-studio";
/// Its object store of designs.
pub const STORE: &str = "designs";
/// Key of the autosaved design.
pub const RECORD_KEY: &str = "autosave";
const DATABASE_VERSION: u32 = 1;
const RECORD_VERSION: u32 = 1;
/// `localStorage` key of the design file saved by earlier versions.
pub const LEGACY_KEY: &str = "flink-studio/design/v2";
/// `localStorage` key of the text-based workspace of the first versions.
pub const OLDEST_KEY: &str = "flink-studio/workspace/v1";
/// `localStorage` key of the "remember secret values on this device" setting (`"1"`).
pub const REMEMBER_KEY: &str = "flink-studio/settings/remember-secrets";

/// A design read from IndexedDB.
pub struct Stored {
    /// The design file's text.
    pub design: String,
    /// Secret values that were left out.
    pub forgotten: Vec<Forgotten>,
}

/// What earlier versions left in `localStorage`.
pub enum Legacy {
    /// A design file's text.
    Design(String),
    /// Texts, to import.
    Texts(Vec<SourceFile>),
}

thread_local! {
    static OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What went wrong, in plain words, from a DOM exception or any thrown value.
fn describe(e: &JsValue) -> String {
    let field = |name: &str| Reflect::get(e, &name.into()).ok().and_then(|v| v.as_string());
    match (field("name"), field("message")) {
        (Some(name), _) if name == "QuotaExceededError" => {
            "the browser's storage for this page is full".to_string()
        }
        (Some(name), Some(message)) => {
            format!("the browser's storage is unavailable ({name}: {message})")
        }
        _ => format!(
            "the browser's storage is unavailable ({})",
            e.as_string().unwrap_or_else(|| "no reason given".into())
        ),
    }
}

fn factory() -> Result<IdbFactory, String> {
    let found = Reflect::get(&js_sys::global(), &"indexedDB".into()).map_err(|e| describe(&e))?;
    found
        .dyn_into::<IdbFactory>()
        .map_err(|_| "the browser's storage is unavailable (no IndexedDB here)".to_string())
}

/// Resolves with the request's result, or fails with its error.
fn finished(request: &IdbRequest) -> JsFuture {
    let promise = Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let ok = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move |e: web_sys::Event| {
            e.prevent_default();
            let error = failed.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// Resolves when the transaction committed, fails when it aborted (quota, I/O).
fn committed(tx: &IdbTransaction) -> JsFuture {
    let promise = Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let on_complete = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = tx.clone();
        let on_abort = Closure::once_into_js(move |_: web_sys::Event| {
            let error = failed.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// The database, opened (and created) on first use.
async fn database() -> Result<IdbDatabase, String> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let request: IdbOpenDbRequest =
        factory()?.open_with_u32(DATABASE, DATABASE_VERSION).map_err(|e| describe(&e))?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        if let Some(db) = upgrading.result().ok().and_then(|r| r.dyn_into::<IdbDatabase>().ok())
            && !db.object_store_names().contains(STORE)
        {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db =
        finished(&request).await.map_err(|e| describe(&e))?.dyn_into::<IdbDatabase>().map_err(
            |_| "the browser's storage is unavailable (it opened no database)".to_string(),
        )?;
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Opens the database ahead of the first save, so that save is issued at once.
pub async fn warm_up() {
    let _ = database().await;
}

/// A write handed to the browser's storage.
pub struct Pending(JsFuture);

impl Pending {
    /// Resolves when the storage has it, or says why not.
    pub async fn done(self) -> Result<(), String> {
        self.0.await.map(|_| ()).map_err(|e| describe(&e))
    }
}

/// Starts storing `record`: once the database is open (at once after [`warm_up`]) the
/// write is handed to the browser and committed; [`Pending::done`] says when it is
/// stored, or why not.
pub async fn begin_put(record: &Record) -> Result<Pending, String> {
    let db = database().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(|e| describe(&e))?;
    let store = tx.object_store(STORE).map_err(|e| describe(&e))?;
    let value = Object::new();
    let forgotten = serde_json::to_string(&record.forgotten).unwrap_or_else(|_| "[]".into());
    for (key, v) in [
        ("version", JsValue::from(RECORD_VERSION)),
        ("design", JsValue::from_str(&record.design)),
        ("forgotten", JsValue::from_str(&forgotten)),
        ("secretsKept", JsValue::from_bool(record.secrets_kept)),
        ("savedAt", JsValue::from_f64(js_sys::Date::now())),
    ] {
        let _ = Reflect::set(&value, &key.into(), &v);
    }
    let done = committed(&tx);
    store.put_with_key(&value, &RECORD_KEY.into()).map_err(|e| describe(&e))?;
    // Hand it to the storage now (the worker validates next, without yielding):
    // `IDBTransaction.commit()`, where the browser has it.
    if let Ok(commit) =
        Reflect::get(&tx, &"commit".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = commit.call0(&tx);
    }
    Ok(Pending(done))
}

/// The autosaved design, if any.
pub async fn load() -> Result<Option<Stored>, String> {
    let db = database().await?;
    let tx = db.transaction_with_str(STORE).map_err(|e| describe(&e))?;
    let store = tx.object_store(STORE).map_err(|e| describe(&e))?;
    let request = store.get(&RECORD_KEY.into()).map_err(|e| describe(&e))?;
    let value = finished(&request).await.map_err(|e| describe(&e))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let text = |key: &str| Reflect::get(&value, &key.into()).ok().and_then(|v| v.as_string());
    let Some(design) = text("design") else { return Ok(None) };
    let forgotten =
        text("forgotten").and_then(|f| serde_json::from_str(&f).ok()).unwrap_or_default();
    Ok(Some(Stored { design, forgotten }))
}

/// What earlier versions saved in `localStorage`, if anything.
pub fn legacy() -> Option<Legacy> {
    #[derive(serde::Deserialize)]
    struct Old {
        files: Vec<SourceFile>,
    }
    let s = local_storage()?;
    if let Some(text) = s.get_item(LEGACY_KEY).ok().flatten() {
        return Some(Legacy::Design(text));
    }
    let old = s.get_item(OLDEST_KEY).ok().flatten()?;
    serde_json::from_str::<Old>(&old).ok().map(|o| Legacy::Texts(o.files))
}

/// Removes what earlier versions saved in `localStorage` (once IndexedDB has the design).
pub fn remove_legacy() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(LEGACY_KEY);
        let _ = s.remove_item(OLDEST_KEY);
    }
}

/// Whether the user chose to keep secret values in this browser.
pub fn remember_secrets() -> bool {
    local_storage().and_then(|s| s.get_item(REMEMBER_KEY).ok().flatten()).as_deref() == Some("1")
}

/// Remembers the choice (silently skipped when `localStorage` is unavailable).
pub fn set_remember_secrets(on: bool) {
    if let Some(s) = local_storage() {
        let _ = if on { s.set_item(REMEMBER_KEY, "1") } else { s.remove_item(REMEMBER_KEY) };
    }
}
