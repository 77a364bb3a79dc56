//! The crop frame of the ID photo: the photo seen through a window at the
//! output's proportions, with an oval where the head goes. Drag it (mouse,
//! pen, one finger), pinch it (two fingers), or focus it and use the arrow
//! keys and `+`/`-`; the zoom buttons do the same for anyone who cannot
//! pinch.

use leptos::prelude::*;
use rules::photo_spec::SPEC;
use web_sys::ImageBitmap;

use crate::effect::effect;
use crate::i18n::{self, tr, use_lang};
use crate::photo::canvas::draw_crop;
use crate::photo::geometry::{key_move, Crop, Geometry, Move, ZOOM_STEP};

/// The crop of one image: its geometry and the current frame.
pub type CropState = Option<(Geometry, Crop)>;

/// One pointer down on the frame: id and last position.
type Pointer = (i32, f64, f64);

fn distance(a: &Pointer, b: &Pointer) -> f64 {
    (a.1 - b.1).hypot(a.2 - b.2)
}

/// Applies a key to the crop; `None` when the key is not one of ours.
pub fn apply_key(state: CropState, key: &str) -> Option<CropState> {
    let m = key_move(key)?;
    Some(state.map(|(g, c)| (g, g.apply(c, m))))
}

/// The crop frame. `changed` runs when a change is complete (pointer
/// released, key pressed, button clicked).
#[component]
pub fn CropFrame(
    /// The decoded photo.
    bitmap: StoredValue<Option<ImageBitmap>, LocalStorage>,
    /// The crop.
    state: RwSignal<CropState>,
    /// Called after each completed change.
    #[prop(into)]
    changed: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let frame = NodeRef::<leptos::html::Div>::new();
    let pointers = StoredValue::new(Vec::<Pointer>::new());
    let moved = StoredValue::new(false);

    // Redraw the window whenever the crop changes.
    effect(move || {
        let current = state.get();
        let (Some(canvas), Some((g, c))) = (canvas.get(), current) else {
            return;
        };
        bitmap.with_value(|b| {
            if let Some(b) = b {
                let _ = draw_crop(&canvas, b, g.rect(c));
            }
        });
    });

    let apply = move |m: Move| {
        state.update(|s| {
            if let Some((g, c)) = s {
                *c = g.apply(*c, m);
            }
        });
        changed.run(());
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        if let Some(next) = apply_key(state.get_untracked(), &ev.key()) {
            ev.prevent_default();
            state.set(next);
            changed.run(());
        }
    };
    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        if let Some(el) = frame.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
            let _ = el.focus();
        }
        let p = (
            ev.pointer_id(),
            f64::from(ev.client_x()),
            f64::from(ev.client_y()),
        );
        pointers.update_value(|list| {
            list.retain(|q| q.0 != p.0);
            list.push(p);
        });
        ev.prevent_default();
    };
    let on_pointermove = move |ev: web_sys::PointerEvent| {
        let id = ev.pointer_id();
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let Some(list) = pointers.try_get_value() else {
            return;
        };
        let Some(i) = list.iter().position(|p| p.0 == id) else {
            return;
        };
        let before = list[i];
        let width = frame
            .get_untracked()
            .map(|el| f64::from(el.client_width()))
            .unwrap_or(0.0);
        let Some((g, c)) = state.get_untracked() else {
            return;
        };
        let next = match list.len() {
            1 => g.drag(c, x - before.1, y - before.2, width),
            _ => {
                // Pinch: the distance to the other pointer, before and now.
                let other = list[if i == 0 { 1 } else { 0 }];
                let (d0, d1) = (distance(&before, &other), distance(&(id, x, y), &other));
                if d0 > 0.0 {
                    g.zoom(c, d1 / d0)
                } else {
                    c
                }
            }
        };
        pointers.update_value(|list| list[i] = (id, x, y));
        if next != c {
            moved.set_value(true);
            state.set(Some((g, next)));
        }
    };
    let on_pointerup = move |ev: web_sys::PointerEvent| {
        let id = ev.pointer_id();
        pointers.update_value(|list| list.retain(|p| p.0 != id));
        if pointers.with_value(Vec::is_empty) && moved.get_value() {
            moved.set_value(false);
            changed.run(());
        }
    };

    view! {
        <div class="crop">
            <div
                class="crop-frame"
                node_ref=frame
                tabindex="0"
                role="group"
                aria-label=move || i18n::PHOTO_FRAME.get(lang.get())
                aria-describedby="crop-help"
                on:keydown=on_keydown
                on:pointerdown=on_pointerdown
                on:pointermove=on_pointermove
                on:pointerup=on_pointerup
                on:pointercancel=on_pointerup
            >
                <canvas node_ref=canvas width=SPEC.output_width height=SPEC.output_height aria-hidden="true"></canvas>
                <div class="crop-oval" aria-hidden="true"></div>
            </div>
            <p id="crop-help" class="hint">{tr(i18n::PHOTO_FRAME_HELP)}</p>
            <div class="actions crop-zoom">
                <button type="button" class="button secondary" on:click=move |_| apply(Move::Zoom(1.0 / ZOOM_STEP))>
                    {tr(i18n::PHOTO_ZOOM_OUT)}
                </button>
                <button type="button" class="button secondary" on:click=move |_| apply(Move::Zoom(ZOOM_STEP))>
                    {tr(i18n::PHOTO_ZOOM_IN)}
                </button>
            </div>
        </div>
    }
}
