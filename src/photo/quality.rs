//! The JPEG quality search: the highest quality whose file is at most the
//! spec's largest size, found by bisection over an encoder (any function
//! from quality to file size, so it is tested here with fake encoders).
//!
//! A file under the spec's smallest size is not refused here: the search
//! tries the best quality first, so such a file is already as faithful as a
//! JPEG gets (a clean photo on a plain background), and the server brings
//! its stored copy up to the minimum (`rules::photo_spec`). Whether an image
//! is blank is the server's decision (`photo.too_plain`).

/// Lowest quality tried (percent).
pub const LOWEST: u8 = 1;
/// Highest quality tried (percent).
pub const HIGHEST: u8 = 100;

/// Why no quality fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualityError {
    /// Even the lowest quality is larger than the maximum (bytes at the
    /// lowest quality).
    TooLarge(usize),
}

/// The bisection's state: ask [`Search::next`] which quality to encode,
/// tell [`Search::record`] its size, until `next` says `None`.
#[derive(Debug, Clone)]
pub struct Search {
    lo: u8,
    hi: u8,
    max_bytes: usize,
    tries: u32,
    best: Option<(u8, usize)>,
    smallest: Option<usize>,
}

impl Search {
    /// A search for the highest quality whose size is at most `max_bytes`.
    pub fn new(max_bytes: usize) -> Self {
        Search {
            lo: LOWEST,
            hi: HIGHEST,
            max_bytes,
            tries: 0,
            best: None,
            smallest: None,
        }
    }

    /// The next quality to encode, `None` when the search is over. The
    /// highest quality is tried first: small photos are done in one encode.
    pub fn next(&self) -> Option<u8> {
        if self.lo > self.hi {
            None
        } else if self.tries == 0 {
            Some(self.hi)
        } else {
            Some(self.lo + (self.hi - self.lo).div_ceil(2))
        }
    }

    /// The size the encoder gave at `quality`. Returns whether this is the
    /// new best (so the caller keeps that file).
    pub fn record(&mut self, quality: u8, bytes: usize) -> bool {
        self.tries += 1;
        self.smallest = Some(self.smallest.map_or(bytes, |s| s.min(bytes)));
        if bytes <= self.max_bytes {
            self.lo = quality.saturating_add(1);
            if self.best.is_none_or(|(q, _)| quality > q) {
                self.best = Some((quality, bytes));
                return true;
            }
        } else {
            // Nothing below LOWEST: stop.
            if quality <= LOWEST {
                self.hi = 0;
                self.lo = 1;
            } else {
                self.hi = quality - 1;
            }
        }
        false
    }

    /// Encodes tried so far.
    pub fn tries(&self) -> u32 {
        self.tries
    }

    /// The outcome once `next` is `None`: the chosen quality and its size.
    pub fn result(&self) -> Result<(u8, usize), QualityError> {
        self.best
            .ok_or(QualityError::TooLarge(self.smallest.unwrap_or(0)))
    }
}

/// The whole search over a synchronous encoder (`size(quality)` in bytes).
pub fn search(
    max_bytes: usize,
    mut size: impl FnMut(u8) -> usize,
) -> Result<(u8, usize), QualityError> {
    let mut s = Search::new(max_bytes);
    while let Some(q) = s.next() {
        s.record(q, size(q));
    }
    s.result()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The portal ships as wasm: these run in the browser (scripts/test.sh).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const MIN: usize = 20 * 1024;
    const MAX: usize = 100 * 1024;

    /// A monotonic fake encoder: `base` bytes plus `per` per quality point.
    fn linear(base: usize, per: usize) -> impl FnMut(u8) -> usize {
        move |q| base + per * usize::from(q)
    }

    #[test]
    fn finds_the_highest_quality_that_fits() {
        for (base, per) in [(5_000, 1_500), (0, 1_100), (30_000, 2_000), (1_000, 40_000)] {
            let mut calls = Vec::new();
            let mut enc = linear(base, per);
            let r = search(MAX, |q| {
                calls.push(q);
                enc(q)
            });
            // The brute-force answer.
            let expected = (LOWEST..=HIGHEST)
                .rev()
                .find(|&q| linear(base, per)(q) <= MAX);
            match (r, expected) {
                (Ok((q, bytes)), Some(e)) => {
                    assert_eq!(q, e, "base {base} per {per}");
                    assert!(bytes <= MAX);
                }
                (r, e) => panic!("base {base} per {per}: {r:?} vs {e:?}"),
            }
            assert!(calls.len() <= 8, "{} encodes", calls.len());
            assert_eq!(calls[0], HIGHEST);
        }
    }

    #[test]
    fn one_encode_when_the_best_quality_fits() {
        let mut n = 0;
        let r = search(MAX, |_| {
            n += 1;
            50_000
        });
        assert_eq!(r, Ok((100, 50_000)));
        assert_eq!(n, 1);
    }

    #[test]
    fn too_large_even_at_the_lowest_quality() {
        assert_eq!(
            search(MAX, linear(200_000, 10)),
            Err(QualityError::TooLarge(200_010))
        );
    }

    #[test]
    fn a_clean_photo_under_the_minimum_is_kept_at_the_best_quality() {
        // 9 KB at the best quality: the server pads its stored copy to the
        // minimum; refusing it here refused clean portraits.
        assert_eq!(search(MAX, linear(1_000, 80)), Ok((100, 9_000)));
        // Exactly the maximum is accepted (the server's range is inclusive).
        assert_eq!(search(MAX, |_| MIN), Ok((100, MIN)));
        assert_eq!(search(MAX, |_| MAX), Ok((100, MAX)));
    }

    #[test]
    fn a_non_monotonic_encoder_still_ends_with_a_fitting_size() {
        // Real encoders are only roughly monotonic.
        let r = search(MAX, |q| {
            if q % 2 == 0 {
                90_000 + usize::from(q) * 500
            } else {
                60_000
            }
        });
        let (_, bytes) = r.unwrap();
        assert!((MIN..=MAX).contains(&bytes));
    }
}
