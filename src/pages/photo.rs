//! The ID photo page: choose a photo (or take one), crop it, check the
//! preview at its real size, upload it with a progress bar, and follow the
//! institution's review.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rules::api::Me;
use rules::photo_spec::SPEC;
use rules::{Localized, ReviewState};
use web_sys::{Blob, ImageBitmap};

use crate::api::{self, ApiError};
use crate::components::crop_frame::{CropFrame, CropState};
use crate::components::session::SignedIn;
use crate::i18n::{self, tr, use_lang, Lang};
use crate::photo::background::Verdict;
use crate::photo::canvas::{self, PhotoError};
use crate::photo::geometry::{Geometry, Size};

/// The photo page.
#[component]
pub fn Photo() -> impl IntoView {
    view! { <SignedIn render=|me: Me| view! { <PhotoPage me /> }.into_any() /> }
}

/// The message of a pipeline error.
pub fn error_message(e: &PhotoError, lang: Lang) -> String {
    match e {
        PhotoError::Unreadable => i18n::PHOTO_UNREADABLE.get(lang).into(),
        PhotoError::TooSmall(spec) => spec.message(lang),
        PhotoError::TooLarge(_) => i18n::photo_too_large(lang),
        PhotoError::Browser => i18n::PHOTO_BROWSER_ERROR.get(lang).into(),
    }
}

/// The review state in words.
pub fn review_text(state: &Option<ReviewState>, lang: Lang) -> String {
    let what = match state {
        None => i18n::PHOTO_NONE.get(lang).to_string(),
        Some(ReviewState::Pending) => i18n::PHOTO_PENDING.get(lang).to_string(),
        Some(ReviewState::Approved) => i18n::PHOTO_APPROVED.get(lang).to_string(),
        Some(ReviewState::Rejected { reason }) => {
            format!("{}{reason}", i18n::PHOTO_REJECTED.get(lang))
        }
    };
    format!("{}{what}", i18n::PHOTO_STATUS.get(lang))
}

/// What the preview shows under the picture.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Output {
    quality: u8,
    bytes: f64,
    verdict: Option<Verdict>,
}

