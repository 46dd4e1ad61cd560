//! The export panel: kubectl YAML or CMF JSON of the design or the selection (copy,
//! download), and the diagram for documents: SVG, or PNG at 1× or 2×, of the whole design
//! or the current view, with a title, optional notes and legend, showing the layers the
//! canvas shows.

use std::collections::HashSet;

use leptos::prelude::*;

use super::analysis;
use super::{browser, state::use_state};
use crate::core::diagram::{self, DiagramOptions};
use crate::core::layout::{self, SceneOptions};

/// Lines of the export shown on the page (Copy and Download give all of it).
const PREVIEW_LINES: usize = 2_000;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Kubectl,
    Cmf,
}

/// Export panel.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let state = use_state();
    let format = RwSignal::new(Format::Kubectl);
    let only_selection = RwSignal::new(false);
    let secrets = RwSignal::new(false);
    let legend = RwSignal::new(true);
    let title = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let view_only = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    // Computed in a task of its own, after the edit's task: the edit's other derived
    // views and this export (25–35 ms at 2,000 resources) each stay under 50 ms.
    let text = RwSignal::new(String::new());
    let latest = super::latest::Latest::new();
    Effect::new(move |_| {
        state.content.track();
        let only: HashSet<_> = if only_selection.get() {
            state.selection.with(|s| s.iter().copied().collect())
        } else {
            HashSet::new()
        };
        let (secrets, format) = (secrets.get(), format.get());
        latest.schedule(std::time::Duration::ZERO, move || {
            let out = super::trace::time("export", || {
                state.design.with_value(|d| match format {
                    Format::Kubectl => analysis::kubectl(d, &only, secrets),
                    Format::Cmf => analysis::cmf_json(d, &only, secrets),
                })
            });
            text.try_set(out);
        });
    });
    let file_name = move || match format.get_untracked() {
        Format::Kubectl => ("flink-studio.yaml", "application/yaml"),
        Format::Cmf => ("flink-studio-cmf.json.txt", "text/plain"),
    };
    let copy = move |_| {
        browser::copy(text.get_untracked(), move |ok| {
            note.set(if ok {
                "Copied.".into()
            } else {
                "Copy failed: select the text and copy it.".into()
            });
        });
    };
    let download = move |_| {
        let (name, mime) = file_name();
        let ok = browser::download(name, &text.get_untracked(), mime).is_ok();
        note.set(if ok { format!("Downloaded {name}.") } else { "Download failed.".into() });
    };
    // The diagram: the scene of the whole design with the layers shown, framed as asked.
    let svg = move || {
        let layers = state.layers.get_untracked();
        let area = view_only
            .get_untracked()
            .then(|| state.view.get_untracked().visible(state.canvas_size.get_untracked()));
        let heading = title.get_untracked();
        let options = DiagramOptions {
            title: if heading.trim().is_empty() { state.name.get_untracked() } else { heading },
            notes: notes.get_untracked(),
            legend: legend.get_untracked(),
            area,
        };
        super::trace::time("diagram", || {
            state.graph.with_untracked(|g| {
                state.positions.with_untracked(|p| {
                    state.design.with_value(|d| {
                        let scene = layout::scene(
                            d,
                            g,
                            p,
                            SceneOptions { layers, ..SceneOptions::default() },
                        );
                        diagram::svg(&scene, &options)
                    })
                })
            })
        })
    };
    let download_svg = move |_| {
        let ok = browser::download("flink-studio-diagram.svg", &svg(), "image/svg+xml").is_ok();
        note.set(if ok {
            "Downloaded flink-studio-diagram.svg.".into()
        } else {
            "Download failed.".into()
        });
    };
    let download_png = move |scale: f64| {
        browser::download_png("flink-studio-diagram.png", &svg(), scale, move |r| {
            note.set(match r {
                Ok(()) => format!("Downloaded flink-studio-diagram.png ({scale}×)."),
                Err(e) => format!("PNG export failed: {e}"),
            })
        });
    };
    let empty = move || text.with(|e| e.trim().is_empty());
    // A big design's export is megabytes: the page shows its head, Copy/Download the whole.
    let preview = Memo::new(move |_| text.with(|t| analysis::preview(t, PREVIEW_LINES)));
    view! {
        <div class="panel" data-testid="export">
            <div class="toolbar">
                <select data-testid="export-format" aria-label="Export format" on:change=move |e| format.set(if event_target_value(&e) == "cmf" { Format::Cmf } else { Format::Kubectl })>
                    <option value="kubectl">"kubectl YAML"</option>
                    <option value="cmf">"CMF REST JSON"</option>
                </select>
                <label><input type="checkbox" data-testid="export-selection" prop:checked=move || only_selection.get()
                    on:change=move |e| only_selection.set(event_target_checked(&e)) />" selection only"</label>
                <label><input type="checkbox" data-testid="export-secrets" prop:checked=move || secrets.get()
                    on:change=move |e| secrets.set(event_target_checked(&e)) />" include secret values"</label>
            </div>
            <div class="toolbar">
                <button class="button" data-testid="export-copy" disabled=empty on:click=copy>"Copy"</button>
                <button class="button" data-testid="export-download" disabled=empty on:click=download>"Download"</button>
            </div>
            <fieldset class="diagram-export" data-testid="diagram-export">
                <legend>"Diagram for documents"</legend>
                <label class="field">"Title "
                    <input type="text" data-testid="diagram-title" placeholder=move || state.name.get()
                        prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e)) />
                </label>
                <label class="field">"Notes "
                    <textarea rows="2" data-testid="diagram-notes" placeholder="optional, printed under the title"
                        prop:value=move || notes.get() on:input=move |e| notes.set(event_target_value(&e))></textarea>
                </label>
                <div class="toolbar">
                    <select data-testid="diagram-scope" aria-label="Diagram of" on:change=move |e| view_only.set(event_target_value(&e) == "view")>
                        <option value="all">"whole design"</option>
                        <option value="view">"current view"</option>
                    </select>
                    <label><input type="checkbox" data-testid="diagram-legend" prop:checked=move || legend.get() on:change=move |e| legend.set(event_target_checked(&e)) />" legend"</label>
                </div>
                <div class="toolbar">
                    <button class="button" data-testid="export-svg" on:click=download_svg>"SVG"</button>
                    <button class="button" data-testid="export-png" on:click=move |_| download_png(1.0)>"PNG 1×"</button>
                    <button class="button" data-testid="export-png-2x" on:click=move |_| download_png(2.0)>"PNG 2×"</button>
                </div>
                <p class="muted">"Shows the layers the canvas shows (Layers, over the canvas)."</p>
            </fieldset>
            <p class="muted" data-testid="export-note" role="status">{move || note.get()}</p>
            <Show
                when=move || !empty()
                fallback=|| view! { <p class="empty" data-testid="export-empty">"Nothing to export for this design or selection."</p> }
            >
                <pre class="code" data-testid="export-yaml" tabindex="0" aria-label="Export preview">{move || preview.get().0}</pre>
                {move || preview.get().1.map(|more| view! {
                    <p class="muted" data-testid="export-truncated">
                        {format!("… and {more} more lines: Copy or Download gives the whole export.")}
                    </p>
                })}
            </Show>
        </div>
    }
}
