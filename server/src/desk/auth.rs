//! Secrets of the desk: passwords (argon2id PHC strings), session tokens (256 random bits
//! in the cookie, only their SHA-256 in the database, so a copy of the database logs no one
//! in), CSRF tokens (the session's synchronizer token; before login, a signed double-submit
//! cookie), and the cookies that carry them.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use cookie::{Cookie, SameSite};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "quan_tri_phien";
/// The login form's CSRF cookie's name.
pub const LOGIN_COOKIE: &str = "quan_tri_dang_nhap";
/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The most bytes of a password: argon2 takes any length, the form's body need not.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// `n` random bytes from the operating system, as hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    // No randomness from the OS is not something to run a login without.
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a token, as stored.
pub fn digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Compares secrets in constant time (a byte-by-byte early exit would time the guess).
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The argon2id PHC string of a password (the crate's defaults: OWASP's m=19 MiB, t=2, p=1).
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("random source: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` is the one `stored` was made from. Without an account (`None`) a
/// hash is still checked, against a throwaway one, so that the time taken does not tell
/// whether the name exists.
pub fn verify_password(stored: Option<&str>, password: &str) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password(&random_hex(16)).unwrap_or_default());
    let phc = stored.unwrap_or(dummy);
    let ok = PasswordHash::new(phc).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    });
    ok && stored.is_some()
}

/// Why a new password is refused, in Vietnamese (the command line says it to the newsroom).
pub fn password_problem(password: &str) -> Option<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Some(format!(
            "mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD_CHARS} ký tự"
        ))
    } else if password.len() > MAX_PASSWORD_BYTES {
        Some(format!(
            "mật khẩu quá dài: tối đa {MAX_PASSWORD_BYTES} byte"
        ))
    } else {
        None
    }
}

/// The signing key of the login form's CSRF cookie. It is kept in the database
/// (`secrets`), made by the first server that needs it: a form served by one server is
/// accepted by another behind the same load balancer, and a restart leaves it valid.
pub struct LoginKey(Vec<u8>);

/// The key's name in the database's `secrets`.
pub const LOGIN_KEY_SECRET: &str = "desk-login-key";

impl LoginKey {
    /// A new random key, as the database keeps it (hex).
    pub fn generate() -> String {
        random_hex(32)
    }

    /// The key of its stored form.
    pub fn from_stored(hex: &str) -> LoginKey {
        LoginKey(hex.as_bytes().to_vec())
    }

    /// The form's token for the cookie's nonce: an attacker who can plant a cookie
    /// (a sibling subdomain) still cannot make the token that goes with it.
    pub fn sign(&self, nonce: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("any key length");
        mac.update(b"desk-login:");
        mac.update(nonce.as_bytes());
        hex(&mac.finalize().into_bytes())
    }

    /// Whether the form's token goes with the cookie's nonce.
    pub fn check(&self, nonce: &str, token: &str) -> bool {
        !nonce.is_empty() && same(&self.sign(nonce), token)
    }
}

/// A cookie of the desk: never readable by scripts, never sent by another site's request,
/// only to the desk's paths, and `Secure` when the desk is reached over https.
pub fn cookie(name: &str, value: &str, path: &str, secure: bool, max_age: i64) -> String {
    Cookie::build((name, value))
        .path(path.to_string())
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age))
        .build()
        .to_string()
}

/// The value of cookie `name` in a request's `Cookie` headers.
pub fn read_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_argon2id_and_checked() {
        let h = hash_password("mật khẩu dài đủ").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(Some(&h), "mật khẩu dài đủ"));
        assert!(!verify_password(Some(&h), "mật khẩu khác"));
        assert!(!verify_password(None, "mật khẩu dài đủ"));
        assert!(password_problem("ngắn").is_some());
        assert!(password_problem("đủ mười ký tự").is_none());
    }

    #[test]
    fn login_tokens_go_with_their_nonce_only() {
        let key = LoginKey::from_stored(&LoginKey::generate());
        let token = key.sign("abc");
        assert!(key.check("abc", &token));
        assert!(!key.check("abd", &token));
        assert!(!key.check("", &key.sign("")));
        assert!(!LoginKey::from_stored(&LoginKey::generate()).check("abc", &token));
    }

    #[test]
    fn cookies_carry_every_flag() {
        let c = cookie(SESSION_COOKIE, "t", "/quan-tri", true, 60);
        for part in [
            "HttpOnly",
            "SameSite=Strict",
            "Path=/quan-tri",
            "Secure",
            "Max-Age=60",
        ] {
            assert!(c.contains(part), "{c}");
        }
        assert!(!cookie(SESSION_COOKIE, "t", "/q", false, 60).contains("Secure"));
    }
}
