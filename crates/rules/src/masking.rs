//! Least data shown: how identity numbers, phones and email addresses are
//! masked wherever a page or a message shows them. The newtypes
//! (`ResidentId`, `MobileNumber`, `Email`) mask their parsed values; the
//! functions here mask what a database holds, which may predate today's
//! validation (an imported 15-digit ID, a passport number), the same way.

/// Keeps the first `head` and last `tail` characters and stars the rest;
/// stars everything when the text is too short to keep any.
pub(crate) fn keep_ends(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// A stored identity-document number as the registry shows it: first 3 and
/// last 4 characters kept.
pub fn id_number(stored: &str) -> String {
    keep_ends(stored, 3, 4)
}

/// A stored mobile number: `138****5678`.
pub fn phone(stored: &str) -> String {
    crate::phone::MobileNumber::parse(stored)
        .map(|m| m.masked())
        .unwrap_or_else(|_| id_number(stored))
}

/// A stored email address: `z***@example.cn`.
pub fn email(stored: &str) -> String {
    crate::email::Email::parse(stored)
        .map(|m| m.masked())
        .unwrap_or_else(|_| id_number(stored))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_number_keeps_three_and_four() {
        assert_eq!(id_number("110101199003074518"), "110***********4518");
        assert_eq!(id_number("110101900307451"), "110********7451");
        assert_eq!(id_number("E1234567"), "E12*4567");
        assert_eq!(id_number("1234567"), "*******");
    }

    #[test]
    fn the_parsed_and_the_stored_masks_agree() {
        let id = crate::id_number::parse_structure("11010519491231002X").unwrap();
        assert_eq!(id.masked(), id_number("11010519491231002X"));
        assert_eq!(phone("13812345678"), "138****5678");
        assert_eq!(email("zhang@example.cn"), "z***@example.cn");
    }
}
