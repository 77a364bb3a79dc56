//! Security questions: answers are normalised by the rules crate
//! (`rules::security_answer`), then argon2-hashed like passwords (they are
//! low-entropy secrets).

use sqlx::SqlitePool;

use rules::api::SecurityAnswer;
use rules::security_answer::{normalize_answer, SecurityQuestions};

use crate::auth::password;
use crate::error::{AppError, AppResult};

pub use rules::security_answer::COUNT;

/// Hashes and stores the answers (replacing older ones).
pub async fn store(db: &SqlitePool, account_id: i64, qa: &SecurityQuestions) -> AppResult<()> {
    let mut hashed = Vec::with_capacity(COUNT);
    for (question, answer) in qa.pairs() {
        hashed.push((question.clone(), password::hash(answer.clone()).await?));
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

/// Validates the questions and answers of a registration (the rules
/// crate's check), as a field error of `security_questions`.
pub fn validate(qa: &[SecurityAnswer]) -> AppResult<SecurityQuestions> {
    SecurityQuestions::parse(qa).map_err(|e| AppError::field_rule("security_questions", &e))
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
        let given = answers
            .get(i)
            .map(|a| normalize_answer(a))
            .unwrap_or_default();
        all &= password::verify(given, hash).await?;
    }
    Ok(all)
}
