//! Cross-site request forgery, refused twice: a write from another site (`Sec-Fetch-Site`,
//! `Origin`) and a form without its session's synchronizer token. The login form's own
//! token (a signed double-submit cookie) is checked in `login.rs`.

use axum::extract::{FromRequest, Request};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use crate::db::desk_rows::Session;
use crate::desk::answer::refused;
use crate::desk::auth;
use crate::desk::form::{field, read_form};
use crate::desk::session::session;
use crate::http::cors;
use crate::state::Shared;

/// A write from another site: its browser says so (`Sec-Fetch-Site`), or its `Origin` is
/// not the host the request was sent to. SameSite=Strict already keeps the cookie off such
/// a request; this refuses it even where a browser would send it.
pub fn from_another_site(headers: &HeaderMap) -> bool {
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v != "same-origin" && v != "none");
    let origin = headers
        .get(axum::http::header::ORIGIN)
        .is_some_and(|o| !cors::same_origin(o, headers.get(axum::http::header::HOST)));
    fetch_site || origin
}

/// A POST of a logged-in moderator: from this site, with the session's token. Anything
/// else is the 403 page, before anything is read or changed: a handler that takes this
/// extractor (last, as it reads the body) never sees a refused write.
pub struct CheckedPost {
    /// The session cookie's digest (its row's key).
    pub digest: String,
    pub session: Session,
    /// The form's fields, in order.
    pub fields: Vec<(String, String)>,
}

impl FromRequest<Shared> for CheckedPost {
    type Rejection = Response;

    async fn from_request(req: Request, state: &Shared) -> Result<Self, Response> {
        let (parts, body) = req.into_parts();
        if from_another_site(&parts.headers) {
            return Err(refused(state, page::words::desk::OTHER_SITE));
        }
        let Some((digest, session)) = session(state, &parts.headers)
            .await
            .map_err(IntoResponse::into_response)?
        else {
            return Err(refused(state, page::words::desk::BAD_TOKEN));
        };
        let fields = read_form(body).await.map_err(IntoResponse::into_response)?;
        if !field(&fields, "csrf").is_some_and(|t| auth::same(t, &session.csrf)) {
            return Err(refused(state, page::words::desk::BAD_TOKEN));
        }
        Ok(CheckedPost {
            digest,
            session,
            fields,
        })
    }
}
