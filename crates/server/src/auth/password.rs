//! Password (and security-answer) hashing: argon2id with the OWASP minimum
//! parameters (19 MiB, 2 passes, 1 lane), always off the async runtime, and
//! never more at once than the machine has cores: each hash holds 19 MiB, so
//! unbounded parallel sign-ins would take the server's memory (150 at once
//! took it from 0.8 to 3.5 GB). A short queue waits for a turn; past it the
//! request is refused with 503 and `Retry-After` instead of piling up.
//!
//! The hashes run on their own threads, one per core, each with one 19 MiB
//! block of memory allocated once and reused: letting argon2 allocate per
//! hash on tokio's blocking pool left 19 MiB behind in the heap arena of
//! every thread that ever hashed (a peak of 424 MiB after 150 refused
//! sign-ins, and still 253 MiB on dedicated threads, measured).

use std::cell::RefCell;
use std::sync::OnceLock;

use argon2::password_hash::{Output, PasswordHash};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;

use crate::error::{AppError, AppResult};
use crate::workers::{self, Workers};

/// Memory of one hash in KiB (19 MiB), passes, lanes: OWASP's minimum.
const M_COST: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;
/// Length of the hash output and of the salt, bytes.
const OUTPUT_LEN: usize = 32;
const SALT_LEN: usize = 16;

fn params() -> Params {
    // The constants are inside argon2's accepted ranges.
    Params::new(M_COST, T_COST, P_COST, Some(OUTPUT_LEN)).expect("argon2 params")
}

thread_local! {
    /// The hashing thread's argon2 memory, kept between hashes.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// argon2id of `secret` with `salt` into `out`, on this thread's memory.
fn compute(params: Params, secret: &[u8], salt: &[u8], out: &mut [u8]) -> argon2::Result<()> {
    let blocks = params.block_count();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() != blocks {
            *memory = vec![Block::default(); blocks];
        }
        argon.hash_password_into_with_memory(secret, salt, out, &mut memory[..])
    })
}

/// The PHC string of a hash (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`, the
/// format argon2's own `PasswordHash` reads).
fn phc(salt: &[u8], hash: &[u8]) -> String {
    format!(
        "$argon2id$v=19$m={M_COST},t={T_COST},p={P_COST}${}${}",
        STANDARD_NO_PAD.encode(salt),
        STANDARD_NO_PAD.encode(hash)
    )
}

fn hash_blocking(secret: &str) -> argon2::Result<String> {
    let salt: [u8; SALT_LEN] = rand::random();
    let mut out = [0u8; OUTPUT_LEN];
    compute(params(), secret.as_bytes(), &salt, &mut out)?;
    Ok(phc(&salt, &out))
}

/// Whether `secret` matches the stored PHC string (compared in constant
/// time). A malformed or foreign stored hash is a mismatch, and logged.
fn verify_blocking(secret: &str, stored: &str) -> bool {
    let check = || -> Result<bool, String> {
        let parsed = PasswordHash::new(stored).map_err(|e| e.to_string())?;
        if parsed.algorithm != argon2::ARGON2ID_IDENT {
            return Err(format!("algorithm {}", parsed.algorithm));
        }
        let params = Params::try_from(&parsed).map_err(|e| e.to_string())?;
        let mut salt = [0u8; 64];
        let salt = parsed
            .salt
            .ok_or("no salt")?
            .decode_b64(&mut salt)
            .map_err(|e| e.to_string())?;
        let expected = parsed.hash.ok_or("no hash")?;
        let mut out = vec![0u8; expected.len()];
        compute(params, secret.as_bytes(), salt, &mut out).map_err(|e| e.to_string())?;
        // Output's equality is constant-time.
        Ok(Output::new(&out).map_err(|e| e.to_string())? == expected)
    };
    check().unwrap_or_else(|e| {
        tracing::error!(error = %e, "stored password hash is unusable");
        false
    })
}

/// Requests waiting for a turn, per hashing thread (one per core), before
/// new ones are refused: 64, about 1.3 s of waiting at 20 ms a hash. Waiting
/// costs no hash memory, so this bounds the wait, not the memory.
pub const QUEUE_PER_HASH: usize = 64;

/// The hashing threads.
fn hashers() -> &'static Workers {
    static HASHERS: OnceLock<Workers> = OnceLock::new();
    HASHERS.get_or_init(|| Workers::new("argon2", workers::per_core(), QUEUE_PER_HASH, 2))
}

/// Hashes a secret into a PHC string.
pub async fn hash(secret: String) -> AppResult<String> {
    hashers()
        .run(move || hash_blocking(&secret))
        .await?
        .map_err(|e| AppError::Internal(format!("argon2 hash: {e}")))
}

/// Checks a secret against a stored PHC string. A malformed stored hash
/// counts as a mismatch (and is logged), never as a 500 that would tell an
/// attacker something.
pub async fn verify(secret: String, phc: String) -> AppResult<bool> {
    hashers().run(move || verify_blocking(&secret, &phc)).await
}

/// A well-formed hash with the server's parameters that no secret matches
/// (random salt and output), verified against when the username is unknown,
/// so that unknown and known users take the same argon2 work to answer.
pub fn dummy_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let salt: [u8; SALT_LEN] = rand::random();
            let out: [u8; OUTPUT_LEN] = rand::random();
            phc(&salt, &out)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};

    #[test]
    fn hashes_are_standard_phc_strings_both_ways() {
        // Ours verifies with argon2's own verifier...
        let ours = hash_blocking("Horse#Battery9").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        assert!(argon.verify_password(b"Horse#Battery9", &parsed).is_ok());
        assert!(argon.verify_password(b"Horse#Battery8", &parsed).is_err());
        // ...and argon2's own hashes (as stored before) verify with ours.
        let salt = SaltString::encode_b64(b"sixteen byte slt").unwrap();
        let theirs = argon
            .hash_password(b"Demo#2026pass", &salt)
            .unwrap()
            .to_string();
        assert!(verify_blocking("Demo#2026pass", &theirs));
        assert!(!verify_blocking("Demo#2026pasS", &theirs));
        assert!(verify_blocking("Horse#Battery9", &ours));
    }

    #[test]
    fn unusable_hashes_never_match() {
        for stored in [
            "",
            "plain",
            "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
            &dummy_hash(),
        ] {
            assert!(!verify_blocking("anything", stored), "{stored}");
        }
    }
}
