//! The artifact files of an apply: one file input per artifact of the design whose file
//! the browser must be given (it cannot read the path the design names). The content
//! stays in the page's memory for this session: never stored, exported or shared.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::Session;
use crate::core::model::{Kind, artifact};
use crate::ui::state::use_state;

/// A chosen file: (environment, artifact name) → content.
pub type Chosen = (Option<String>, String, Arc<Vec<u8>>);

async fn read(input: web_sys::HtmlInputElement) -> Option<Vec<u8>> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The file inputs, or nothing when the design has no artifact.
#[component]
pub fn ArtifactFiles(session: Session) -> impl IntoView {
    let app = use_state();
    let artifacts = Memo::new(move |_| {
        app.content.track();
        app.design.with_value(|d| {
            d.of_kind(Kind::Artifact)
                .map(|r| {
                    let file = artifact::file(r).unwrap_or("(no file named)").to_string();
                    (r.environment().map(str::to_string), r.name().to_string(), file)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = artifacts.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="apply-artifacts" data-testid="apply-artifacts">
                    <p class="muted">"Artifact files to upload (read here, kept in this page only):"</p>
                    {list.into_iter().map(|(env, name, file)| {
                        let (env2, name2, label_name) = (env.clone(), name.clone(), name.clone());
                        let chosen = move || session.files.with(|f| {
                            f.iter().find(|(e, n, _)| *e == env2 && *n == name2).map(|(_, _, c)| c.len())
                        });
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
                        view! {
                            <label class="field" data-testid="artifact-file" data-name=label_name.clone()>
                                <span class="field-label">{format!("{label_name} ({file})")}</span>
                                <input type="file" data-testid="artifact-file-input" on:change=on_change />
                                <span class="field-help" data-testid="artifact-file-size">
                                    {move || chosen().map(|n| format!("{n} bytes chosen")).unwrap_or_else(|| "not chosen".into())}
                                </span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            }
        })
    }
}
