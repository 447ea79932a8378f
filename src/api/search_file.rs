//! The static search index's files (v3, `search/…`): bytes, which only a search on a host
//! without `search.json` reads (`src/search/static_search.rs`).

use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::ApiError;
use crate::config::Config;
use crate::dom;

/// A file of the static search index (v3, `search/…`, bytes), `None` where the host has
/// none: a search needs every file of its syllables at once, and a missing one is a
/// syllable no article has.
pub async fn search_file(config: &Config, path: &str) -> Result<Option<Vec<u8>>, ApiError> {
    let response = Request::get(&config.api_url(path))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match response.status() {
        200..=299 => bytes(response.into()).await.map(Some),
        404 | 410 => Ok(None),
        status => Err(ApiError::Status(status)),
    }
}

/// The body of `response` as bytes, read through calls the main part's glue has already
/// (`Reflect.get`, `Function.call`, `new Uint8Array(buffer, offset, length)`, an index):
/// `Response.arrayBuffer` and `Uint8Array`'s copy would be five imports of the first view's
/// wasm and JS (about 200 B of brotli) for a part only a search on a static host runs.
async fn bytes(response: web_sys::Response) -> Result<Vec<u8>, ApiError> {
    let promise = dom::call(&response, "arrayBuffer", None).ok_or(ApiError::Network)?;
    let buffer = JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map_err(|_| ApiError::Network)?;
    let len = js_sys::Reflect::get(&buffer, &JsValue::from_str("byteLength"))
        .ok()
        .and_then(|n| n.as_f64())
        .ok_or(ApiError::Network)? as u32;
    let view = js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, 0, len);
    let view: &js_sys::Array = view.unchecked_ref();
    Ok((0..len)
        .map(|i| view.get(i).as_f64().unwrap_or(0.0) as u8)
        .collect())
}
