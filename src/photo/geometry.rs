//! Crop geometry: the crop is a rectangle of the source image at the
//! output's proportions, given by its centre and width in source pixels.
//! Every change (pan, zoom) is clamped so the rectangle stays inside the
//! image.

use rules::photo_spec::{PhotoSpec, PhotoSpecError};

/// An image's size in pixels (upright, after EXIF orientation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// A rectangle in source pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// The crop: centre and width in source pixels; the height follows from
/// the output's proportions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    /// Centre, x.
    pub cx: f64,
    /// Centre, y.
    pub cy: f64,
    /// Width.
    pub width: f64,
}

/// A change asked for by the keyboard (or the zoom buttons).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Move {
    /// Moves the frame by a fraction of its width (`dx`) and height (`dy`).
    Pan {
        /// Horizontal, in frame widths (positive: right).
        dx: f64,
        /// Vertical, in frame heights (positive: down).
        dy: f64,
    },
    /// Zooms by a factor (above 1: closer, the frame covers less).
    Zoom(f64),
}

/// How far one arrow key moves the frame, in frame sizes.
pub const KEY_STEP: f64 = 0.05;
/// How much one `+`/`-` zooms.
pub const ZOOM_STEP: f64 = 1.1;

/// The keyboard's map: arrow keys move the frame over the photo, `+`/`=`
/// zoom in, `-` zooms out; anything else is not ours.
pub fn key_move(key: &str) -> Option<Move> {
    let pan = |dx, dy| Some(Move::Pan { dx, dy });
    match key {
        "ArrowLeft" => pan(-KEY_STEP, 0.0),
        "ArrowRight" => pan(KEY_STEP, 0.0),
        "ArrowUp" => pan(0.0, -KEY_STEP),
        "ArrowDown" => pan(0.0, KEY_STEP),
        "+" | "=" | "Add" => Some(Move::Zoom(ZOOM_STEP)),
        "-" | "_" | "Subtract" => Some(Move::Zoom(1.0 / ZOOM_STEP)),
        _ => None,
    }
}

/// The geometry of one image under one spec.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// The source image.
    pub image: Size,
    /// Output width ÷ height.
    pub aspect: f64,
    /// The narrowest crop the zoom goes to (the spec's minimum source
    /// width, or the widest crop when the image is narrower).
    pub min_width: f64,
}

impl Geometry {
    /// The geometry of an image under a spec.
    pub fn new(image: Size, spec: &PhotoSpec) -> Self {
        let aspect = f64::from(spec.output_width) / f64::from(spec.output_height);
        let mut g = Geometry {
            image,
            aspect,
            min_width: 0.0,
        };
        g.min_width = f64::from(spec.min_source_width).min(g.max_width());
        g
    }

    /// The widest crop that fits the image.
    pub fn max_width(&self) -> f64 {
        self.image
            .width
            .min(self.image.height * self.aspect)
            .max(0.0)
    }

    /// The first frame: the widest crop, centred.
    pub fn fit(&self) -> Crop {
        Crop {
            cx: self.image.width / 2.0,
            cy: self.image.height / 2.0,
            width: self.max_width(),
        }
    }

    /// The crop moved and sized back inside the image.
    pub fn clamp(&self, crop: Crop) -> Crop {
        let max = self.max_width();
        let width = if crop.width.is_finite() {
            crop.width.clamp(self.min_width.min(max), max)
        } else {
            max
        };
        let height = width / self.aspect;
        let (half_w, half_h) = (width / 2.0, height / 2.0);
        let centre = |c: f64, half: f64, extent: f64| {
            let c = if c.is_finite() { c } else { extent / 2.0 };
            c.clamp(half, (extent - half).max(half))
        };
        Crop {
            cx: centre(crop.cx, half_w, self.image.width),
            cy: centre(crop.cy, half_h, self.image.height),
            width,
        }
    }

    /// Drags the photo by (`dx`, `dy`) screen pixels in a frame `frame_width`
    /// screen pixels wide: the photo follows the pointer, so the crop moves
    /// the other way.
    pub fn drag(&self, crop: Crop, dx: f64, dy: f64, frame_width: f64) -> Crop {
        if frame_width <= 0.0 {
            return crop;
        }
        let scale = crop.width / frame_width;
        self.clamp(Crop {
            cx: crop.cx - dx * scale,
            cy: crop.cy - dy * scale,
            ..crop
        })
    }

    /// Zooms by `factor` around the crop's centre.
    pub fn zoom(&self, crop: Crop, factor: f64) -> Crop {
        if !(factor.is_finite() && factor > 0.0) {
            return crop;
        }
        self.clamp(Crop {
            width: crop.width / factor,
            ..crop
        })
    }

    /// Applies a keyboard (or button) move.
    pub fn apply(&self, crop: Crop, m: Move) -> Crop {
        match m {
            Move::Pan { dx, dy } => self.clamp(Crop {
                cx: crop.cx + dx * crop.width,
                cy: crop.cy + dy * crop.width / self.aspect,
                ..crop
            }),
            Move::Zoom(factor) => self.zoom(crop, factor),
        }
    }

    /// The crop as a source rectangle.
    pub fn rect(&self, crop: Crop) -> Rect {
        let height = crop.width / self.aspect;
        Rect {
            x: crop.cx - crop.width / 2.0,
            y: crop.cy - height / 2.0,
            width: crop.width,
            height,
        }
    }

    /// How much closer than the first frame the crop is (1 = the whole
    /// width that fits).
    pub fn zoom_level(&self, crop: Crop) -> f64 {
        if crop.width > 0.0 {
            self.max_width() / crop.width
        } else {
            1.0
        }
    }
}

