//! Registration change (变更注册) for staff registered under a non-standard
//! institution name.
//!
//! A practice registration names the main practice institution as it was
//! written when the person registered. Where that name is not the standard
//! name on the institution's practice licence (医疗机构执业许可证), e.g. an old
//! name, an abbreviation or a department, the e-license would carry the
//! wrong institution: the person must first apply for a registration change
//! to the standard name, which the institution confirms and the health
//! commission approves. It is a flag with instructions, not an eligibility
//! criterion of the seed notice.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// A registration that names the institution differently from its licence.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationChange {
    /// The institution name on the practice registration.
    pub registered_as: String,
    /// The standard name, as on the institution's practice licence.
    pub standard_name: String,
}

/// Whether a registration under `registered_as` needs a change to
/// `standard_name`. `None` (no name recorded apart from the institution's)
/// and names that differ only in spacing or in full-width / half-width
/// punctuation are the standard name.
pub fn registration_change(
    registered_as: Option<&str>,
    standard_name: &str,
) -> Option<RegistrationChange> {
    let registered_as = registered_as?.trim();
    if registered_as.is_empty() || comparable(registered_as) == comparable(standard_name) {
        return None;
    }
    Some(RegistrationChange {
        registered_as: registered_as.to_owned(),
        standard_name: standard_name.trim().to_owned(),
    })
}

/// The name without spaces, with full-width ASCII forms (（）, ＡＢ, １２ as
/// typed by Chinese input methods) folded to half-width.
fn comparable(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl RegistrationChange {
    /// What the person must do, in the user's language.
    pub fn instructions(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "执业注册登记的机构名称“{}”与医疗机构执业许可证上的名称“{}”不一致。\
                 请本人在电子化注册系统提交变更注册，将主要执业机构变更为“{}”，\
                 经本机构确认、卫生健康行政部门审核通过后再申领电子证照。",
                self.registered_as, self.standard_name, self.standard_name
            ),
            Lang::En => format!(
                "The practice registration names the institution \u{201c}{}\u{201d}, \
                 but its practice licence reads \u{201c}{}\u{201d}. Apply for a registration \
                 change to \u{201c}{}\u{201d} in the electronic registration system; once \
                 the institution confirms it and the health commission approves it, claim \
                 the e-license.",
                self.registered_as, self.standard_name, self.standard_name
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const STANDARD: &str = "深圳市第一人民医院（深圳市南山医院）";

    #[test]
    fn no_recorded_name_or_the_standard_name_needs_no_change() {
        assert_eq!(registration_change(None, STANDARD), None);
        assert_eq!(registration_change(Some("  "), STANDARD), None);
        assert_eq!(registration_change(Some(STANDARD), STANDARD), None);
    }

    #[test]
    fn spacing_and_full_width_forms_are_the_same_name() {
        assert_eq!(
            registration_change(Some(" 深圳市第一人民医院 (深圳市南山医院) "), STANDARD),
            None
        );
        assert_eq!(
            registration_change(Some("ABC Clinic"), "ａｂｃ　ｃｌｉｎｉｃ"),
            None
        );
    }

    #[test]
    fn an_old_name_or_a_department_needs_a_change() {
        let change = registration_change(Some("深圳市人民医院 "), STANDARD).unwrap();
        assert_eq!(change.registered_as, "深圳市人民医院");
        assert_eq!(change.standard_name, STANDARD);
        let zh = change.instructions(Lang::Zh);
        assert!(
            zh.contains("变更注册") && zh.contains("深圳市人民医院"),
            "{zh}"
        );
        let en = change.instructions(Lang::En);
        assert!(
            en.contains("registration change") && en.contains(STANDARD),
            "{en}"
        );
        assert!(registration_change(Some("深圳市第一人民医院内科"), STANDARD).is_some());
    }
}
