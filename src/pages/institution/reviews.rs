//! The review queue: ID photos and title changes of the institution's
//! staff, approved or rejected with a reason the practitioner sees. Photos
//! are decided in bulk from a page of the list, or one at a time (a phone
//! in one hand, or the keyboard at a desk); each decision is audited on the
//! server one by one.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rules::api::{
    BulkReviewDecision, BulkReviewOutcome, ReviewDecision, ReviewItem, ReviewKind, ReviewQueue,
};
use rules::photo_rejection::PhotoRejection;

use crate::api;
use crate::components::details::detail_in;
use crate::components::field::Field;
use crate::components::first_screen::{after_next_paint, first_screen_first};
use crate::components::load_error::Loaded;
use crate::components::pager::{page_count, page_in, Pager};
use crate::effect::effect;
use crate::go::keep_in_address;
use crate::i18n::{self, tr, use_lang, Text};
use crate::pages::institution::nav::AdminPage;
use crate::submit::Submit;

/// The review queue page.
#[component]
pub fn Reviews() -> impl IntoView {
    view! { <AdminPage><Queue /></AdminPage> }
}

/// Items per page of the list: enough to select and approve many at once,
/// few enough for a phone's DOM.
const LIST_PER_PAGE: u32 = 50;

/// The common reason chosen (`""`: none yet, `"other"`: typed).
fn common_reason(code: &str) -> Option<PhotoRejection> {
    PhotoRejection::ALL.into_iter().find(|r| r.code() == code)
}

/// The decision on `ids` with the reason chosen or typed; `Err` when a
/// rejection has no reason.
fn bulk_decision(
    ids: Vec<i64>,
    approve: bool,
    choice: &str,
    typed: &str,
) -> Result<BulkReviewDecision, ()> {
    let reason_code = common_reason(choice);
    let reason = (!typed.trim().is_empty()).then(|| typed.trim().to_string());
    if !approve && reason_code.is_none() && reason.is_none() {
        return Err(());
    }
    Ok(BulkReviewDecision {
        account_ids: ids,
        approve,
        reason_code: if approve { None } else { reason_code },
        reason: if approve || reason_code.is_some() {
            None
        } else {
            reason
        },
    })
}

