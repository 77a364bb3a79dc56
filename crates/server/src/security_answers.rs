//! Security questions: answers are normalised by the rules crate
//! (`rules::security_answer`), then argon2-hashed like passwords (they are
//! low-entropy secrets).

use rules::security_answer::{normalize_answer, SecurityQuestions};

use crate::auth::password;
use crate::error::AppResult;
use crate::store::{self, AsConn, Db};

pub use rules::security_answer::COUNT;

/// Questions with their hashed answers, ready for [`store`].
pub struct Hashed(Vec<(String, String)>);

/// Hashes the answers (slow: do it before opening a transaction).
pub async fn hash(qa: &SecurityQuestions) -> AppResult<Hashed> {
    let mut hashed = Vec::with_capacity(COUNT);
    for (question, answer) in qa.pairs() {
        hashed.push((question.clone(), password::hash(answer.clone()).await?));
    }
    Ok(Hashed(hashed))
}

/// Stores the hashed answers of an account (replacing older ones); run it in
/// a transaction.
pub async fn store(c: &mut impl AsConn, account_id: i64, hashed: &Hashed) -> AppResult<()> {
    store::recovery::replace_answers(c, account_id, &hashed.0).await?;
    Ok(())
}

/// Checks all answers; true only if every one matches. Always does the same
/// hashing work, and never says which answer was wrong.
///
/// The connection goes back to the pool before the (slow) hashing.
pub async fn check_all(db: &Db, account_id: Option<i64>, answers: &[String]) -> AppResult<bool> {
    let stored = match account_id {
        Some(id) => store::recovery::answer_hashes(&mut db.acquire().await?, id).await?,
        None => Vec::new(),
    };
    let mut all = stored.len() == COUNT && answers.len() == COUNT;
    for i in 0..COUNT {
        let hash = stored.get(i).cloned().unwrap_or_else(password::dummy_hash);
        let given = answers
            .get(i)
            .map(|a| normalize_answer(a))
            .unwrap_or_default();
        all &= password::verify(given, hash).await?;
    }
    Ok(all)
}
