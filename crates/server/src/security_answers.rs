//! Security questions: answers are normalised, then argon2-hashed like
//! passwords (they are low-entropy secrets).
//!
//! TODO(rules): the normalisation is a domain rule and should move to the
//! rules crate (its `text::normalise` is private today).

use sqlx::SqlitePool;

use crate::auth::password;
use crate::error::{AppError, AppResult};

/// How many questions an account has.
pub const COUNT: usize = 3;

/// Trim, lower-case, fold full-width forms (U+FF01–FF5E, ideographic space)
/// to ASCII, and drop all whitespace, so "  Bei Jing " and "ｂｅｉｊｉｎｇ" match.
pub fn normalise(answer: &str) -> String {
    answer
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Hashes and stores the answers (replacing older ones).
pub async fn store(db: &SqlitePool, account_id: i64, qa: &[(String, String)]) -> AppResult<()> {
    let mut hashed = Vec::with_capacity(qa.len());
    for (question, answer) in qa {
        hashed.push((
            question.trim().to_owned(),
            password::hash(normalise(answer)).await?,
        ));
    }
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM security_answers WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    for (i, (question, hash)) in hashed.iter().enumerate() {
        sqlx::query("INSERT INTO security_answers (account_id, position, question, answer_hash) VALUES (?, ?, ?, ?)")
            .bind(account_id)
            .bind(i as i64)
            .bind(question)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Validates the shape of the questions: exactly three, none empty, all
/// questions different.
pub fn validate(qa: &[(String, String)]) -> AppResult<()> {
    let questions: std::collections::HashSet<String> =
        qa.iter().map(|(q, _)| normalise(q)).collect();
    let ok = qa.len() == COUNT
        && questions.len() == COUNT
        && qa.iter().all(|(q, a)| {
            !q.trim().is_empty() && !normalise(a).is_empty() && a.chars().count() <= 100
        });
    if ok {
        Ok(())
    } else {
        Err(AppError::field(
            "security_questions",
            crate::error::Text::new(
                "请设置 3 个不同的密保问题并填写答案",
                "Set three different security questions, each with an answer",
            ),
        ))
    }
}

/// Checks all answers; true only if every one matches. Always does the same
/// hashing work, and never says which answer was wrong.
pub async fn check_all(
    db: &SqlitePool,
    account_id: Option<i64>,
    answers: &[String],
) -> AppResult<bool> {
    let stored: Vec<(String,)> =
        match account_id {
            Some(id) => sqlx::query_as(
                "SELECT answer_hash FROM security_answers WHERE account_id = ? ORDER BY position",
            )
            .bind(id)
            .fetch_all(db)
            .await?,
            None => Vec::new(),
        };
    let mut all = stored.len() == COUNT && answers.len() == COUNT;
    for i in 0..COUNT {
        let hash = stored
            .get(i)
            .map(|(h,)| h.clone())
            .unwrap_or_else(password::dummy_hash);
        let given = answers.get(i).map(|a| normalise(a)).unwrap_or_default();
        all &= password::verify(given, hash).await?;
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalisation() {
        assert_eq!(super::normalise("  Bei Jing "), "beijing");
        assert_eq!(super::normalise("ＢＥＩ\u{3000}ｊｉｎｇ"), "beijing");
        assert_eq!(super::normalise("北京 协和"), "北京协和");
    }
}