/// The reason picker shared by both views: the common reasons, or a typed one.
#[component]
fn ReasonPicker(choice: RwSignal<String>, typed: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="form-field">
            <label for="common-reason">{tr(i18n::COMMON_REASON)}</label>
            <select id="common-reason" on:change=move |ev| choice.set(event_target_value(&ev))>
                <option value="" selected=move || choice.with(String::is_empty)>"—"</option>
                {PhotoRejection::ALL
                    .into_iter()
                    .map(|r| {
                        view! {
                            <option value=r.code() selected=move || choice.with(|c| c == r.code())>
                                {move || r.text(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
                <option value="other" selected=move || choice.with(|c| c == "other")>{tr(i18n::OTHER_REASON)}</option>
            </select>
        </div>
        <Show when=move || choice.with(|c| c == "other")>
            <Field id="typed-reason" label=i18n::REJECT_REASON value=typed />
        </Show>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let lang = use_lang();
    // Page and view live in the address, so a refresh keeps the place.
    let address = use_query_map().get_untracked();
    let page = page_in(&address);
    let one_by_one = RwSignal::new(address.get("view").as_deref() == Some("one"));
    keep_in_address("/institution/reviews", move || {
        match (one_by_one.get(), page.get()) {
            (true, _) => "view=one".into(),
            (false, 1) => String::new(),
            (false, n) => format!("page={n}"),
        }
    });
    let items = LocalResource::new(move || {
        // One by one shows photos only, oldest first; the list pages both kinds.
        let q = if one_by_one.get() {
            "kind=photo&per_page=20".to_string()
        } else {
            format!("per_page={LIST_PER_PAGE}&page={}", page.get())
        };
        async move { api::reviews(&q, lang.get_untracked()).await }
    });
    let message = RwSignal::new(None::<String>);
    let queue_view = move |q: ReviewQueue| {
        if q.total == 0 {
            view! { <p>{tr(i18n::REVIEW_EMPTY)}</p> }.into_any()
        } else if one_by_one.get_untracked() {
            view! { <OneByOne queue=q items message /> }.into_any()
        } else {
            view! { <BulkList queue=q items message page /> }.into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="reviews-heading">
            <h1 id="reviews-heading">{tr(i18n::REVIEW_QUEUE)}</h1>
            <div class="actions" role="group" aria-label=move || i18n::REVIEW_QUEUE.get(lang.get())>
                <button type="button" class="button secondary" aria-pressed=move || (!one_by_one.get()).to_string()
                    on:click=move |_| one_by_one.set(false)>{tr(i18n::LIST_VIEW)}</button>
                <button type="button" class="button secondary" aria-pressed=move || one_by_one.get().to_string()
                    on:click=move |_| one_by_one.set(true)>{tr(i18n::ONE_BY_ONE)}</button>
            </div>
            <p role="status">{move || message.get()}</p>
            <Loaded data=items render=queue_view />
        </section>
    }
}

type QueueResource = LocalResource<Result<ReviewQueue, api::ApiError>>;

/// What a bulk answer says, in the admin's language.
fn outcome_text(out: &BulkReviewOutcome, lang: rules::Lang) -> String {
    let mut text = format!("{}{}", i18n::BULK_DONE.get(lang), out.decided.len());
    if !out.skipped.is_empty() {
        text.push_str(&format!(
            "{}{}",
            i18n::BULK_SKIPPED.get(lang),
            out.skipped.len()
        ));
    }
    text
}

type BulkSubmit = Submit<BulkReviewDecision, Result<BulkReviewOutcome, api::ApiError>>;

/// Sends decisions on many items of one kind at once: the answer is said in
/// `message` and `done` runs; a refusal is shown in `error`.
fn bulk_submit(
    kind: ReviewKind,
    message: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    done: Callback<()>,
) -> BulkSubmit {
    let lang = use_lang();
    let decide = Submit::new(move |req: &BulkReviewDecision| {
        let req = req.clone();
        async move {
            let lang = lang.get_untracked();
            match kind {
                ReviewKind::Photo => api::decide_photos(&req, lang).await,
                ReviewKind::Title => api::decide_titles(&req, lang).await,
            }
        }
    });
    effect(move || match decide.value().get() {
        Some(Ok(out)) => {
            message.set(Some(outcome_text(&out, lang.get_untracked())));
            done.run(());
        }
        Some(Err(err)) => error.set(Some(err.message(lang.get_untracked()))),
        None => {}
    });
    decide
}

/// The page as a list: photos selected and decided together, title changes
/// too (or one at a time below them).
#[component]
fn BulkList(
    queue: ReviewQueue,
    items: QueueResource,
    message: RwSignal<Option<String>>,
    page: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let ids = |kind: ReviewKind| -> Vec<i64> {
        queue
            .items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.account_id)
            .collect()
    };
    let (photo_ids, title_ids) = (ids(ReviewKind::Photo), ids(ReviewKind::Title));
    let photos_selected = RwSignal::new(Vec::<i64>::new());
    let titles_selected = RwSignal::new(Vec::<i64>::new());
    let bar = |kind: ReviewKind, ids: Vec<i64>, selected: RwSignal<Vec<i64>>| {
        (!ids.is_empty()).then(|| view! { <BulkBar kind ids selected items message /> })
    };
    let photo_bar = bar(ReviewKind::Photo, photo_ids, photos_selected);
    let title_bar = bar(ReviewKind::Title, title_ids, titles_selected);
    let pages = page_count(queue.total, queue.per_page);
    let photos = queue.photos;
    let shown = after_next_paint();
    let rows = first_screen_first(queue.items, move |item| match item.kind {
        ReviewKind::Photo => view! { <PhotoRow item selected=photos_selected shown /> }.into_any(),
        ReviewKind::Title => {
            view! { <TitleRow item items message selected=titles_selected /> }.into_any()
        }
    });
    view! {
        <p class="muted">{move || format!("{}{}", i18n::WAITING_PHOTOS.get(lang.get()), photos)}</p>
        {photo_bar}
        {title_bar}
        <ul class="staff-list">{rows}</ul>
        <Pager page pages />
    }
}

/// A row's checkbox, named after what it selects (`what`) and whose it is:
/// it puts the row's item in the bulk selection or takes it out.
fn select_box(id: i64, selected: RwSignal<Vec<i64>>, what: Text, who: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="choice">
            <input type="checkbox" prop:checked=move || selected.with(|s| s.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| {
                        s.retain(|x| *x != id);
                        if on { s.push(id); }
                    });
                } />
            <span>{move || format!("{} {}", what.get(lang.get()), who)}</span>
        </label>
    }
}

/// A photo of the list: a checkbox named after the person, and the photo
/// (beside the approved one it replaces), loaded once `shown`: on a slow
/// phone each photo's request and decoding take the main thread, and a
/// dozen of them (the browser loads lazy images well below the screen on a
/// slow network) held the first rows back by about 0.15 s at 4x CPU.
#[component]
fn PhotoRow(item: ReviewItem, selected: RwSignal<Vec<i64>>, shown: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let who = format!("{} ({})", item.name, item.username);
    let heading_who = who.clone();
    view! {
        <li class="staff-row">
            <h2 class="row-heading">{move || format!("{} · {}", i18n::REVIEW_PHOTO.get(lang.get()), heading_who)}</h2>
            {select_box(item.account_id, selected, i18n::SELECT_PHOTO, who)}
            <Photos item shown />
        </li>
    }
}

/// The photo under review, beside the approved one it replaces; their
/// addresses are set once `shown`.
#[component]
fn Photos(item: ReviewItem, shown: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let photo = item.photo_url.clone();
    let previous = item.previous_photo_url.clone();
    let when_shown = move |url: String| move || shown.get().then(|| url.clone());
    photo.map(|src| match previous {
        // Before and after, side by side, so the reviewer sees what changes.
        Some(before) => view! {
            <div class="photo-compare">
                <figure>
                    <img class="review-photo" src=when_shown(before) alt=move || i18n::PREVIOUS_PHOTO.get(lang.get()) width="179" height="220" loading="lazy" decoding="async" />
                    <figcaption>{tr(i18n::PREVIOUS_PHOTO)}</figcaption>
                </figure>
                <figure>
                    <img class="review-photo" src=when_shown(src.clone()) alt=move || i18n::NEW_PHOTO.get(lang.get()) width="179" height="220" loading="lazy" decoding="async" />
                    <figcaption>{tr(i18n::NEW_PHOTO)}</figcaption>
                </figure>
            </div>
        }
        .into_any(),
        None => view! { <img class="review-photo" src=when_shown(src) alt=move || i18n::REVIEW_PHOTO.get(lang.get()) width="179" height="220" loading="lazy" decoding="async" /> }.into_any(),
    })
}

/// One photo at a time, large, with two big buttons (a phone held in one
/// hand) and the keys A, R and N (a desk); the next photo is already loaded.
#[component]
fn OneByOne(
    queue: ReviewQueue,
    items: QueueResource,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let list = StoredValue::new(queue.items);
    let at = RwSignal::new(0usize);
    let choice = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let next = move || {
        let len = list.with_value(Vec::len);
        if at.get_untracked() + 1 >= len {
            // The page is done: the queue's oldest photos come next.
            items.refetch();
        } else {
            at.update(|i| *i += 1);
        }
        error.set(None);
    };
    let decide = bulk_submit(
        ReviewKind::Photo,
        message,
        error,
        Callback::new(move |()| next()),
    );
    let send = move |approve: bool| {
        let Some(id) = list.with_value(|l| l.get(at.get_untracked()).map(|i| i.account_id)) else {
            return;
        };
        match bulk_decision(
            vec![id],
            approve,
            &choice.get_untracked(),
            &typed.get_untracked(),
        ) {
            Ok(req) => decide.dispatch(req),
            Err(()) => {
                error.set(Some(
                    i18n::REJECT_REASON_REQUIRED
                        .get(lang.get_untracked())
                        .into(),
                ));
                if let Some(el) = document().get_element_by_id("common-reason") {
                    use wasm_bindgen::JsCast;
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        }
    };
    // Keys for a desk; ignored while typing a reason or choosing one.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| {
                use wasm_bindgen::JsCast;
                t.dyn_into::<web_sys::Element>().ok()
            })
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.alt_key()
            || decide.pending().get_untracked()
        {
            return;
        }
        match ev.key().as_str() {
            "a" | "A" => send(true),
            "r" | "R" => send(false),
            "n" | "N" => next(),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    let current = move || list.with_value(|l| l.get(at.get()).cloned());
    let upcoming =
        move || list.with_value(|l| l.get(at.get() + 1).and_then(|i| i.photo_url.clone()));
    let total = queue.total;
    view! {
        <p class="muted">{tr(i18n::KEYBOARD_HINT)}</p>
        <p class="muted">{move || format!("{}{}", i18n::WAITING_PHOTOS.get(lang.get()), total)}</p>
        {move || current().map(|item| {
            let who = format!("{} ({})", item.name, item.username);
            let label = who.clone();
            view! {
                <article class="one-by-one" aria-label=label>
                    <h2 class="row-heading">{who}</h2>
                    <Photos item shown=Signal::derive(|| true) />
                </article>
            }
        })}
        // The next photo, fetched now so it shows at once.
        {move || upcoming().map(|src| view! {
            <img src=src alt="" aria-hidden="true" width="1" height="1"
                style="position:absolute;width:1px;height:1px;opacity:0;pointer-events:none" />
        })}
        <ReasonPicker choice typed />
        <div class="form-error" role="alert">{move || error.get()}</div>
        <div class="actions big-buttons">
            <button type="button" class="button primary" disabled=move || decide.pending().get()
                on:click=move |_| send(true)>{tr(i18n::APPROVE)}</button>
            <button type="button" class="button danger" disabled=move || decide.pending().get()
                on:click=move |_| send(false)>{tr(i18n::REJECT)}</button>
            <button type="button" class="button secondary" on:click=move |_| next()>{tr(i18n::NEXT_ITEM)}</button>
        </div>
    }
}

/// The bar that decides the page's selected items of one kind together:
/// select the whole page, how many are selected, the reason of a refusal
/// (photos: a common reason or a typed one; title changes: typed, the common
/// reasons being about photos), approve or reject. The server audits each
/// decision and skips those decided meanwhile.
#[component]
fn BulkBar(
    kind: ReviewKind,
    ids: Vec<i64>,
    selected: RwSignal<Vec<i64>>,
    items: QueueResource,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let photos = kind == ReviewKind::Photo;
    let count = ids.len();
    let all_ids = StoredValue::new(ids);
    // Title changes are refused with a typed reason only.
    let choice = RwSignal::new(if photos {
        String::new()
    } else {
        "other".into()
    });
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = Callback::new(move |()| {
        selected.set(Vec::new());
        items.refetch();
    });
    let decide = bulk_submit(kind, message, error, done);
    let send = move |approve: bool| {
        let ids = selected.get_untracked();
        if ids.is_empty() {
            return;
        }
        match bulk_decision(
            ids,
            approve,
            &choice.get_untracked(),
            &typed.get_untracked(),
        ) {
            Ok(req) => {
                error.set(None);
                decide.dispatch(req);
            }
            Err(()) => error.set(Some(
                i18n::REJECT_REASON_REQUIRED
                    .get(lang.get_untracked())
                    .into(),
            )),
        }
    };
    let (approve, reject, select_page) = if photos {
        (
            i18n::APPROVE_SELECTED,
            i18n::REJECT_SELECTED,
            i18n::SELECT_PAGE,
        )
    } else {
        (
            i18n::APPROVE_SELECTED_TITLES,
            i18n::REJECT_SELECTED_TITLES,
            i18n::SELECT_PAGE_TITLES,
        )
    };
    let reason = if photos {
        view! { <ReasonPicker choice typed /> }.into_any()
    } else {
        view! { <Field id="title-bulk-reason" label=i18n::TITLE_REJECT_REASON value=typed /> }
            .into_any()
    };
    view! {
        <div class="bulk-bar" role="group" aria-label=move || approve.get(lang.get())>
            {(!photos).then(|| view! {
                <p class="muted">{move || format!("{}{}", i18n::TITLE_CHANGES_WAITING.get(lang.get()), count)}</p>
            })}
            <label class="choice">
                <input type="checkbox"
                    prop:checked=move || { let n = selected.with(Vec::len); n > 0 && n == count }
                    on:change=move |ev| {
                        if event_target_checked(&ev) { selected.set(all_ids.get_value()) } else { selected.set(Vec::new()) }
                    } />
                <span>{tr(select_page)}</span>
            </label>
            <p aria-live="polite">{move || format!("{}{}", i18n::SELECTED_COUNT.get(lang.get()), selected.with(Vec::len))}</p>
            {reason}
            <div class="form-error" role="alert">{move || error.get()}</div>
            <div class="actions">
                <button type="button" class="button primary"
                    disabled=move || decide.pending().get() || selected.with(Vec::is_empty)
                    on:click=move |_| send(true)>
                    {tr(approve)}
                </button>
                <button type="button" class="button danger"
                    disabled=move || decide.pending().get() || selected.with(Vec::is_empty)
                    on:click=move |_| send(false)>
                    {tr(reject)}
                </button>
            </div>
        </div>
    }
}

/// A title change of the list: what it was and what it becomes, decided on
/// its own (with a typed reason to refuse it) or selected for the bar.
#[component]
fn TitleRow(
    item: ReviewItem,
    items: QueueResource,
    message: RwSignal<Option<String>>,
    /// The bulk selection this row's checkbox joins.
    selected: RwSignal<Vec<i64>>,
) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let account_id = item.account_id;
    let who = format!("{} ({})", item.name, item.username);
    let decide = Submit::new(move |approve: &bool| {
        let decision = ReviewDecision {
            approve: *approve,
            reason: (!*approve).then(|| reason.get_untracked().trim().to_string()),
        };
        async move {
            api::decide_review(
                ReviewKind::Title,
                account_id,
                &decision,
                lang.get_untracked(),
            )
            .await
        }
    });
    let done_who = who.clone();
    effect(move || match decide.value().get() {
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
    let before = item.before;
    let after = item.after;
    let heading_who = who.clone();
    view! {
        <li class="staff-row">
            <h2 class="row-heading">{move || format!("{} · {}", i18n::REVIEW_TITLE.get(lang.get()), heading_who)}</h2>
            {select_box(account_id, selected, i18n::SELECT_TITLE, who)}
            <dl class="details">
                {detail_in(i18n::BEFORE, move |lang| before.map_or(i18n::NONE.get(lang), |t| t.label(lang)).into())}
                {detail_in(i18n::AFTER, move |lang| after.map(|t| t.label(lang)).unwrap_or_default().into())}
            </dl>
            <Field id=format!("reason-title-{account_id}") label=i18n::REJECT_REASON value=reason />
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