/// Refuses a crop narrower than the spec's minimum source width (a blurred
/// photo once scaled up), with the spec's own error.
pub fn check_min_width(rect: Rect, spec: &PhotoSpec) -> Result<(), PhotoSpecError> {
    let width = rect.width.round().max(0.0) as u32;
    if width < spec.min_source_width {
        return Err(PhotoSpecError::TooSmall {
            width,
            height: rect.height.round().max(0.0) as u32,
            min_width: spec.min_source_width,
            min_height: spec.min_source_height(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rules::photo_spec::SPEC;

    // The portal ships as wasm: these run in the browser (scripts/test.sh).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn geometry(width: f64, height: f64) -> Geometry {
        Geometry::new(Size { width, height }, &SPEC)
    }

    fn inside(g: &Geometry, crop: Crop) -> bool {
        let r = g.rect(crop);
        r.x >= -1e-9
            && r.y >= -1e-9
            && r.x + r.width <= g.image.width + 1e-9
            && r.y + r.height <= g.image.height + 1e-9
    }

    #[test]
    fn fit_takes_the_widest_centred_crop() {
        // Landscape: the height limits.
        let g = geometry(4000.0, 3000.0);
        let c = g.fit();
        assert!((c.width - 3000.0 * 358.0 / 441.0).abs() < 1e-9);
        assert_eq!((c.cx, c.cy), (2000.0, 1500.0));
        let r = g.rect(c);
        assert!((r.height - 3000.0).abs() < 1e-9 && r.y.abs() < 1e-9);
        // Portrait: the width limits.
        let g = geometry(3000.0, 4000.0);
        assert_eq!(g.fit().width, 3000.0);
        assert!(inside(&g, g.fit()));
    }

    #[test]
    fn pan_and_zoom_stay_inside_the_image() {
        let g = geometry(4000.0, 3000.0);
        let mut c = g.fit();
        for m in [
            Move::Pan { dx: 10.0, dy: 0.0 },
            Move::Pan {
                dx: -10.0,
                dy: -10.0,
            },
            Move::Zoom(100.0),
            Move::Pan {
                dx: 100.0,
                dy: 100.0,
            },
            Move::Zoom(0.001),
        ] {
            c = g.apply(c, m);
            assert!(inside(&g, c), "{m:?} -> {c:?}");
        }
        // Zooming in stops at the spec's minimum source width.
        let closest = g.zoom(g.fit(), 1000.0);
        assert_eq!(closest.width, 295.0);
        assert!(check_min_width(g.rect(closest), &SPEC).is_ok());
        // Zooming out stops at the widest crop.
        assert_eq!(g.zoom(closest, 0.0001).width, g.max_width());
        // NaN and infinities are ignored.
        assert!(inside(
            &g,
            g.clamp(Crop {
                cx: f64::NAN,
                cy: f64::INFINITY,
                width: f64::NAN
            })
        ));
        assert_eq!(g.zoom(c, f64::NAN), c);
    }

    #[test]
    fn drag_moves_the_photo_with_the_pointer() {
        let g = geometry(4000.0, 3000.0);
        let c = g.zoom(g.fit(), 2.0);
        // Dragging right by a tenth of the frame shows more of the left.
        let moved = g.drag(c, 28.6, 0.0, 286.0);
        assert!((moved.cx - (c.cx - c.width / 10.0)).abs() < 1e-9);
        assert_eq!(moved.cy, c.cy);
        assert_eq!(g.drag(c, 5.0, 5.0, 0.0), c);
    }

    #[test]
    fn keys_map_to_moves() {
        assert_eq!(
            key_move("ArrowRight"),
            Some(Move::Pan {
                dx: KEY_STEP,
                dy: 0.0
            })
        );
        assert_eq!(
            key_move("ArrowUp"),
            Some(Move::Pan {
                dx: 0.0,
                dy: -KEY_STEP
            })
        );
        assert_eq!(key_move("+"), Some(Move::Zoom(ZOOM_STEP)));
        assert_eq!(key_move("="), Some(Move::Zoom(ZOOM_STEP)));
        assert_eq!(key_move("-"), Some(Move::Zoom(1.0 / ZOOM_STEP)));
        assert_eq!(key_move("Tab"), None);
        assert_eq!(key_move("Enter"), None);
        let g = geometry(4000.0, 3000.0);
        let c = g.zoom(g.fit(), 2.0);
        let right = g.apply(c, key_move("ArrowRight").unwrap());
        assert!((right.cx - c.cx - c.width * KEY_STEP).abs() < 1e-9);
        assert!(g.zoom_level(g.apply(c, Move::Zoom(ZOOM_STEP))) > g.zoom_level(c));
    }

    #[test]
    fn small_images_are_refused_with_the_spec_error() {
        let g = geometry(200.0, 250.0);
        let c = g.fit();
        assert_eq!(c.width, 200.0);
        // Zooming cannot make it worse, nor better.
        assert_eq!(g.zoom(c, 3.0).width, 200.0);
        let e = check_min_width(g.rect(c), &SPEC).unwrap_err();
        assert_eq!(
            e,
            PhotoSpecError::TooSmall {
                width: 200,
                height: 246,
                min_width: 295,
                min_height: 364
            }
        );
        // Exactly the minimum passes.
        let g = geometry(295.0, 400.0);
        assert!(check_min_width(g.rect(g.fit()), &SPEC).is_ok());
        assert!(check_min_width(g.rect(geometry(294.0, 400.0).fit()), &SPEC).is_err());
    }
}
