//! The review queue: ID photos and title changes of the institution's
//! staff, approved or rejected with a reason the practitioner sees.

use leptos::prelude::*;
use rules::api::{AdminMe, ReviewDecision, ReviewItem, ReviewKind};

use crate::api;
use crate::components::field::Field;
use crate::components::loading::Loading;
use crate::components::session::AdminSignedIn;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::nav::InstitutionNav;
use crate::submit::Submit;
use crate::watch::watch;

/// The review queue page.
#[component]
pub fn Reviews() -> impl IntoView {
    view! { <AdminSignedIn render=|me: AdminMe| view! { <InstitutionNav me /> <Queue /> }.into_any() /> }
}

#[component]
fn Queue() -> impl IntoView {
    let lang = use_lang();
    let items = LocalResource::new(move || api::reviews(lang.get_untracked()));
    let message = RwSignal::new(None::<String>);
    view! {
        <section class="card" aria-labelledby="reviews-heading">
            <h1 id="reviews-heading">{tr(i18n::REVIEW_QUEUE)}</h1>
            <p role="status">{move || message.get()}</p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    items
                        .get()
                        .map(|result| match result {
                            Ok(list) if list.is_empty() => view! { <p>{tr(i18n::REVIEW_EMPTY)}</p> }.into_any(),
                            Ok(list) => {
                                let rows = list
                                    .into_iter()
                                    .map(|item| view! { <ReviewRow item items message /> })
                                    .collect_view();
                                view! { <ul class="staff-list">{rows}</ul> }.into_any()
                            }
                            Err(err) => view! { <p class="form-error" role="alert">{move || err.message(lang.get())}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn ReviewRow(
    item: ReviewItem,
    items: LocalResource<Result<Vec<ReviewItem>, api::ApiError>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let kind = item.kind;
    let account_id = item.account_id;
    let who = format!("{} ({})", item.name, item.username);
    let decide = Submit::new(move |approve: &bool| {
        let decision = ReviewDecision {
            approve: *approve,
            reason: (!*approve).then(|| reason.get_untracked().trim().to_string()),
        };
        async move { api::decide_review(kind, account_id, &decision, lang.get_untracked()).await }
    });
    let done_who = who.clone();
    watch(move || match decide.value().get() {
        Some(Ok(())) => {
            message.set(Some(format!(
                "{}{}",
                i18n::DECIDED.get(lang.get_untracked()),
                done_who
            )));
            items.refetch();
        }
        Some(Err(err)) => error.set(Some(err.message(lang.get_untracked()))),
        None => {}
    });
    let reason_id = format!("reason-{kind:?}-{account_id}").to_lowercase();
    let what = match kind {
        ReviewKind::Photo => i18n::REVIEW_PHOTO,
        ReviewKind::Title => i18n::REVIEW_TITLE,
    };
    let before = item.before;
    let after = item.after;
    let photo = item.photo_url.clone();
    let previous = item.previous_photo_url.clone();
    view! {
        <li class="staff-row">
            <h2 class="row-heading">{move || format!("{} · {}", what.get(lang.get()), who)}</h2>
            {(kind == ReviewKind::Title)
                .then(|| {
                    view! {
                        <dl class="details">
                            <div class="field">
                                <dt>{tr(i18n::BEFORE)}</dt>
                                <dd>{move || before.map(|t| t.label(lang.get())).unwrap_or_else(|| i18n::NONE.get(lang.get()))}</dd>
                            </div>
                            <div class="field">
                                <dt>{tr(i18n::AFTER)}</dt>
                                <dd>{move || after.map(|t| t.label(lang.get())).unwrap_or_default()}</dd>
                            </div>
                        </dl>
                    }
                })}
            {photo.map(|src| match previous {
                // Before and after, side by side, so the reviewer sees what changes.
                Some(before) => view! {
                    <div class="photo-compare">
                        <figure>
                            <img class="review-photo" src=before alt=move || i18n::PREVIOUS_PHOTO.get(lang.get()) width="179" height="220" />
                            <figcaption>{tr(i18n::PREVIOUS_PHOTO)}</figcaption>
                        </figure>
                        <figure>
                            <img class="review-photo" src=src alt=move || i18n::NEW_PHOTO.get(lang.get()) width="179" height="220" />
                            <figcaption>{tr(i18n::NEW_PHOTO)}</figcaption>
                        </figure>
                    </div>
                }
                .into_any(),
                None => view! { <img class="review-photo" src=src alt=move || i18n::REVIEW_PHOTO.get(lang.get()) width="179" height="220" /> }.into_any(),
            })}
            <Field id=reason_id label=i18n::REJECT_REASON value=reason />
            <div class="form-error" role="alert">{move || error.get()}</div>
            <div class="actions">
                <button type="button" class="button primary" disabled=move || decide.pending().get()
                    on:click=move |_| { decide.dispatch(true); }>
                    {tr(i18n::APPROVE)}
                </button>
                <button type="button" class="button danger" disabled=move || decide.pending().get()
                    on:click=move |_| {
                        if reason.get_untracked().trim().is_empty() {
                            error.set(Some(i18n::REJECT_REASON_REQUIRED.get(lang.get_untracked()).into()));
                        } else {
                            decide.dispatch(false);
                        }
                    }>
                    {tr(i18n::REJECT)}
                </button>
            </div>
        </li>
    }
}
