//! The "Apply" tab of the side column: connection settings, plan with diffs, apply with
//! progress, live status. All decisions are the core's ([`crate::core::cmf`]); this module
//! only holds the session's signals and renders them. The session is created by `<App/>`
//! ([`Session::provide`]) so that it outlives tab switches. The bearer token lives in a
//! signal for the page's lifetime only: it is never saved, exported or put in a link.

mod artifacts;
mod live;
mod savepoints;
mod settings;
mod steps;
mod transport;
mod upload;

use leptos::prelude::*;
use leptos::task::spawn_local;

use self::transport::BrowserTransport;
use super::state::{AppState, Panel, shared, use_state};
use crate::core::cmf::apply::{Event, apply_until};
use crate::core::cmf::endpoints::ObjectKey;
use crate::core::cmf::plan::{self, Plan};
use crate::core::cmf::{Client, Upload, state, status};
use crate::core::finding::Severity;
use crate::core::model::Kind;
use crate::core::review::Baseline;

/// Where a plan step stands during an apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepState {
    /// Not sent (yet).
    Waiting,
    /// Being sent.
    Running,
    /// Done; the server's answer.
    Applied(String),
    /// Failed; the message.
    Failed(String),
    /// Cut off by Cancel while its upload was under way; CMF did not get it.
    Cancelled(String),
    /// Not sent because an earlier step failed or the apply was cancelled.
    NotApplied,
}

/// The Apply tab's signals (`Copy`).
#[derive(Clone, Copy)]
pub struct Session {
    /// CMF base URL (an origin; the page's own by default).
    pub url: RwSignal<String>,
    /// Send a bearer token.
    pub bearer: RwSignal<bool>,
    /// The token (memory only).
    pub token: RwSignal<String>,
    /// Plan deletions of what the design does not have.
    pub delete_missing: RwSignal<bool>,
    /// Apply although the design has errors.
    pub override_errors: RwSignal<bool>,
    /// The current plan (cleared whenever the design changes).
    pub plan: RwSignal<Option<Plan>>,
    /// The objects of the design (for the status read-back).
    pub keys: RwSignal<Vec<ObjectKey>>,
    /// Progress per plan step.
    pub steps: RwSignal<Vec<StepState>>,
    /// A plan or connection error.
    pub error: RwSignal<Option<String>>,
    /// The apply's summary line.
    pub outcome: RwSignal<Option<String>>,
    /// Statuses read back after an apply: (object, state, savepoint schedule status).
    pub statuses: RwSignal<Vec<(String, String, Option<String>)>>,
    /// A request is under way.
    pub busy: RwSignal<bool>,
    /// Artifact files chosen in this session (memory only).
    pub files: RwSignal<Vec<artifacts::Chosen>>,
    /// Stop the apply before its next step.
    pub cancel: RwSignal<bool>,
    /// An apply (not a plan) is under way.
    pub applying: RwSignal<bool>,
    /// The artifact upload under way: bytes sent, and the request Cancel aborts.
    pub upload: upload::UploadWatch,
}

impl Session {
    /// Creates the session in the current (page-long) owner, provides it as context and
    /// drops the plan whenever the design's resources change: a plan is only valid for the
    /// design it was made for.
    pub fn provide(app: AppState) {
        let session = Self::new();
        Effect::new(move |_| {
            app.content.track();
            session.plan.set(None);
            session.outcome.set(None);
        });
        provide_context(session);
    }

    fn new() -> Self {
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        Session {
            url: RwSignal::new(origin),
            bearer: RwSignal::new(false),
            token: RwSignal::new(String::new()),
            delete_missing: RwSignal::new(false),
            override_errors: RwSignal::new(false),
            plan: RwSignal::new(None),
            keys: RwSignal::new(Vec::new()),
            steps: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            outcome: RwSignal::new(None),
            statuses: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            files: RwSignal::new(Vec::new()),
            cancel: RwSignal::new(false),
            applying: RwSignal::new(false),
            upload: upload::UploadWatch::new(),
        }
    }

    fn client(&self) -> Client<BrowserTransport> {
        let token = self.bearer.get_untracked().then(|| self.token.get_untracked());
        let transport = BrowserTransport::new(&self.url.get_untracked()).with_watch(self.upload);
        Client::new(transport).with_token(token)
    }

