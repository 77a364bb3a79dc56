//! Recovery proofs (`recovery_tokens`: only the SHA-256 of each token) and
//! security answers (argon2 hashes, in question order).

use super::AsConn;

/// Records a proof token.
pub async fn insert_token(
    c: &mut impl AsConn,
    token_hash: &[u8],
    account_id: i64,
    path: &str,
    expires_at: i64,
) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO recovery_tokens (token_hash, account_id, path, expires_at)
         VALUES ($1, $2, $3, $4)";
    execute!(c, SQL, token_hash, account_id, path, expires_at)?;
    Ok(())
}

/// Proofs of an account by a path whose expiry is after `expiring_after`
/// (a proof expires a fixed time after it is issued, so this counts the
/// proofs issued in a window): how many, and the earliest expiry.
pub async fn proofs_expiring_after(
    c: &mut impl AsConn,
    account_id: i64,
    path: &str,
    expiring_after: i64,
) -> sqlx::Result<(i64, Option<i64>)> {
    const SQL: &str = "SELECT COUNT(*), MIN(expires_at) FROM recovery_tokens
         WHERE account_id = $1 AND path = $2 AND expires_at > $3";
    fetch!(
        c,
        query_as(SQL),
        fetch_one,
        account_id,
        path,
        expiring_after
    )
}

/// The account of an unused, unexpired token: (account, username, ID number
/// or empty).
pub async fn token_account(
    c: &mut impl AsConn,
    token_hash: &[u8],
    now: i64,
) -> sqlx::Result<Option<(i64, String, String)>> {
    const SQL: &str = "SELECT t.account_id, a.username, COALESCE(p.id_number, '') FROM recovery_tokens t
         JOIN accounts a ON a.id = t.account_id LEFT JOIN practitioners p ON p.id = a.practitioner_id
         WHERE t.token_hash = $1 AND t.used = FALSE AND t.expires_at >= $2";
    fetch!(c, query_as(SQL), fetch_optional, token_hash, now)
}

/// Spends a token unless it was spent already; true when this call did.
pub async fn spend_token(c: &mut impl AsConn, token_hash: &[u8]) -> sqlx::Result<bool> {
    const SQL: &str =
        "UPDATE recovery_tokens SET used = TRUE WHERE token_hash = $1 AND used = FALSE";
    let n = execute!(c, SQL, token_hash)?;
    Ok(n == 1)
}

/// The security questions of a practitioner's username, in order.
pub async fn questions(c: &mut impl AsConn, username: &str) -> sqlx::Result<Vec<String>> {
    const SQL: &str =
        "SELECT q.question FROM security_answers q JOIN accounts a ON a.id = q.account_id
         WHERE lower(a.username) = lower($1) AND a.role = 'practitioner' ORDER BY q.position";
    fetch!(c, query_scalar(SQL), fetch_all, username)
}

/// The answer hashes of an account, in question order.
pub async fn answer_hashes(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<Vec<String>> {
    const SQL: &str =
        "SELECT answer_hash FROM security_answers WHERE account_id = $1 ORDER BY position";
    fetch!(c, query_scalar(SQL), fetch_all, account_id)
}

/// Replaces the questions and answer hashes of an account (run it in a
/// transaction).
pub async fn replace_answers(
    c: &mut impl AsConn,
    account_id: i64,
    answers: &[(String, String)],
) -> sqlx::Result<()> {
    execute!(
        c,
        "DELETE FROM security_answers WHERE account_id = $1",
        account_id
    )?;
    const SQL: &str = "INSERT INTO security_answers (account_id, position, question, answer_hash)
         VALUES ($1, $2, $3, $4)";
    for (i, (question, hash)) in answers.iter().enumerate() {
        execute!(c, SQL, account_id, i as i64, question, hash)?;
    }
    Ok(())
}
