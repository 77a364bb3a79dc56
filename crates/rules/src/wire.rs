//! The wire vocabulary: every unit enum that crosses the wire or is stored
//! in the database has one code table, written once with [`wire_codes!`]:
//! its `ALL` values, `code()`, `from_code()`, `FromStr`, and the
//! [`WireCode`] trait that lets the server decode a stored code into any of
//! them without a JSON round trip. A test checks each table against serde's
//! spelling. (The zombie reasons keep their own namespaced codes,
//! `zombie.physician.…`, which `ZombieReason` puts on the wire.)

/// A unit enum with a code table.
pub trait WireCode: Copy + Sized + 'static {
    /// Every value.
    fn all() -> &'static [Self];
    /// The value's code (serde's spelling).
    fn wire_code(self) -> &'static str;
    /// The value of a code.
    fn from_wire_code(code: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.wire_code() == code)
    }
}

/// A code that names no value of the enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownCode(pub String);

/// Writes an enum's code table: `wire_codes!(Status { Normal => "normal", … })`
/// gives `Status::ALL` (in the order listed), `code()`, `from_code()`,
/// `FromStr` and [`WireCode`]. Every variant must be listed (the `match` in
/// `code()` is exhaustive).
#[macro_export]
macro_rules! wire_codes {
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order of its code table.
            pub const ALL: [$ty; $crate::wire_codes!(@count $($variant)+)] = [$($ty::$variant),+];

            /// The wire and database code (serde's spelling).
            pub fn code(self) -> &'static str {
                match self {
                    $($ty::$variant => $code,)+
                }
            }

            /// The value of a code; `None` for a code it does not have.
            pub fn from_code(code: &str) -> Option<$ty> {
                match code {
                    $($code => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::wire::WireCode for $ty {
            fn all() -> &'static [$ty] {
                &$ty::ALL
            }
            fn wire_code(self) -> &'static str {
                $ty::code(self)
            }
            fn from_wire_code(code: &str) -> Option<$ty> {
                $ty::from_code(code)
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = $crate::wire::UnknownCode;
            fn from_str(code: &str) -> Result<$ty, Self::Err> {
                $ty::from_code(code).ok_or_else(|| $crate::wire::UnknownCode(code.to_owned()))
            }
        }
    };
    (@count) => { 0usize };
    (@count $head:ident $($tail:ident)*) => { 1usize + $crate::wire_codes!(@count $($tail)*) };
}

#[cfg(test)]
mod tests {
    use super::WireCode;
    use crate::api::administrator_change::ChangeStatus;
    use crate::api::authority::AdminAccountState;
    use crate::api::roster::RosterSort;
    use crate::api::{DeregistrationState, ReviewKind};
    use crate::campaign::AfterDeadline;
    use crate::domain::{
        PhysicianLevel, PracticeCategory, PracticeStatus, ReviewStage, System, Title, TitleTier,
    };
    use crate::eligibility::CriterionCode;
    use crate::id_number::Gender;
    use crate::license::LicenseStatus;
    use crate::photo_rejection::PhotoRejection;

    /// The code table agrees with serde both ways, `FromStr` round-trips,
    /// codes are distinct, and an unknown code is refused.
    fn agrees<T>(count: usize)
    where
        T: WireCode
            + serde::Serialize
            + serde::de::DeserializeOwned
            + std::fmt::Debug
            + PartialEq
            + std::str::FromStr,
        <T as std::str::FromStr>::Err: std::fmt::Debug,
    {
        let all = T::all();
        assert_eq!(all.len(), count, "{}", std::any::type_name::<T>());
        let mut codes = std::collections::HashSet::new();
        for &value in all {
            let code = value.wire_code();
            assert!(codes.insert(code), "{code} twice");
            assert_eq!(serde_json::to_value(value).unwrap(), code, "{value:?}");
            assert_eq!(serde_json::from_value::<T>(code.into()).unwrap(), value);
            assert_eq!(code.parse::<T>().unwrap(), value);
            assert_eq!(T::from_wire_code(code), Some(value));
        }
        assert!("no_such_code".parse::<T>().is_err());
        assert_eq!(T::from_wire_code(""), None);
    }

    #[test]
    fn every_wire_enum_agrees_with_serde() {
        agrees::<PhysicianLevel>(4);
        agrees::<System>(2);
        agrees::<PracticeCategory>(4);
        agrees::<PracticeStatus>(4);
        agrees::<TitleTier>(4);
        agrees::<Title>(10);
        agrees::<Gender>(2);
        agrees::<LicenseStatus>(4);
        agrees::<AfterDeadline>(2);
        agrees::<CriterionCode>(7);
        agrees::<PhotoRejection>(5);
        agrees::<ReviewKind>(2);
        agrees::<DeregistrationState>(3);
        agrees::<ChangeStatus>(3);
        agrees::<AdminAccountState>(3);
        agrees::<ReviewStage>(3);
        agrees::<RosterSort>(4);
        agrees::<crate::api::ErrorCode>(59);
    }
}
