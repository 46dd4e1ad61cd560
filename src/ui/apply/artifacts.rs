//! The artifact files of an apply: one file input per artifact of the design whose file
//! the browser must be given (it cannot read the path the design names). A chosen file
//! stays in the page's memory for this session, unless the user keeps it in the design
//! file ("Keep this file in the design file", up to `artifact::MAX_ATTACHED` bytes, one
//! undoable edit): then the design carries it (the design file and the browser's own
//! storage, never exports or share links) and a design reopened elsewhere applies without
//! picking the file again.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::Session;
use crate::core::edit::Edit;
use crate::core::model::{Kind, ResourceId, artifact};
use crate::core::units::megabytes;
use crate::ui::state::{AppState, use_state};

/// A chosen file: (environment, artifact name) → content.
pub type Chosen = (Option<String>, String, Arc<Vec<u8>>);

async fn read(input: web_sys::HtmlInputElement) -> Option<Vec<u8>> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// One artifact of the design as the list shows it.
#[derive(Clone, PartialEq)]
struct Row {
    id: ResourceId,
    environment: Option<String>,
    name: String,
    file: String,
    /// Bytes of the content attached to the design, if any (from its base64 length).
    attached: Option<usize>,
}

fn attach(app: AppState, session: Session, row: &Row, error: RwSignal<Option<String>>) {
    let content = session.files.with_untracked(|f| {
        f.iter()
            .find(|(e, n, _)| *e == row.environment && *n == row.name)
            .map(|(_, _, c)| c.clone())
    });
    let Some(content) = content else { return };
    let doc = app.design.with_value(|d| {
        d.get(row.id).map(|r| {
            let picked = artifact::file(r).map(str::to_string).unwrap_or_else(|| row.name.clone());
            let file_name = picked.rsplit('/').next().unwrap_or(&picked).to_string();
            artifact::with_attachment(r, &file_name, &content)
        })
    });
    match doc {
        Some(Ok(doc)) => {
            error.set(None);
            let label = format!("Keep {} in the design file", row.name);
            if app.apply(Edit::ReplaceMany { label, docs: vec![(row.id, doc)] }, false).is_some() {
                app.say(
                    format!(
                        "{} is kept in the design file ({} bytes); exports and share links \
                         never carry it.",
                        row.name,
                        content.len()
                    ),
                    false,
                );
            }
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    }
}

fn detach(app: AppState, row: &Row) {
    let doc = app.design.with_value(|d| d.get(row.id).map(artifact::without_attachment));
    if let Some(doc) = doc {
        let label = format!("Remove {} from the design file", row.name);
        app.apply(Edit::ReplaceMany { label, docs: vec![(row.id, doc)] }, false);
    }
}

/// The file inputs, or nothing when the design has no artifact.
#[component]
pub fn ArtifactFiles(session: Session) -> impl IntoView {
    let app = use_state();
    let artifacts = Memo::new(move |_| {
        app.content.track();
        app.design.with_value(|d| {
            d.of_kind(Kind::Artifact)
                .map(|r| Row {
                    id: r.id,
                    environment: r.environment().map(str::to_string),
                    name: r.name().to_string(),
                    file: artifact::file(r).unwrap_or("(no file named)").to_string(),
                    attached: artifact::content(r).map(|c| c.trim_end_matches('=').len() * 3 / 4),
                })
                .collect::<Vec<_>>()
        })
    });
    let cap = megabytes(artifact::MAX_ATTACHED as f64);
    move || {
        let list = artifacts.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="apply-artifacts" data-testid="apply-artifacts">
                    <p class="muted">"Artifact files to upload (read here, kept in this page only unless you keep them in the design file):"</p>
                    {list.into_iter().map(|row| {
                        let (env2, name2) = (row.environment.clone(), row.name.clone());
                        let chosen = Signal::derive(move || session.files.with(|f| {
                            f.iter().find(|(e, n, _)| *e == env2 && *n == name2).map(|(_, _, c)| c.len())
                        }));
                        let (env, name) = (row.environment.clone(), row.name.clone());
                        let on_change = move |e: leptos::ev::Event| {
                            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                            let (env, name) = (env.clone(), name.clone());
                            spawn_local(async move {
                                if let Some(bytes) = read(input).await {
                                    session.files.update(|f| {
                                        f.retain(|(e, n, _)| !(*e == env && *n == name));
                                        f.push((env, name, Arc::new(bytes)));
                                    });
                                    session.plan.set(None);
                                }
                            });
                        };
                        let error = RwSignal::new(None::<String>);
                        let attached = row.attached;
                        let (row_attach, row_detach) = (row.clone(), row.clone());
                        let size = move || match (chosen.get(), attached) {
                            (Some(n), _) => format!("{n} bytes chosen"),
                            (None, Some(n)) => format!("kept in the design file ({n} bytes): applies without picking it"),
                            (None, None) => "not chosen".into(),
                        };
                        view! {
                            <div class="field" data-testid="artifact-file" data-name=row.name.clone()
                                data-attached=attached.is_some().to_string()>
                                <label>
                                    <span class="field-label">{format!("{} ({})", row.name, row.file)}</span>
                                    <input type="file" data-testid="artifact-file-input" on:change=on_change />
                                </label>
                                <span class="field-help" data-testid="artifact-file-size">{size}</span>
                                {match attached {
                                    Some(_) => view! {
                                        <button class="button" data-testid="artifact-detach"
                                            title="Remove the file's content from the design file (its name and hash stay)"
                                            on:click=move |_| detach(app, &row_detach)>"Remove from the design file"</button>
                                    }.into_any(),
                                    None => view! {
                                        <button class="button" data-testid="artifact-attach"
                                            disabled=move || chosen.get().is_none()
                                            title=format!("Keep the chosen file in the design file (base64, up to {cap}) so the design applies elsewhere without picking it; exports and share links never carry it")
                                            on:click=move |_| attach(app, session, &row_attach, error)>
                                            "Keep this file in the design file"
                                        </button>
                                    }.into_any(),
                                }}
                                {move || error.get().map(|e| view! { <p class="apply-error" role="alert" data-testid="artifact-attach-error">{e}</p> })}
                            </div>
                        }
                    }).collect_view()}
                </div>
            }
        })
    }
}
