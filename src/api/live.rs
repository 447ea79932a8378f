//! A live coverage's entries (contract v3, «Live coverage»): the conditional GET the live
//! island polls with. Its own module of `api`, called only from the island, so that none
//! of it is in the first view's wasm.

use contract::live::{parse_live_entries, LiveEntries};
use gloo_net::http::Request;
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

use super::{invalid, ApiError};
use crate::config::Config;
use crate::dom;

/// What a poll learnt: the entries when they changed (`None`: a 304, nothing new), their
/// `ETag` for the next poll, and the answer's `max-age`, how long until the next.
pub struct Polled {
    pub entries: Option<LiveEntries>,
    pub etag: Option<String>,
    pub max_age: Option<u32>,
}

/// The entries at `path` (relative to `api_base`, or absolute), asked with `If-None-Match`
/// when `etag` is the last one's: a 304 costs only the answer's head. With a validator of
/// its own the request never takes the browser's cached copy (fetch's rule), so only the
/// first, without one, may (for at most the answer's `max-age`). A 404 is no entries yet.
/// Aborted after [`TIMEOUT_MS`], its body too: a stalled request must not stop the polling.
pub async fn entries(config: &Config, path: &str, etag: Option<&str>) -> Result<Polled, ApiError> {
    // `AbortSignal.timeout()`, called through `Reflect` (no import of its own, and nothing
    // thrown where a browser lacks it: there the request has no timeout).
    let signal = Reflect::get(
        &leptos::prelude::window(),
        &JsValue::from_str("AbortSignal"),
    )
    .ok()
    .and_then(|class| dom::call(&class, "timeout", Some(&JsValue::from(TIMEOUT_MS))))
    .map(JsCast::unchecked_into::<web_sys::AbortSignal>);
    let mut request = Request::get(&config.api_url(path)).abort_signal(signal.as_ref());
    if let Some(tag) = etag {
        request = request.header("If-None-Match", tag);
    }
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    let headers = response.headers();
    let polled = |entries| Polled {
        entries,
        etag: headers.get("etag"),
        max_age: headers.get("cache-control").as_deref().and_then(max_age),
    };
    match response.status() {
        304 => Ok(polled(None)),
        200..=299 => {
            let text = response.text().await.map_err(|_| ApiError::Network)?;
            let doc = parse_live_entries(&text).map_err(|e| invalid(e.0))?;
            Ok(polled(Some(doc)))
        }
        404 | 410 => Err(ApiError::NotFound),
        status => Err(ApiError::Status(status)),
    }
}

/// How long a poll may take, its body read.
const TIMEOUT_MS: u32 = 20_000;

/// `max-age`'s seconds in a `Cache-Control` value (`public, max-age=30`).
fn max_age(cache_control: &str) -> Option<u32> {
    cache_control.split(',').find_map(|part| {
        let (name, value) = part.trim().split_once('=')?;
        name.eq_ignore_ascii_case("max-age")
            .then(|| value.trim().trim_matches('"').parse().ok())?
    })
}
