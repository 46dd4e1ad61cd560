//! The resource list.

use leptos::prelude::*;

use super::state::use_state;
use crate::core::model::Resource;

/// Every resource of the design, in import order.
#[component]
pub fn ResourcesPanel() -> impl IntoView {
    let state = use_state();
    let rows =
        move || state.imported.with(|i| i.design.resources.iter().map(row).collect::<Vec<_>>());
    view! {
        <div class="panel" data-testid="resources">
            <Show
                when=move || state.imported.with(|i| !i.design.resources.is_empty())
                fallback=|| view! { <p class="empty">"No resources yet: paste or drop manifests."</p> }
            >
                <table class="grid">
                    <thead>
                        <tr>
                            <th>"Kind"</th>
                            <th>"Name"</th>
                            <th>"Namespace / environment"</th>
                            <th>"Form"</th>
                            <th>"Source"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows().into_iter().map(|r| {
                            let (kind, name, scope, form, file, line) = r;
                            let label = match line {
                                Some(l) => format!("{file}:{l}"),
                                None => file.clone(),
                            };
                            view! {
                                <tr data-testid="resource-row">
                                    <td>{kind}</td>
                                    <td data-testid="resource-name">{name}</td>
                                    <td>{scope}</td>
                                    <td>{form}</td>
                                    <td>
                                        <button class="link" on:click=move |_| state.reveal(&file, line.unwrap_or(1))>
                                            {label}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </div>
    }
}

type Row = (String, String, String, String, String, Option<u32>);

fn row(r: &Resource) -> Row {
    let scope = r.namespace().or(r.environment()).unwrap_or("").to_string();
    let (file, line) =
        r.origin.as_ref().map_or((String::new(), None), |o| (o.file.clone(), o.line_of("")));
    (format!("{:?}", r.kind), r.name().to_string(), scope, format!("{:?}", r.form), file, line)
}
