//! The authority's campaign (申领工作安排): its region's deadlines and what
//! happens after them, within the enclosing campaign; and the reminders it
//! sends to the region's staff.

use leptos::prelude::*;
use rules::api::campaign::{AuthorityCampaign, CampaignRequest};
use rules::{AfterDeadline, Campaign, Lang};

use crate::api::{self, ApiError, Shown};
use crate::components::field::Field;
use crate::components::loading::Loading;
use crate::components::reminders::SendReminders;
use crate::effect::effect;
use crate::i18n::campaign as t;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;

/// The campaign section of the authority's start page.
#[component]
pub fn CampaignSection(national: bool) -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(move || api::authority::campaign(lang.get_untracked()));
    view! {
        <section class="card" aria-labelledby="campaign-heading">
            <h2 id="campaign-heading">{tr(t::CAMPAIGN)}</h2>
            <Suspense fallback=|| view! { <Loading page=false /> }>
                {move || data.get().map(|result| match result {
                    Ok(campaign) => view! { <CampaignForm data=campaign national /> }.into_any(),
                    Err(err) => view! { <p role="alert">{err.message(lang.get_untracked())}</p> }.into_any(),
                })}
            </Suspense>
        </section>
        <SendReminders authority=true />
        <RegionFigures />
    }
}

/// The region and its last day (the authority's page counts no days: the
/// clock code would cost its download more than the count is worth).
fn summary(c: &Campaign, lang: Lang) -> String {
    format!(
        "{} · {}{}",
        c.name(lang),
        t::LICENCES_DUE.get(lang),
        lang.date(c.e_license_by)
    )
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

#[component]
fn CampaignForm(data: AuthorityCampaign, national: bool) -> impl IntoView {
    let lang = use_lang();
    let current = RwSignal::new(data);
    let c = current.get_untracked().in_force;
    let name_zh = RwSignal::new(c.name_zh.to_string());
    let name_en = RwSignal::new(c.name_en.to_string());
    let accounts = RwSignal::new(day(c.institution_accounts_by));
    let licences = RwSignal::new(c.e_license_by.to_string());
    let changes = RwSignal::new(day(c.registration_changes_by));
    let after = RwSignal::new(c.after_deadline);
    let errors: [(&str, RwSignal<Option<Shown>>); 4] = [
        ("name", RwSignal::new(None)),
        ("institution_accounts_by", RwSignal::new(None)),
        ("e_license_by", RwSignal::new(None)),
        ("registration_changes_by", RwSignal::new(None)),
    ];
    let message = RwSignal::new(None::<String>);
    let save = Submit::new(move |req: &CampaignRequest| {
        let req = req.clone();
        async move { api::authority::set_campaign(&req, lang.get_untracked()).await }
    });
    effect(move || match save.value().get() {
        Some(Ok(saved)) => {
            for (_, e) in errors {
                e.set(None);
            }
            current.set(saved);
            message.set(Some(t::CAMPAIGN_SAVED.get(lang.get_untracked()).into()));
        }
        Some(Err(err)) => {
            let err: ApiError = err;
            for (name, e) in errors {
                e.set(err.field(name));
            }
            message.set(Some(err.message(lang.get_untracked())));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        save.dispatch(CampaignRequest {
            name_zh: name_zh.get_untracked(),
            name_en: name_en.get_untracked(),
            institution_accounts_by: accounts.get_untracked(),
            e_license_by: licences.get_untracked(),
            registration_changes_by: changes.get_untracked(),
            after_deadline: after.get_untracked(),
        });
    };
    let [e_name, e_accounts, e_licences, e_changes] = errors.map(|(_, s)| s);
    let options = AfterDeadline::ALL
        .into_iter()
        .map(|a| {
            view! {
                <option value=a.code() selected=move || after.get() == a>{move || a.text(lang.get())}</option>
            }
        })
        .collect_view();
    view! {
        <p>
            {move || {
                let lang = lang.get();
                let c = current.get();
                let lead = if c.own { t::CAMPAIGN_OWN } else { t::CAMPAIGN_INHERITED };
                format!("{}{} {}", lead.get(lang), summary(&c.in_force, lang), c.in_force.after_deadline.text(lang))
            }}
        </p>
        {move || current.get().enclosing.map(|outer| view! {
            <p class="muted">{move || format!("{}{}", t::CAMPAIGN_WITHIN.get(lang.get()), summary(&outer, lang.get()))}</p>
        })}
        <form on:submit=on_submit novalidate>
            {(!national).then(|| view! {
                <Field id="region-name-zh" label=t::REGION_NAME_ZH value=name_zh server_error=e_name />
                <Field id="region-name-en" label=t::REGION_NAME_EN value=name_en />
            })}
            <Field id="accounts-by" label=t::ACCOUNTS_BY value=accounts kind="date" server_error=e_accounts />
            <Field id="licences-by" label=t::LICENCES_BY value=licences kind="date" server_error=e_licences />
            <Field id="changes-by" label=t::CHANGES_BY value=changes kind="date" server_error=e_changes />
            <div class="field">
                <label for="after-deadline">{tr(t::AFTER_DEADLINE)}</label>
                <select id="after-deadline" on:change=move |ev| {
                    if let Some(a) = AfterDeadline::from_code(&event_target_value(&ev)) {
                        after.set(a);
                    }
                }>
                    {options}
                </select>
            </div>
            <p class="form-error" role="status">{move || message.get()}</p>
            <button type="submit" class="button primary" disabled=move || save.pending().get()>
                {tr(t::SAVE_CAMPAIGN)}
            </button>
        </form>
    }
}

/// The region's reminders: people reminded, delivered, then applied.
#[component]
fn RegionFigures() -> impl IntoView {
    let lang = use_lang();
    let figures =
        LocalResource::new(move || api::authority::reminder_figures(lang.get_untracked()));
    view! {
        <section class="card" aria-labelledby="region-reminders-heading">
            <h2 id="region-reminders-heading">{tr(t::REGION_REMINDER_FIGURES)}</h2>
            <Suspense fallback=|| view! { <Loading page=false /> }>
                {move || figures.get().map(|result| match result {
                    Ok(f) => {
                        let rows = [
                            (i18n::REMINDED, f.sent),
                            (i18n::REMINDER_DELIVERED, f.delivered),
                            (i18n::REMINDED_THEN_APPLIED, f.applied),
                        ]
                        .into_iter()
                        .map(|(label, value)| view! { <div class="figure"><dt>{tr(label)}</dt><dd>{value}</dd></div> })
                        .collect_view();
                        view! { <dl class="figures">{rows}</dl> }.into_any()
                    }
                    Err(err) => view! { <p role="alert">{err.message(lang.get_untracked())}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
