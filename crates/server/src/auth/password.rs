//! Password (and security-answer) hashing: argon2id with the OWASP minimum
//! parameters (19 MiB, 2 passes, 1 lane), always off the async runtime.

use std::sync::OnceLock;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{AppError, AppResult};

fn hasher() -> Argon2<'static> {
    // Unwrap: the parameters are constants inside argon2's accepted ranges.
    let params = Params::new(19_456, 2, 1, None).expect("argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(secret: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()
        .hash_password(secret.as_bytes(), &salt)?
        .to_string())
}

/// Hashes a secret into a PHC string.
pub async fn hash(secret: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&secret))
        .await?
        .map_err(|e| AppError::Internal(format!("argon2 hash: {e}")))
}

/// Checks a secret against a stored PHC string. A malformed stored hash
/// counts as a mismatch (and is logged), never as a 500 that would tell an
/// attacker something.
pub async fn verify(secret: String, phc: String) -> AppResult<bool> {
    Ok(
        tokio::task::spawn_blocking(move || match PasswordHash::new(&phc) {
            Ok(parsed) => hasher().verify_password(secret.as_bytes(), &parsed).is_ok(),
            Err(e) => {
                tracing::error!(error = %e, "stored password hash is malformed");
                false
            }
        })
        .await?,
    )
}

/// A valid hash of a random secret, verified against when the username is
/// unknown so that unknown and known users take the same time to answer.
pub fn dummy_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let random: [u8; 16] = rand::random();
            hash_blocking(&format!("{random:?}")).expect("hash of a random secret")
        })
        .clone()
}
