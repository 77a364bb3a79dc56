//! The staff roster: filters, each person's state, and account deletion
//! (recovery path 4) with a confirmation step.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rules::api::roster::RosterQuery;
use rules::api::StaffMember;
use rules::{CriterionCode, Lang, PracticeStatus, ReviewStage, System};

use crate::api;
use crate::components::confirm::ConfirmStep;
use crate::components::first_screen::first_screen_first;
use crate::components::load_error::Loaded;
use crate::components::pager::{page_in, PagedList};
use crate::effect::effect;
use crate::go::keep_in_address;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::nav::AdminPage;
use crate::submit::Submit;

/// The roster page.
#[component]
pub fn Staff() -> impl IntoView {
    view! { <AdminPage><Roster /></AdminPage> }
}

/// The options of a filter: the query value and the label in each language.
type Options = Vec<(
    &'static str,
    Box<dyn Fn(Lang) -> &'static str + Send + Sync>,
)>;

fn options<T: Copy + Send + Sync + 'static>(
    items: impl IntoIterator<Item = T>,
    code: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
) -> Options {
    items
        .into_iter()
        .map(|item| {
            (
                code(item),
                Box::new(move |lang| label(item, lang))
                    as Box<dyn Fn(Lang) -> &'static str + Send + Sync>,
            )
        })
        .collect()
}

