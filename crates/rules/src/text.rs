//! Normalisation of what Chinese input methods type into ASCII fields.
//!
//! In full-width mode (全角) an input method types the Halfwidth and
//! Fullwidth Forms block (U+FF01–U+FF5E, e.g. `１２３`, `ｘ`, `＠`) and the
//! ideographic space U+3000 instead of their ASCII counterparts. Every parser
//! of the crate maps them back to ASCII before checking anything, so a user
//! never sees an error for a character that looks right on screen.

/// Maps one full-width character to its ASCII counterpart; other characters
/// are returned unchanged.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// [`half_width`] over a whole string, with surrounding whitespace removed.
pub(crate) fn normalise(input: &str) -> String {
    input
        .chars()
        .map(half_width)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(normalise("\u{3000}１１０ｘＸ＠．＋\u{3000}"), "110xX@.+");
        assert_eq!(half_width('张'), '张');
    }
}
