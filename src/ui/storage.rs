//! Autosave: the manifest texts in `localStorage`, restored on reload.

use serde::{Deserialize, Serialize};

use super::analysis::SourceFile;

/// Storage key; bump the version when the saved shape changes.
const KEY: &str = "flink-studio/workspace/v1";

/// What is saved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Saved {
    /// The texts.
    pub files: Vec<SourceFile>,
    /// Index of the file open in the editor.
    pub active: usize,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved workspace, if any (`None` on first visit or when unreadable).
pub fn load() -> Option<Saved> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Saves the workspace; failures (quota, private mode) are ignored.
pub fn save(files: &[SourceFile], active: usize) {
    #[derive(Serialize)]
    struct SavedRef<'a> {
        files: &'a [SourceFile],
        active: usize,
    }
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&SavedRef { files, active })) {
        let _ = s.set_item(KEY, &text);
    }
}
