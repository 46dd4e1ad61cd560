//! Autosave: the design file in `localStorage`, restored on reload.
//!
//! The first versions of the studio saved manifest texts under [`OLD_KEY`]; those are
//! imported once into a design and the old entry removed, so nothing saved is lost.

use super::analysis::SourceFile;

/// Storage key of the design file.
const KEY: &str = "flink-studio/design/v2";
/// Storage key of the text-based workspace of earlier versions.
const OLD_KEY: &str = "flink-studio/workspace/v1";

/// What was found in storage.
pub enum Saved {
    /// A design file's text.
    Design(String),
    /// Texts saved by an earlier version, to import.
    Texts(Vec<SourceFile>),
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved design, if any (`None` on first visit or when unreadable).
pub fn load() -> Option<Saved> {
    #[derive(serde::Deserialize)]
    struct Old {
        files: Vec<SourceFile>,
    }
    let s = storage()?;
    if let Some(text) = s.get_item(KEY).ok().flatten() {
        return Some(Saved::Design(text));
    }
    let old = s.get_item(OLD_KEY).ok().flatten()?;
    serde_json::from_str::<Old>(&old).ok().map(|o| Saved::Texts(o.files))
}

/// Saves the design file; returns false when the browser refused (quota, private mode).
/// Once saved, the old text-based entry is removed.
pub fn save(design_file: &str) -> bool {
    let Some(s) = storage() else { return false };
    let ok = s.set_item(KEY, design_file).is_ok();
    if ok {
        let _ = s.remove_item(OLD_KEY);
    }
    ok
}
