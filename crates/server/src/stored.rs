//! Values as the database stores them (codes, dates), read back into the
//! rules crate's types. A stored value that does not read is a server
//! fault (the database holds only what the server wrote), never the user's.

use chrono::NaiveDate;

use crate::error::{AppError, AppResult};
use crate::store::institutions::LicenceFacts;

/// Parses a snake_case enum stored as text (the same spelling as its serde
/// form, so the database and the API agree).
pub fn parse_enum<T: rules::wire::WireCode>(text: &str) -> AppResult<T> {
    T::from_wire_code(text).ok_or_else(|| {
        AppError::Internal(format!(
            "stored code {text:?} is no {}",
            std::any::type_name::<T>()
        ))
    })
}

/// The code of an enum value, for storing.
pub fn enum_text<T: rules::wire::WireCode>(value: &T) -> String {
    value.wire_code().to_owned()
}

/// Parses a stored `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> AppResult<NaiveDate> {
    rules::iso_date::parse(text)
        .ok_or_else(|| AppError::Internal(format!("stored date {text:?} is not YYYY-MM-DD")))
}

/// The institution its registry facts describe, for its checklist and
/// licence.
pub fn institution(facts: &LicenceFacts) -> AppResult<rules::Institution> {
    Ok(rules::Institution {
        name: facts.name.clone(),
        credit_code: facts.credit_code.clone(),
        licence_number: facts.licence_number.clone(),
        licence_valid_until: parse_date(&facts.licence_valid_until)?,
        status: parse_enum(&facts.status)?,
    })
}
