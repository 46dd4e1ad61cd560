//! Version pre-flight in the Review tab: pick the operator, CMF or Flink version to move
//! to and read what breaks — jobs the new operator no longer runs first, then findings
//! that appear and disappear, then the configuration keys a Flink move renames or removes,
//! with a one-click rewrite (one undo step). Everything comes from `review::preflight`.

use leptos::prelude::*;

use super::analysis;
use super::state::{Shared, shared, use_state};
use crate::core::edit::Edit;
use crate::core::finding::Finding;
use crate::core::flink::version::{self, CMF_RELEASES, FKO_RELEASES, FlinkVersion};
use crate::core::review::preflight::{self, KeyFate, Preflight};
use crate::core::targets::Version;

fn finding_item(f: &Finding) -> impl IntoView + use<> {
    let who = f.resource.as_ref().map(|r| format!("{}/{} ", r.kind, r.name)).unwrap_or_default();
    view! {
        <li class=format!("sev {}", f.severity.as_str()) data-rule=f.rule.clone()>
            <b>{f.rule.clone()}</b>" " {who} {f.message.clone()}
        </li>
    }
}

/// The pre-flight section.
#[component]
pub fn PreflightSection() -> impl IntoView {
    let state = use_state();
    let fko = RwSignal::new(String::new());
    let cmf = RwSignal::new(String::new());
    let flink = RwSignal::new(String::new());
    let current = Memo::new(move |_| {
        state.content.track();
        state.design.with_value(analysis::targets)
    });
    let result = Memo::new(move |_| -> Option<Shared<(Preflight, String)>> {
        state.content.track();
        let (f, c, fl) = (fko.get(), cmf.get(), flink.get());
        if f.is_empty() && c.is_empty() && fl.is_empty() {
            return None;
        }
        let from = current.get();
        let mut to = from;
        if let Some(v) = Version::parse(&f) {
            to.fko = v;
        }
        if let Some(v) = Version::parse(&c) {
            to.cmf = v;
        }
        let target = FlinkVersion::parse(&fl);
        let label = target.map(|v| v.to_string()).unwrap_or_default();
        Some(
            state
                .design
                .with_value(|d| shared((preflight::check(d, from, to, target, &[]), label))),
        )
    });
    let option = |value: String, text: String| view! { <option value=value>{text}</option> };
    let fko_options = FKO_RELEASES
        .iter()
        .map(|r| option(r.release.to_string(), format!("FKO {}", r.release.minor_text())))
        .collect_view();
    let cmf_options = CMF_RELEASES
        .iter()
        .map(|r| option(r.release.to_string(), format!("CMF {}", r.release.minor_text())))
        .collect_view();
    let flink_options = move || {
        let crd = version::fko(current.get().fko).crd_enum();
        crd.into_iter()
            .filter(|v| *v >= version::CATALOG[0])
            .map(|v| option(v.to_string(), format!("Flink {v}")))
            .collect_view()
    };
    let rewrite = move |_| {
        let Some(r) = result.get_untracked() else { return };
        let (p, label) = &*r.0;
        let docs = state.design.with_value(|d| preflight::rewrite(d, &p.keys));
        if docs.is_empty() {
            return;
        }
        let n = p.keys.iter().filter(|k| k.replacement.is_some()).count();
        let edit = Edit::ReplaceMany {
            label: format!("Rewrite {n} configuration keys for Flink {label}"),
            docs,
        };
        if state.apply(edit, false).is_some() {
            state.say(
                format!("Rewrote the configuration keys for Flink {label} (Ctrl+Z undoes it)."),
                false,
            );
        }
    };
    let body = move || {
        result.get().map(|r| {
            let (p, label) = &*r.0;
            let stranded = p.stranded.iter().map(|s| view! {
                <li class="sev error" data-testid="preflight-stranded">
                    <b>{format!("{}/{}", s.resource.kind, s.resource.name)}</b>" runs " {s.flink.clone()} ": " {s.why.clone()}
                </li>
            }).collect_view();
            let appeared = p.appeared.iter().map(finding_item).collect_view();
            let disappeared = p.disappeared.iter().map(finding_item).collect_view();
            let keys = p.keys.iter().map(|k| {
                let fate = match k.fate {
                    KeyFate::Renamed => "renamed",
                    KeyFate::Removed => "removed",
                    KeyFate::RemovedWithoutReplacement => "removed, no replacement",
                };
                view! {
                    <tr data-testid="preflight-key" data-key=k.key.clone()>
                        <td>{format!("{}/{}", k.resource.kind, k.resource.name)}</td>
                        <td><code>{k.key.clone()}</code></td>
                        <td>{fate}</td>
                        <td><code>{k.replacement.clone().unwrap_or_default()}</code></td>
                    </tr>
                }
            }).collect_view();
            let rewritable = p.keys.iter().filter(|k| k.replacement.is_some()).count();
            let has_keys = !p.keys.is_empty();
            let (a, d, s) = (p.appeared.len(), p.disappeared.len(), p.stranded.len());
            let note = (!label.is_empty()).then(|| view! {
                <p class="hint">{format!("Set flinkVersion and an image of Flink {label} on the jobs yourself; the list below assumes both.")}</p>
            });
            view! {
                <p data-testid="preflight-summary" data-stranded=s.to_string() data-appeared=a.to_string() data-disappeared=d.to_string()>
                    {format!("{s} job(s) the new operator does not run · {a} finding(s) appear · {d} disappear")}
                </p>
                <ul class="preflight-list">{stranded}</ul>
                {note}
                <details open=true><summary>{format!("Appear ({a})")}</summary><ul class="preflight-list" data-testid="preflight-appeared">{appeared}</ul></details>
                <details><summary>{format!("Disappear ({d})")}</summary><ul class="preflight-list" data-testid="preflight-disappeared">{disappeared}</ul></details>
                {has_keys.then(|| view! {
                    <table class="preflight-keys"><tr><th>"Resource"</th><th>"Key"</th><th>"In the new version"</th><th>"Replacement"</th></tr>{keys}</table>
                    <button class="button" data-testid="preflight-rewrite" disabled=rewritable == 0 on:click=rewrite>
                        {format!("Rewrite {rewritable} key(s)")}
                    </button>
                })}
            }
        })
    };
    view! {
        <section class="preflight" data-testid="preflight">
            <h3>"Version pre-flight"</h3>
            <p class="hint">{move || { let t = current.get(); format!("The design targets FKO {}, CMF {}. Move to:", t.fko.minor_text(), t.cmf.minor_text()) }}</p>
            <div class="review-bar">
                <select class="button" data-testid="preflight-fko" on:change=move |e| fko.set(event_target_value(&e))>
                    <option value="">"Operator: as now"</option>{fko_options}
                </select>
                <select class="button" data-testid="preflight-cmf" on:change=move |e| cmf.set(event_target_value(&e))>
                    <option value="">"CMF: as now"</option>{cmf_options}
                </select>
                <select class="button" data-testid="preflight-flink" on:change=move |e| flink.set(event_target_value(&e))>
                    <option value="">"Flink: as now"</option>{flink_options}
                </select>
            </div>
            {body}
        </section>
    }
}
