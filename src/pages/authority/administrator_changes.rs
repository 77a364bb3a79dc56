//! The region's pending administrator changes: who asks, for whom, the
//! stamped receipt (a download), and the decision. A rejection needs a
//! reason, which the institution sees.

use leptos::prelude::*;
use rules::api::administrator_change::PendingAdministratorChange;
use rules::api::authority::IssuedPassword;

use crate::api;
use crate::components::loading::Loading;
use crate::effect::effect;
use crate::i18n::administrator_change as t;
use crate::i18n::authority as ta;
use crate::i18n::{tr, use_lang};
use crate::submit::Submit;

/// The section of pending requests.
#[component]
pub fn AdministratorChanges() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(move || api::administrator_change::pending(lang.get_untracked()));
    // What the last decision did, kept here: the list renders anew.
    let done = RwSignal::new(None::<(String, Option<IssuedPassword>)>);
    let reload = Callback::new(move |()| list.refetch());
    view! {
        <section class="card" aria-labelledby="admin-changes-heading">
            <h2 id="admin-changes-heading">{tr(t::PENDING_CHANGES)}</h2>
            <div role="status">
                {move || done.get().map(|(text, issued)| view! {
                    <p>{text}</p>
                    {issued.map(|p| view! {
                        <p>{tr(ta::ISSUED_PASSWORD)} " " {p.username.clone()} " / " <code>{p.initial_password.clone()}</code></p>
                    })}
                })}
            </div>
            <Suspense fallback=|| view! { <Loading page=false /> }>
                {move || list.get().map(|result| match result {
                    Ok(items) if items.is_empty() => view! { <p>{tr(t::NO_PENDING_CHANGES)}</p> }.into_any(),
                    Ok(items) => items
                        .into_iter()
                        .map(|item| view! { <ChangeItem item done reload /> })
                        .collect_view()
                        .into_any(),
                    Err(err) => view! { <p role="alert">{err.message(lang.get_untracked())}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ChangeItem(
    item: PendingAdministratorChange,
    done: RwSignal<Option<(String, Option<IssuedPassword>)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let id = item.id;
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let approve = Submit::new(move |_: &()| async move {
        api::administrator_change::approve(id, lang.get_untracked()).await
    });
    let reject = Submit::new(move |r: &String| {
        let r = r.clone();
        async move { api::administrator_change::reject(id, r, lang.get_untracked()).await }
    });
    effect(move || match approve.value().get() {
        Some(Ok(p)) => {
            done.set(Some((
                t::APPROVED_DONE.get(lang.get_untracked()).into(),
                Some(p),
            )));
            reload.run(());
        }
        Some(Err(e)) => error.set(Some(e.message(lang.get_untracked()))),
        None => {}
    });
    effect(move || match reject.value().get() {
        Some(Ok(())) => {
            done.set(Some((
                t::REJECTED_DONE.get(lang.get_untracked()).into(),
                None,
            )));
            reload.run(());
        }
        Some(Err(e)) => error.set(Some(
            e.field("reason")
                .map(|f| f.get(lang.get_untracked()))
                .unwrap_or_else(|| e.message(lang.get_untracked())),
        )),
        None => {}
    });
    let on_reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        reject.dispatch(reason.get_untracked());
    };
    let heading = format!("change-{id}");
    let labelled_by = heading.clone();
    let reason_id = format!("reject-reason-{id}");
    let busy = move || approve.pending().get() || reject.pending().get();
    let email = item.email_masked.clone().map(|e| format!(" · {e}"));
    view! {
        <section class="card nested" aria-labelledby=labelled_by>
            <h3 id=heading>{item.institution_name.clone()}</h3>
            <p class="muted">{item.division.clone()} " · " {tr(t::REQUESTED_BY)} " " {item.requested_by.clone()}</p>
            <p>
                {tr(t::NEW_ADMIN)} ": " <strong>{item.new_name.clone()}</strong>
                " · " {item.new_username.clone()} " · " {item.phone_masked.clone()} {email}
            </p>
            <p>
                <a class="button secondary" rel="external" download
                    href=format!("/api/v1/authority/administrator-changes/{id}/receipt")>
                    {tr(t::DOWNLOAD_RECEIPT)} " (" {item.receipt_type.clone()} ", " {format!("{} KB", (item.receipt_bytes + 1023) / 1024)} ")"
                </a>
            </p>
            <div class="actions">
                <button type="button" class="button primary"
                    aria-label=format!("{} {}", t::APPROVE.get(lang.get_untracked()), item.institution_name)
                    disabled=busy on:click=move |_| approve.dispatch(())>
                    {tr(t::APPROVE)}
                </button>
            </div>
            <form on:submit=on_reject novalidate>
                <div class="field">
                    <label for=reason_id.clone()>{tr(t::REASON)}</label>
                    <input id=reason_id type="text" maxlength="200"
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev)) />
                </div>
                <div class="form-error" role="alert">{move || error.get()}</div>
                <button type="submit" class="button secondary"
                    aria-label=format!("{} {}", t::REJECT.get(lang.get_untracked()), item.institution_name)
                    disabled=busy>
                    {tr(t::REJECT)}
                </button>
            </form>
        </section>
    }
}
