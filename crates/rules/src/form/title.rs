//! Asking the main institution to record a new professional title.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::FieldErrors;
use crate::api::{ErrorCode, TitleChangeRequest};
use crate::i18n::{Lang, Localized};
use crate::{System, Title};

form_fields!(
    /// The field of the title change.
    Field {
        /// The new title.
        Title = "title",
    }
);

/// Why a title change was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TitleError {
    /// The title belongs to the other system's series.
    #[error("the title is not in the {system:?} series")]
    WrongSeries {
        /// The practitioner's system.
        system: System,
    },
    /// The title is the one on record.
    #[error("the title is already on record")]
    Unchanged,
}

impl TitleError {
    /// The API's error code for it.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            TitleError::WrongSeries { .. } => ErrorCode::TitleWrongSeries,
            TitleError::Unchanged => ErrorCode::TitleUnchanged,
        }
    }
}

impl Localized for TitleError {
    fn code(&self) -> &'static str {
        match self {
            TitleError::WrongSeries { .. } => "title.wrong_series",
            TitleError::Unchanged => "title.unchanged",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TitleError::WrongSeries { system }, Lang::Zh) => {
                format!("该职称不属于{}系列", system.label(lang))
            }
            (TitleError::WrongSeries { system }, Lang::En) => format!(
                "This title is not in the {} series",
                system.label(lang).to_ascii_lowercase()
            ),
            (TitleError::Unchanged, _) => lang
                .pick("这已是您登记的职称", "This is already your title on record")
                .into(),
        }
    }
}

/// `PUT /api/v1/me/title`: a title of the practitioner's `system` other
/// than the `current` one.
pub fn validate(
    req: &TitleChangeRequest,
    system: System,
    current: Option<Title>,
) -> Result<Title, FieldErrors<Field>> {
    let mut e = FieldErrors::default();
    let title = e.check(
        Field::Title,
        if !req.title.belongs_to(system) {
            Err(TitleError::WrongSeries { system })
        } else if current == Some(req.title) {
            Err(TitleError::Unchanged)
        } else {
            Ok(req.title)
        },
    );
    e.or_value(title)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::form::test_support::refused;

    #[test]
    fn a_title_of_the_series_other_than_the_current_one() {
        let req = TitleChangeRequest {
            title: Title::Attending,
        };
        assert_eq!(
            validate(&req, System::Physician, Some(Title::Resident)),
            Ok(Title::Attending)
        );
        let wrong = validate(&req, System::Nurse, None).unwrap_err();
        assert_eq!(refused(&wrong), ["title"]);
        assert_eq!(wrong.error_code(), ErrorCode::TitleWrongSeries);
        assert_eq!(
            wrong.message(Field::Title, Lang::Zh).as_deref(),
            Some("该职称不属于护士系列")
        );
        assert_eq!(
            wrong.message(Field::Title, Lang::En).as_deref(),
            Some("This title is not in the nurse series")
        );
        let same = validate(&req, System::Physician, Some(Title::Attending)).unwrap_err();
        assert_eq!(same.error_code(), ErrorCode::TitleUnchanged);
    }
}