    fn make_plan(self, app: AppState) {
        let revision = app.content.get_untracked();
        let design = app.design.with_value(|d| d.clone());
        self.busy.set(true);
        self.error.set(None);
        self.outcome.set(None);
        self.statuses.set(Vec::new());
        let client = self.client();
        let delete_missing = self.delete_missing.get_untracked();
        let files = self.files.get_untracked();
        spawn_local(async move {
            let (mut desired, problems) = plan::desired(&design);
            for d in desired.iter_mut().filter(|d| d.key.kind == Kind::Artifact) {
                let chosen =
                    files.iter().find(|(e, n, _)| *e == d.key.environment && *n == d.key.name);
                if let Some((_, name, content)) = chosen {
                    let path = d.file.clone().unwrap_or_else(|| name.clone());
                    let file_name = path.rsplit('/').next().unwrap_or(name).to_string();
                    d.upload = Some(Upload { file_name, path, content: content.clone() });
                }
            }
            let result = if !problems.is_empty() {
                Err(problems.join("\n"))
            } else if desired.is_empty() {
                Err("The design has no CMF object to apply (environment, application, compute \
                     pool, statement, catalog, database, secret or secret mapping)."
                    .to_string())
            } else {
                state::read(&client, &plan::scope(&desired))
                    .await
                    .map(|server| plan::plan(&desired, &server, delete_missing))
                    .map_err(|e| e.to_string())
                    .and_then(|p| {
                        if p.problems.is_empty() { Ok(p) } else { Err(p.problems.join("\n")) }
                    })
            };
            let changed = app.content.try_get_untracked().is_some_and(|r| r != revision);
            match result {
                Ok(_) if changed => {
                    self.error.set(Some("The design changed while planning: plan again.".into()))
                }
                Ok(p) => {
                    self.steps.set(vec![StepState::Waiting; p.steps.len()]);
                    self.keys.set(desired.into_iter().map(|d| d.key).collect());
                    self.plan.set(Some(p));
                }
                Err(e) => self.error.set(Some(e)),
            }
            self.busy.set(false);
        });
    }

    /// Reads what CMF has of the design's environments and catalogs and makes it the
    /// Review tab's baseline (the design as deployed).
    fn compare(self, app: AppState) {
        let design = app.design.with_value(|d| d.clone());
        self.busy.set(true);
        self.error.set(None);
        let client = self.client();
        spawn_local(async move {
            let (desired, _) = plan::desired(&design);
            let result = if desired.is_empty() {
                Err("The design has no CMF object, so there is nothing to read from CMF.".into())
            } else {
                state::read(&client, &plan::scope(&desired)).await.map_err(|e| e.to_string())
            };
            match result {
                Ok(server) => {
                    let label = format!("CMF at {}", client.base_url());
                    let mut b = Baseline::new(label.clone());
                    b.add_cmf(&server, &label);
                    b.finish(None, None);
                    app.baseline.set(Some(shared(b)));
                    app.panel.set(Panel::Review);
                    app.say(format!("Comparing with what {label} has."), false);
                }
                Err(e) => self.error.set(Some(e)),
            }
            self.busy.set(false);
        });
    }

    fn run_apply(self) {
        let Some(p) = self.plan.get_untracked() else { return };
        self.busy.set(true);
        self.applying.set(true);
        self.cancel.set(false);
        self.outcome.set(None);
        let client = self.client();
        let keys = self.keys.get_untracked();
        let steps = self.steps;
        let cancel = self.cancel;
        spawn_local(async move {
            let stop = move || cancel.get_untracked();
            let report = apply_until(
                &client,
                &p,
                |event| match event {
                    Event::Started(i) => steps.update(|s| s[*i] = StepState::Running),
                    Event::Applied(i, a) => steps.update(|s| {
                        s[*i] = StepState::Applied(format!("{} {}", a.status, a.summary))
                    }),
                    Event::Failed(i, e) => {
                        steps.update(|s| s[*i] = StepState::Failed(e.to_string()))
                    }
                    Event::Interrupted(i, e) => {
                        steps.update(|s| s[*i] = StepState::Cancelled(e.reason()))
                    }
                },
                stop,
            )
            .await;
            steps.update(|s| {
                report
                    .not_applied
                    .iter()
                    .filter(|i| report.interrupted != Some(**i))
                    .for_each(|i| s[*i] = StepState::NotApplied)
            });
            self.applying.set(false);
            let name = |i: usize| p.steps[i].key.to_string();
            self.outcome.set(Some(match &report.failed {
                None if report.interrupted.is_some() => format!(
                    "Cancelled during the upload of {}: it was cut off, so CMF did not store \
                     it. {} step(s) applied whole; {} not applied (the upload and every step \
                     after it, among them what uses the artifact). Plan and apply again to \
                     continue where it stopped.",
                    name(report.interrupted.unwrap_or_default()),
                    report.applied.len(),
                    report.not_applied.len()
                ),
                None if report.cancelled => format!(
                    "Cancelled: {} step(s) applied whole, {} not sent. Plan and apply again to \
                     continue where it stopped.",
                    report.applied.len(),
                    report.not_applied.len()
                ),
                None => format!("Applied {} step(s).", report.applied.len()),
                Some(_) => format!(
                    "Stopped at the first failure: {} applied, {} not applied. Fix the cause, \
                     then plan and apply again: it picks up where it stopped.",
                    report.applied.len(),
                    report.not_applied.len() + 1
                ),
            }));
            // Only what the server has: objects whose step was not sent are not read back.
            let skipped: Vec<&ObjectKey> = report
                .not_applied
                .iter()
                .chain(report.failed.as_ref().map(|(i, _)| i))
                .filter(|i| p.steps[**i].action == plan::Action::Create)
                .map(|i| &p.steps[*i].key)
                .collect();
            let keys: Vec<ObjectKey> = keys.into_iter().filter(|k| !skipped.contains(&k)).collect();
            let live = status::read(&client, &keys).await;
            // The plan cards show the schedules as they are now, after the apply.
            let schedules: Vec<_> =
                live.iter().filter_map(|l| Some((l.key.clone(), l.schedule.clone()?))).collect();
            if !schedules.is_empty() {
                self.plan.update(|p| {
                    if let Some(p) = p {
                        p.schedules = schedules;
                    }
                });
            }
            self.statuses.set(
                live.into_iter()
                    .map(|l| {
                        let state = l.state.unwrap_or_else(|e| format!("unknown: {e}"));
                        let detail = l.detail.map(|d| format!(" ({d})")).unwrap_or_default();
                        let schedule = l.schedule.map(|s| s.to_string());
                        (l.key.to_string(), format!("{state}{detail}"), schedule)
                    })
                    .collect(),
            );
            self.busy.set(false);
        });
    }
}

