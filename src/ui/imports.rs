//! The import summary: one line in the status line (resources, files, skipped, problems),
//! dismissible, with the per-file details one click away in a dialog.

use leptos::prelude::*;

use super::state::use_state;
use crate::core::finding::Finding;

/// What one imported file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The file's name (with its folder path when a folder was imported).
    pub name: String,
    /// Resources it added.
    pub resources: usize,
    /// Import diagnostics about it (syntax errors, unknown kinds, …).
    pub problems: usize,
}

/// What the last import did, file by file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Every file read, in import order.
    pub files: Vec<FileReport>,
    /// The design is marked complete (a missing reference is an error).
    pub complete: bool,
}

impl ImportReport {
    /// The report of files `names`, which added `added[i]` resources each, with the
    /// import `diagnostics` (attributed by their file).
    pub fn new(names: &[String], added: &[usize], diagnostics: &[Finding], complete: bool) -> Self {
        let files = names
            .iter()
            .zip(added)
            .map(|(name, &resources)| FileReport {
                name: name.clone(),
                resources,
                problems: diagnostics.iter().filter(|d| d.file.as_deref() == Some(name)).count(),
            })
            .collect();
        Self { files, complete }
    }

    /// Resources added in all.
    pub fn resources(&self) -> usize {
        self.files.iter().map(|f| f.resources).sum()
    }

    /// Files that added no resource.
    pub fn skipped(&self) -> usize {
        self.files.iter().filter(|f| f.resources == 0).count()
    }

    /// The one line of the status line.
    pub fn summary(&self) -> String {
        let n = self.resources();
        let resources = if n == 1 { "1 resource".to_string() } else { format!("{n} resources") };
        let files = match self.files.as_slice() {
            [one] => one.name.clone(),
            all => format!("{} files", all.len()),
        };
        let mut notes = Vec::new();
        let skipped = self.skipped();
        if skipped > 0 {
            notes.push(format!("{skipped} skipped"));
        }
        let problems = self.files.iter().filter(|f| f.problems > 0).count();
        if problems > 0 {
            notes.push(format!("{problems} with problems"));
        }
        if self.complete {
            notes.push("design marked complete".to_string());
        }
        let notes =
            if notes.is_empty() { String::new() } else { format!(" ({})", notes.join(", ")) };
        format!("Imported {resources} from {files}{notes}.")
    }
}

/// The dialog listing what each file of the last import gave.
#[component]
pub fn ImportDetails(
    /// Whether the dialog is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = use_state();
    let close = move || open.set(false);
    // Escape closes the dialog wherever the focus is; opened, it takes the focus.
    let escape = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = close_button.get() {
            let _ = b.focus();
        }
    });
    let rows = move || {
        state.import_report.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| r.files.clone()).into_iter().map(|f| {
                let skipped = f.resources == 0;
                view! {
                    <tr data-testid="import-file" class:skipped=skipped>
                        <td><code>{f.name}</code></td>
                        <td>{if skipped { "skipped: no resources".to_string() } else { f.resources.to_string() }}</td>
                        <td>{(f.problems > 0).then(|| format!("{} problem(s), see Findings", f.problems))}</td>
                    </tr>
                }
            }).collect_view()
        })
    };
    let complete = move || state.import_report.with(|r| r.as_ref().is_some_and(|r| r.complete));
    view! {
        <Show when=move || open.get()>
            <div class="overlay" data-testid="import-details" role="dialog" aria-modal="true"
                aria-labelledby="import-details-title" on:click=move |_| close()>
                <div class="dialog wide" on:click=|e| e.stop_propagation()>
                    <h2 id="import-details-title">"Imported files"</h2>
                    <Show when=complete>
                        <p class="muted">"The design is marked complete: a reference to something not in it is an error (untick 'complete design' in Findings if it is part of a bigger repository)."</p>
                    </Show>
                    <table class="grid">
                        <thead><tr><th>"File"</th><th>"Resources"</th><th>"Problems"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <div class="toolbar">
                        <button class="button" data-testid="import-details-close" node_ref=close_button on:click=move |_| close()>"Close"</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Severity;

    fn problem(file: &str) -> Finding {
        Finding {
            rule: "IMP-SYNTAX-001".into(),
            severity: Severity::Error,
            resource: None,
            pointer: String::new(),
            message: "bad".into(),
            hint: String::new(),
            file: Some(file.to_string()),
            line: Some(1),
            resource_id: None,
        }
    }

    #[test]
    fn a_folder_is_summed_up_in_one_line_without_file_names() {
        let names: Vec<String> = (0..54).map(|i| format!("repo/dir/file-{i}.yaml")).collect();
        let mut added = vec![2; 54];
        added[3] = 0;
        added[9] = 0;
        let report = ImportReport::new(&names, &added, &[problem("repo/dir/file-3.yaml")], false);
        assert_eq!(report.resources(), 104);
        assert_eq!(report.skipped(), 2);
        let line = report.summary();
        assert_eq!(line, "Imported 104 resources from 54 files (2 skipped, 1 with problems).");
        assert!(!line.contains("file-1"));
        assert_eq!(report.files[3].problems, 1);
    }

    #[test]
    fn one_file_is_named() {
        let report = ImportReport::new(&["a.yaml".into()], &[1], &[], true);
        assert_eq!(report.summary(), "Imported 1 resource from a.yaml (design marked complete).");
    }
}
