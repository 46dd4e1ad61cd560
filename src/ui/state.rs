//! The app state: the texts (ground state), UI selections, and the derived memos.

use std::time::Duration;

use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use leptos::prelude::*;

use super::analysis::{self, Imported, SourceFile};
use super::{examples, storage};
use crate::core::config::EffectiveConfig;
use crate::core::finding::Finding;

/// How long typing must pause before the text is committed and validated.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// Which panel of the results column is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Findings by severity.
    Findings,
    /// The resource list.
    Resources,
    /// Effective configurations.
    Config,
    /// kubectl YAML.
    Export,
}

/// A request to show a line of a file in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reveal {
    /// Index of the file.
    pub file: usize,
    /// 1-based line.
    pub line: u32,
    /// Distinguishes repeated requests for the same line.
    pub serial: u32,
}

/// Everything the components share; `Copy` (arena handles only).
#[derive(Clone, Copy)]
pub struct AppState {
    /// Ground state: the committed texts.
    pub files: RwSignal<Vec<SourceFile>>,
    /// Index of the file open in the editor.
    pub active: RwSignal<usize>,
    /// True while an edit waits for the debounce.
    pub typing: RwSignal<bool>,
    /// The panel shown on the right.
    pub panel: RwSignal<Panel>,
    /// Last "show this line" request.
    pub reveal: RwSignal<Option<Reveal>>,
    /// The imported design.
    pub imported: Memo<Imported>,
    /// Import diagnostics and rule findings.
    pub findings: Memo<Vec<Finding>>,
    /// Effective configurations.
    pub configs: Memo<Vec<EffectiveConfig>>,
    /// kubectl export.
    pub export: Memo<String>,
    /// How many times validation has run (shown for diagnostics and tests).
    pub validations: StoredValue<u32>,
    pending: StoredValue<Option<(usize, String)>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl AppState {
    /// Restores the saved workspace (or loads the first example) and sets up the memos.
    pub fn restore() -> Self {
        let (files, active) = match storage::load() {
            Some(saved) if !saved.files.is_empty() => {
                let active = saved.active.min(saved.files.len() - 1);
                (saved.files, active)
            }
            _ => (examples::files(examples::EXAMPLES[0].id).unwrap_or_default(), 0),
        };
        let files = RwSignal::new(files);
        let imported = Memo::new(move |_| files.with(|f| analysis::import_all(f)));
        let validations = StoredValue::new(0);
        let findings = Memo::new(move |_| {
            validations.update_value(|n| *n += 1);
            imported.with(analysis::validate)
        });
        Self {
            files,
            active: RwSignal::new(active),
            typing: RwSignal::new(false),
            panel: RwSignal::new(Panel::Findings),
            reveal: RwSignal::new(None),
            imported,
            findings,
            configs: Memo::new(move |_| imported.with(analysis::configs)),
            export: Memo::new(move |_| imported.with(analysis::kubectl)),
            validations,
            pending: StoredValue::new(None),
            timer: StoredValue::new(None),
        }
    }

    /// Saves the texts whenever they change.
    pub fn autosave(self) {
        Effect::new(move |_| {
            let active = self.active.get();
            self.files.with(|f| storage::save(f, active));
        });
    }

    /// Records an edit of the open file; it is committed after [`DEBOUNCE`].
    pub fn edit(self, text: String) {
        let file = self.active.get_untracked();
        self.pending.set_value(Some((file, text)));
        if !self.typing.get_untracked() {
            self.typing.set(true);
        }
        if let Some(t) = self.timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        let handle = set_timeout_with_handle(move || self.flush(), DEBOUNCE).ok();
        self.timer.set_value(handle);
    }

    /// Commits a pending edit now (before switching files, on blur, on page hide).
    pub fn flush(self) {
        if let Some(t) = self.timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        if let Some((file, text)) = self.pending.try_update_value(Option::take).flatten() {
            self.files.maybe_update(|files| match files.get_mut(file) {
                Some(f) if f.text != text => {
                    f.text = text;
                    true
                }
                _ => false,
            });
        }
        if self.typing.get_untracked() {
            self.typing.set(false);
        }
    }

    /// Opens file `index` in the editor.
    pub fn open(self, index: usize) {
        self.flush();
        self.active.set(index);
    }

    /// Adds files (dropped, picked or new); a file with the same name is replaced, and a
    /// lone empty file is dropped. The last added file is opened.
    pub fn add_files(self, added: Vec<SourceFile>) {
        if added.is_empty() {
            return;
        }
        self.flush();
        let mut last = 0;
        self.files.update(|files| {
            if files.len() == 1 && files[0].text.trim().is_empty() {
                files.clear();
            }
            for f in added {
                last = match files.iter().position(|g| g.name == f.name) {
                    Some(i) => {
                        files[i] = f;
                        i
                    }
                    None => {
                        files.push(f);
                        files.len() - 1
                    }
                };
            }
        });
        self.active.set(last);
    }

    /// Replaces every file (loading an example).
    pub fn replace_all(self, files: Vec<SourceFile>) {
        self.flush();
        self.files.set(files);
        self.active.set(0);
    }

    /// Removes file `index`; an empty file remains when it was the last one.
    pub fn remove(self, index: usize) {
        self.flush();
        self.files.update(|files| {
            if index < files.len() {
                files.remove(index);
            }
            if files.is_empty() {
                files.push(SourceFile::new("pasted.yaml", ""));
            }
        });
        let len = self.files.with_untracked(Vec::len);
        self.active.update(|a| *a = (*a).min(len - 1));
    }

    /// Renames file `index`.
    pub fn rename(self, index: usize, name: String) {
        self.files.update(|files| {
            if let Some(f) = files.get_mut(index) {
                f.name = name;
            }
        });
    }

    /// A name like `pasted-2.yaml` that no file uses yet.
    pub fn fresh_name(self) -> String {
        self.files.with_untracked(|files| {
            (1..)
                .map(|n| format!("pasted-{n}.yaml"))
                .find(|name| files.iter().all(|f| &f.name != name))
                .unwrap_or_default()
        })
    }

    /// Opens `file` (by name) in the editor and selects `line`.
    pub fn reveal(self, file: &str, line: u32) {
        let Some(index) = self.files.with_untracked(|f| f.iter().position(|g| g.name == file))
        else {
            return;
        };
        self.open(index);
        let serial = self.reveal.get_untracked().map_or(0, |r| r.serial + 1);
        self.reveal.set(Some(Reveal { file: index, line, serial }));
    }
}

/// The state provided by `<App/>`.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
