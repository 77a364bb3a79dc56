//! The background check: the brightness and evenness of a strip along the
//! top of the output and down its sides to half its height (lower down the
//! shoulders reach the sides). A dark or busy background is a warning, not a
//! refusal: the institution decides.

/// Width of the border strip, in output pixels.
pub const STRIP: u32 = 12;
/// Below this mean luminance (0–255) the background is dark.
pub const DARK_BELOW: f64 = 150.0;
/// Above this standard deviation of luminance the background is busy.
pub const BUSY_ABOVE: f64 = 40.0;

/// The border strip's luminance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Border {
    /// Mean luminance, 0–255.
    pub mean: f64,
    /// Standard deviation of the luminance.
    pub std_dev: f64,
}

/// What the check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Light and plain.
    Ok,
    /// Dark.
    Dark,
    /// Uneven (objects, patterns).
    Busy,
}

impl Border {
    /// The verdict; darkness first (a dark background is also often uneven).
    pub fn verdict(&self) -> Verdict {
        if self.mean < DARK_BELOW {
            Verdict::Dark
        } else if self.std_dev > BUSY_ABOVE {
            Verdict::Busy
        } else {
            Verdict::Ok
        }
    }
}

/// The luminance of the border strip of an RGBA image: the top `STRIP`
/// rows, and the left and right `STRIP` columns of the upper half.
pub fn border(rgba: &[u8], width: u32, height: u32) -> Option<Border> {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 || rgba.len() < w * h * 4 {
        return None;
    }
    let strip = (STRIP as usize).min(w / 2).min(h / 2).max(1);
    let (mut n, mut sum, mut sum_sq) = (0f64, 0f64, 0f64);
    for y in 0..h / 2 {
        for x in 0..w {
            if y >= strip && x >= strip && x < w - strip {
                continue;
            }
            let p = &rgba[(y * w + x) * 4..][..3];
            let l = 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]);
            n += 1.0;
            sum += l;
            sum_sq += l * l;
        }
    }
    let mean = sum / n;
    let variance = (sum_sq / n - mean * mean).max(0.0);
    Some(Border {
        mean,
        std_dev: variance.sqrt(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The portal ships as wasm: these run in the browser (scripts/test.sh).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn image(w: u32, h: u32, pixel: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
        let mut v = Vec::with_capacity((w * h * 4) as usize);
        for y in 0..h {
            for x in 0..w {
                let [r, g, b] = pixel(x, y);
                v.extend([r, g, b, 255]);
            }
        }
        v
    }

    #[test]
    fn plain_light_background_passes_whatever_the_middle() {
        // White border, black "face" in the middle.
        let img = image(358, 441, |x, y| {
            if (60..300).contains(&x) && y > 40 {
                [0, 0, 0]
            } else {
                [245, 245, 245]
            }
        });
        let b = border(&img, 358, 441).unwrap();
        assert!(b.mean > 240.0 && b.std_dev < 1.0, "{b:?}");
        assert_eq!(b.verdict(), Verdict::Ok);
    }

    #[test]
    fn dark_and_busy_backgrounds_are_flagged() {
        let dark = image(358, 441, |_, _| [40, 40, 40]);
        assert_eq!(border(&dark, 358, 441).unwrap().verdict(), Verdict::Dark);
        let stripes = image(358, 441, |x, _| {
            if (x / 4) % 2 == 0 {
                [255, 255, 255]
            } else {
                [90, 90, 90]
            }
        });
        assert_eq!(border(&stripes, 358, 441).unwrap().verdict(), Verdict::Busy);
    }

    #[test]
    fn short_buffers_are_refused() {
        assert_eq!(border(&[0; 12], 358, 441), None);
        assert_eq!(border(&[], 0, 0), None);
    }
}