#[component]
fn Roster() -> impl IntoView {
    let lang = use_lang();
    // The filters live in the address (the API's own query), so a refresh,
    // the back button or a shared link keeps them.
    let address = use_query_map().get_untracked();
    let param = |key: &str| address.get(key).unwrap_or_default();
    let search = RwSignal::new(param("q"));
    let system = RwSignal::new(param("system"));
    let status = RwSignal::new(param("status"));
    let unmet = RwSignal::new(param("unmet"));
    let not_applied = RwSignal::new(param("not_applied") == "true");
    let registration_change = RwSignal::new(param("registration_change") == "true");
    let page = page_in(&address);
    // The records whose account was deleted: another list, from the registry.
    let deleted = RwSignal::new(param("deleted") == "true");
    // The select boxes hold the codes; an empty one is "all".
    let filters = Memo::new(move |_| RosterQuery {
        q: Some(search.get()).filter(|q| !q.trim().is_empty()),
        system: System::from_code(&system.get()),
        status: PracticeStatus::from_code(&status.get()),
        unmet: CriterionCode::from_code(&unmet.get()),
        not_applied: not_applied.get(),
        registration_change: registration_change.get(),
        page: Some(page.get()),
        ..RosterQuery::default()
    });
    let query = Memo::new(move |_| filters.with(RosterQuery::to_query_string));
    // Another filter is another list: back to its first page.
    let refilter = move |f: &dyn Fn()| {
        f();
        page.set(1);
    };
    keep_in_address("/institution/staff", move || {
        match (query.get(), deleted.get()) {
            (q, false) => q,
            (q, true) if q.is_empty() => "deleted=true".into(),
            (q, true) => format!("{q}&deleted=true"),
        }
    });
    let roster = LocalResource::new(move || {
        let q = filters.get();
        async move { api::staff(&q, lang.get_untracked()).await }
    });
    let message = RwSignal::new(None::<String>);
    let staff_list = move |r: rules::api::Roster| {
        let rows = first_screen_first(
            r.staff,
            move |s| view! { <StaffRow member=s roster message /> },
        );
        view! {
            <PagedList page total=r.total per_page=r.per_page count=i18n::STAFF_MATCHING empty=i18n::NO_STAFF>
                {rows}
            </PagedList>
        }
        .into_any()
    };
    let select = move |id: &'static str,
                       label: i18n::Text,
                       value: RwSignal<String>,
                       options: Options| {
        view! {
            <div class="form-field">
                <label for=id>{tr(label)}</label>
                <select id=id on:change=move |ev| refilter(&|| value.set(event_target_value(&ev)))>
                    <option value="">{tr(i18n::ALL)}</option>
                    {options
                        .into_iter()
                        .map(|(v, text)| {
                            view! {
                                <option value=v selected=move || value.with(|x| x == v)>
                                    {move || text(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let system_options = options(System::ALL, System::code, System::label);
    let status_options = options(
        PracticeStatus::ALL,
        PracticeStatus::code,
        PracticeStatus::label,
    );
    let unmet_options = options(
        CriterionCode::PRACTITIONER,
        CriterionCode::code,
        CriterionCode::title,
    );
    view! {
        <section class="card" aria-labelledby="staff-heading">
            <h1 id="staff-heading">{tr(i18n::STAFF)}</h1>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                <div class="form-field search-field">
                    <label for="filter-search">{tr(i18n::STAFF_SEARCH)}</label>
                    <input id="filter-search" type="search" maxlength="64" autocomplete="off"
                        prop:value=move || search.get()
                        on:input=move |ev| refilter(&|| search.set(event_target_value(&ev))) />
                </div>
                {select("filter-system", i18n::KIND, system, system_options)}
                {select("filter-status", i18n::STATUS, status, status_options)}
                {select("filter-unmet", i18n::UNMET_CRITERION, unmet, unmet_options)}
                <label class="choice">
                    <input type="checkbox" prop:checked=not_applied
                        on:change=move |ev| refilter(&|| not_applied.set(event_target_checked(&ev))) />
                    <span>{tr(i18n::NOT_APPLIED_ONLY)}</span>
                </label>
                <label class="choice">
                    <input type="checkbox" prop:checked=registration_change
                        on:change=move |ev| refilter(&|| registration_change.set(event_target_checked(&ev))) />
                    <span>{tr(i18n::REGISTRATION_CHANGE_ONLY)}</span>
                </label>
                <label class="choice">
                    <input type="checkbox" prop:checked=deleted
                        on:change=move |ev| refilter(&|| deleted.set(event_target_checked(&ev))) />
                    <span>{tr(i18n::DELETED_ONLY)}</span>
                </label>
            </form>
            <p>
                <a class="button secondary" rel="external" download="roster.csv"
                    href=move || filters.with(|f| api::roster_csv_url(&f.on_page(1)))>
                    {tr(i18n::EXPORT_ROSTER)}
                </a>
            </p>
            <p role="status">{move || message.get()}</p>
            <Show when=move || deleted.get()>
                <crate::pages::institution::deleted_accounts::DeletedAccounts page />
            </Show>
            <Show when=move || !deleted.get()>
                <Loaded data=roster render=staff_list />
            </Show>
        </section>
    }
}

#[component]
fn StaffRow(
    member: StaffMember,
    roster: LocalResource<Result<rules::api::Roster, api::ApiError>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let confirming = RwSignal::new(false);
    let id = member.account_id;
    let name = StoredValue::new(member.name.clone());
    let delete = Submit::new(move |_: &()| async move {
        api::delete_staff_account(id, lang.get_untracked()).await
    });

    effect(move || match delete.value().get() {
        Some(Ok(())) => {
            message.set(Some(format!(
                "{}{}",
                i18n::ACCOUNT_DELETED.get(lang.get_untracked()),
                name.get_value()
            )));
            roster.refetch();
        }
        Some(Err(err)) => message.set(Some(err.message(lang.get_untracked()))),
        None => {}
    });
    let system = member.system;
    let status = member.status;
    let facts = move || {
        let lang = lang.get();
        let yes_no = |b: bool, yes: i18n::Text, no: i18n::Text| if b { yes } else { no }.get(lang);
        [
            system.label(lang).to_string(),
            status.label(lang).to_string(),
            yes_no(
                member.activated,
                i18n::ACTIVATED_SHORT,
                i18n::NOT_ACTIVATED_SHORT,
            )
            .to_string(),
            match member.photo_state {
                None => i18n::NO_PHOTO_SHORT,
                Some(ReviewStage::Approved) => i18n::PHOTO_APPROVED_SHORT,
                Some(ReviewStage::Rejected) => i18n::PHOTO_REJECTED_SHORT,
                Some(ReviewStage::Pending) => i18n::PHOTO_PENDING_SHORT,
            }
            .get(lang)
            .to_string(),
            yes_no(member.eligible, i18n::ELIGIBLE, i18n::BLOCKED).to_string(),
            yes_no(member.applied, i18n::APPLIED, i18n::NOT_APPLIED).to_string(),
        ]
        .join(" · ")
    };

    let id_number = member.id_number_masked.clone();
    let change = member.registration_change.clone().map(|change| {
        view! {
            <div class="notice" role="note">
                <strong>{tr(i18n::REGISTRATION_CHANGE_NEEDED)}</strong>
                <p>{move || change.instructions(lang.get())}</p>
            </div>
        }
    });
    let failures: Vec<_> = member.checklist.failures().cloned().collect();
    let failures = (!failures.is_empty()).then(|| {
        let items = failures
            .into_iter()
            .map(|c| {
                let code = c.code;
                let reason = c.reason;
                view! {
                    <li>
                        <span class="cross" aria-hidden="true">"✗ "</span>
                        <strong>{move || code.title(lang.get())}</strong>
                        {tr(i18n::COLON)}
                        {move || reason.for_institution(lang.get())}
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="unmet" aria-label=move || i18n::UNMET_CRITERIA.get(lang.get())>{items}</ul>
        }
    });
    view! {
        <li class="staff-row">
            <h3>{name.get_value()} " (" {member.username.clone()} ")"</h3>
            <p class="muted">
                {tr(i18n::ID_NUMBER)}
                {tr(i18n::COLON)}
                <span class="mono">{id_number}</span>
            </p>
            <p class="muted">{facts}</p>
            {failures}
            {change}
            <ConfirmStep open=i18n::DELETE_ACCOUNT confirm=i18n::CONFIRM_DELETE_BUTTON confirming
                question=move || format!("{}{}", i18n::CONFIRM_DELETE.get(lang.get()), name.get_value())
                pending=delete.pending() on_confirm=move |()| delete.dispatch(()) />
        </li>
    }
}