/// The Apply tab's content (the session comes from [`Session::provide`]).
#[component]
pub fn ApplyPanel() -> impl IntoView {
    let app = use_state();
    let session = expect_context::<Session>();
    let errors = Memo::new(move |_| {
        app.findings.with(|f| f.0.iter().filter(|x| x.severity == Severity::Error).count())
    });
    let plan_click = move |_| session.make_plan(app);
    let refused = move || errors.get() > 0 && !session.override_errors.get();
    // Findings come from the validation worker: apply only once they match the design.
    let checking = move || app.checked.get() != app.content.get();
    let can_apply = move || {
        !session.busy.get()
            && !checking()
            && !refused()
            && session.plan.with(|p| p.as_ref().is_some_and(|p| p.pending() > 0))
            && session.steps.with(|s| s.iter().all(|x| *x == StepState::Waiting))
    };
    view! {
        <div class="panel apply-panel" data-testid="apply-panel">
            <h2>"Apply to CMF"</h2>
            <div class="apply-body">
                <settings::Settings session=session />
                <artifacts::ArtifactFiles session=session />
                <div class="toolbar">
                    <button class="button" data-testid="apply-plan" disabled=move || session.busy.get()
                        on:click=plan_click>"Plan"</button>
                    <button class="button" data-testid="apply-apply" disabled=move || !can_apply()
                        on:click=move |_| session.run_apply()>"Apply"</button>
                    <button class="button" data-testid="apply-compare" disabled=move || session.busy.get()
                        title="Review the design against what CMF runs now: what happens to every statement and application, and whether its state survives"
                        on:click=move |_| session.compare(app)>"Compare in Review"</button>
                    <Show when=move || session.applying.get()>
                        <button class="button" data-testid="apply-cancel" disabled=move || session.cancel.get()
                            title="Stops the apply: an upload still sending is cut off (CMF stores nothing of it); any other step under way is finished, and nothing after it is sent"
                            on:click=move |_| {
                                session.cancel.set(true);
                                session.upload.abort();
                            }>"Cancel"</button>
                    </Show>
                    <span class="muted" role="status" data-testid="apply-busy">
                        {move || {
                            if session.busy.get() {
                                Some("Talking to CMF…")
                            } else {
                                checking().then_some("Checking the design…")
                            }
                        }}
                    </span>
                </div>
                <Show when=move || errors.get() != 0>
                    <p class="apply-refusal" data-testid="apply-refusal">
                        {move || format!("The design has {} error finding(s): applying is refused.", errors.get())}
                        <label>
                            <input type="checkbox" data-testid="apply-override"
                                prop:checked=move || session.override_errors.get()
                                on:change=move |e| session.override_errors.set(event_target_checked(&e)) />
                            " Apply anyway (I know what the errors mean)"
                        </label>
                    </p>
                </Show>
                {move || session.error.get().map(|e| view! { <pre class="apply-error" data-testid="apply-error">{e}</pre> })}
                <steps::Steps session=session />
                {move || session.outcome.get().map(|o| view! { <p data-testid="apply-outcome">{o}</p> })}
                <live::Live session=session />
                <savepoints::Savepoints session=session />
            </div>
        </div>
    }
}
