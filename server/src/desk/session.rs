//! A moderator's session: the session cookie looked up (and its idle time renewed), and
//! whether the request came over https, which decides the cookies' `Secure`.

use std::net::SocketAddr;

use axum::http::HeaderMap;

use crate::clock;
use crate::db::desk_rows::Session;
use crate::desk::auth::{self, SESSION_COOKIE};
use crate::http::blocking::with_db;
use crate::http::error::ApiError;
use crate::state::Shared;

/// Whether the request came over https: the site is public over https, or a trusted proxy
/// says so (`X-Forwarded-Proto`, believed only from a proxy named with `--trusted-proxy`).
pub fn over_https(state: &Shared, peer: SocketAddr, headers: &HeaderMap) -> bool {
    state.desk.https_site
        || (state.clients.contains(peer.ip())
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("https")))
}

/// The live session of the request, with its token's digest.
pub async fn session(
    state: &Shared,
    headers: &HeaderMap,
) -> Result<Option<(String, Session)>, ApiError> {
    let Some(token) = auth::read_cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let digest = auth::digest(&token);
    let now = clock::now_unix();
    let limits = state.desk.limits(now);
    let key = digest.clone();
    let found = with_db(&state.db, move |db| db.touch_session(&key, now, limits)).await?;
    Ok(found.map(|s| (digest, s)))
}