#[component]
fn PhotoPage(me: Me) -> impl IntoView {
    let lang = use_lang();
    let review = RwSignal::new(me.facts.account.photo.clone());
    // Whether there is a photo to show: after a rejection the rejected
    // photo is gone and only an approved earlier one (if any) remains.
    let photo_shown = RwSignal::new(me.has_photo);
    // A photo waiting for review is replaced only as a deliberate choice:
    // a new upload starts the review again.
    let submitted_on = RwSignal::new(me.photo_submitted_on);
    let replacing = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let bitmap = StoredValue::new_local(None::<ImageBitmap>);
    let jpeg = StoredValue::new_local(None::<Blob>);
    let state = RwSignal::new(None as CropState);
    let error = RwSignal::new(None::<PhotoError>);
    let output = RwSignal::new(None::<Output>);
    let reading = RwSignal::new(false);
    let generation = StoredValue::new(0u32);
    let preview = NodeRef::<leptos::html::Canvas>::new();
    let progress = RwSignal::new(None::<f64>);
    let uploading = RwSignal::new(false);
    let upload_error = RwSignal::new(None::<String>);
    let uploaded = RwSignal::new(false);
    let version = RwSignal::new(0u32);

    // Crop, scale, encode the current frame into the preview. Only the
    // newest run's result is kept.
    let run = move || {
        let (Some((g, c)), Some(bmp), Some(out)) = (
            state.get_untracked(),
            bitmap.get_value(),
            preview.get_untracked(),
        ) else {
            return;
        };
        generation.update_value(|n| *n += 1);
        let mine = generation.get_value();
        uploaded.set(false);
        progress.set(None);
        upload_error.set(None);
        spawn_local(async move {
            let result = canvas::process(&bmp, g.rect(c), &out, &SPEC).await;
            if generation.get_value() != mine {
                return;
            }
            canvas::measure_end();
            match result {
                Ok(enc) => {
                    output.set(Some(Output {
                        quality: enc.quality,
                        bytes: enc.blob.size(),
                        verdict: enc.border.map(|b| b.verdict()),
                    }));
                    jpeg.set_value(Some(enc.blob));
                    error.set(None);
                }
                Err(e) => {
                    output.set(None);
                    jpeg.set_value(None);
                    error.set(Some(e));
                }
            }
        });
    };

    let on_file = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        canvas::mark_start();
        generation.update_value(|n| *n += 1);
        reading.set(true);
        error.set(None);
        output.set(None);
        jpeg.set_value(None);
        spawn_local(async move {
            let decoded = canvas::decode(&file).await;
            reading.set(false);
            if let Some(old) = bitmap.get_value() {
                old.close();
            }
            match decoded {
                Ok(bmp) => {
                    let size = Size {
                        width: f64::from(bmp.width()),
                        height: f64::from(bmp.height()),
                    };
                    let g = Geometry::new(size, &SPEC);
                    bitmap.set_value(Some(bmp));
                    state.set(Some((g, g.fit())));
                    run();
                }
                Err(e) => {
                    bitmap.set_value(None);
                    state.set(None);
                    error.set(Some(e));
                }
            }
        });
    };

    let upload = move |_| {
        let Some(blob) = jpeg.get_value() else {
            return;
        };
        progress.set(Some(0.0));
        upload_error.set(None);
        uploaded.set(false);
        uploading.set(true);
        spawn_local(async move {
            let result =
                api::upload_photo(&blob, lang.get_untracked(), move |f| progress.set(Some(f)))
                    .await;
            uploading.set(false);
            match result {
                Ok(me) => {
                    progress.set(Some(1.0));
                    review.set(me.facts.account.photo.clone());
                    photo_shown.set(me.has_photo);
                    submitted_on.set(me.photo_submitted_on);
                    replacing.set(false);
                    uploaded.set(true);
                    version.update(|v| *v += 1);
                }
                Err(e @ ApiError::Unauthorized(_)) => {
                    upload_error.set(Some(e.message(lang.get_untracked())));
                }
                Err(e) => upload_error.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };

    let has_photo = move || photo_shown.get();
    let rejected = move || review.with(|r| matches!(r, Some(ReviewState::Rejected { .. })));
    let waiting = move || review.with(|r| matches!(r, Some(ReviewState::Pending)));
    let choosing = move || !waiting() || replacing.get();
    let cropping = move || state.with(Option::is_some);
    let ready = move || output.with(Option::is_some);
    view! {
        <section class="card photo-page" aria-labelledby="photo-heading">
            <h1 id="photo-heading">{tr(i18n::PHOTO_HEADING)}</h1>
            <p>{move || i18n::photo_intro(lang.get())}</p>
            <p class="review-status" role="status">{move || review.with(|r| review_text(r, lang.get()))}</p>
            <Show when=rejected>
                <p class="hint">
                    {move || {
                        if photo_shown.get() {
                            i18n::PHOTO_REJECTED_KEPT.get(lang.get())
                        } else {
                            i18n::PHOTO_REJECTED_GONE.get(lang.get())
                        }
                    }}
                </p>
            </Show>
            <Show when=has_photo>
                <figure class="current-photo">
                    <img
                        src=move || format!("/api/v1/me/photo?v={}", version.get())
                        alt=move || i18n::PHOTO_CURRENT.get(lang.get())
                        width="179"
                        height="220"
                    />
                </figure>
            </Show>
            <Show when=move || !choosing()>
                <p class="hint">
                    {move || {
                        let lang = lang.get();
                        let day = submitted_on
                            .get()
                            .map(|d| {
                                let stop = lang.pick("。", ". ");
                                format!("{}{}{stop}", i18n::PHOTO_SUBMITTED.get(lang), lang.date(d))
                            })
                            .unwrap_or_default();
                        format!("{day}{}", i18n::PHOTO_REPLACE_NOTE.get(lang))
                    }}
                </p>
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| {
                        replacing.set(true);
                        // After the chooser is shown (focus skips hidden elements).
                        request_animation_frame(move || {
                            if let Some(input) = file_input.get_untracked() {
                                let _ = input.focus();
                            }
                        });
                    }
                >
                    {tr(i18n::FIX_PHOTO_REPLACE)}
                </button>
            </Show>
            <div class="photo-choice" hidden=move || !choosing()>
                <label class="file-choice" for="photo-file">{tr(i18n::PHOTO_CHOOSE)}</label>
                <input
                    id="photo-file"
                    class="file-input"
                    type="file"
                    accept="image/*"
                    capture="user"
                    node_ref=file_input
                    on:change=on_file
                />
            </div>
            <p role="status" class="loading">{move || reading.get().then(|| i18n::PHOTO_READING.get(lang.get()))}</p>
            <div class="form-error" role="alert">
                {move || error.with(|e| e.as_ref().map(|e| error_message(e, lang.get())))}
            </div>
        </section>
        <section class="card" aria-labelledby="crop-heading" hidden=move || !cropping()>
            <h2 id="crop-heading">{tr(i18n::PHOTO_CROP)}</h2>
            <Show when=cropping>
                <CropFrame bitmap state changed=move |_| run() />
            </Show>
        </section>
        <section class="card" aria-labelledby="preview-heading" hidden=move || !ready()>
            <h2 id="preview-heading">{move || i18n::photo_preview(lang.get())}</h2>
            <div class="photo-preview">
                <canvas
                    node_ref=preview
                    width=SPEC.output_width
                    height=SPEC.output_height
                    role="img"
                    aria-label=move || i18n::photo_preview(lang.get())
                ></canvas>
            </div>
            <p class="hint">
                {move || {
                    output
                        .get()
                        .map(|o| {
                            format!(
                                "{} {} · {:.1} KB · {}×{}",
                                i18n::PHOTO_RESULT.get(lang.get()),
                                o.quality,
                                o.bytes / 1024.0,
                                SPEC.output_width,
                                SPEC.output_height,
                            )
                        })
                }}
            </p>
            {move || {
                let warning = match output.get().and_then(|o| o.verdict) {
                    Some(Verdict::Dark) => Some(i18n::PHOTO_DARK_BACKGROUND),
                    Some(Verdict::Busy) => Some(i18n::PHOTO_BUSY_BACKGROUND),
                    _ => None,
                };
                warning.map(|w| view! { <p class="warning" role="note">{tr(w)}</p> })
            }}
            <button
                type="button"
                class="button primary"
                disabled=move || !ready() || uploading.get()
                on:click=upload
            >
                {move || {
                    if uploading.get() {
                        i18n::PHOTO_UPLOADING
                    } else if upload_error.with(Option::is_some) {
                        i18n::RETRY
                    } else if uploaded.get() {
                        i18n::PHOTO_UPLOAD_RETRY
                    } else {
                        i18n::PHOTO_UPLOAD
                    }
                        .get(lang.get())
                }}
            </button>
            {move || {
                progress
                    .get()
                    .map(|p| {
                        view! {
                            <progress
                                max="1"
                                value=p.to_string()
                                aria-label=move || i18n::PHOTO_PROGRESS.get(lang.get())
                            ></progress>
                        }
                    })
            }}
            <p role="status">{move || uploaded.get().then(|| i18n::PHOTO_UPLOADED.get(lang.get()))}</p>
            <div class="form-error" role="alert">{move || upload_error.get()}</div>
        </section>
    }
}
