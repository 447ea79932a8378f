//! Every HTTP call of the app. Answers become contract types or an [`ApiError`]; nothing
//! here panics, whatever the network or the server does.

use std::rc::Rc;

use contract::{Article, Summary};
use gloo_net::http::{Request, Response};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::config::Config;

/// How long a GET may take before the reader is offered a retry.
const TIMEOUT_MS: i32 = 15_000;

/// Why data could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 404 or 410: the thing does not exist.
    NotFound,
    /// Any other non-2xx status.
    Status(u16),
    /// No answer: offline, DNS, CORS, connection reset.
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// An answer that is not the contract's JSON (the reason, for the console).
    Invalid(String),
}

/// The article `slug`.
pub async fn article(config: &Config, slug: &str) -> Result<Rc<Article>, ApiError> {
    let text = get_text(&config.api_url(&format!("articles/{slug}.json"))).await?;
    contract::parse_article(&text)
        .map(Rc::new)
        .map_err(|e| invalid(e.0))
}

/// The most-read list, in rank order.
pub async fn most_read(config: &Config) -> Result<Rc<Vec<Summary>>, ApiError> {
    let text = get_text(&config.api_url("most-read.json")).await?;
    contract::parse_summaries(&text)
        .map(Rc::new)
        .map_err(|e| invalid(e.0))
}

fn invalid(reason: String) -> ApiError {
    leptos::logging::warn!("news-app: invalid data: {reason}");
    ApiError::Invalid(reason)
}

/// GETs a URL as text, using the response `boot.js` started before the wasm when there is one.
async fn get_text(url: &str) -> Result<String, ApiError> {
    let response = match take_prefetched(url) {
        Some(promise) => JsFuture::from(promise)
            .await
            .map_err(|_| ApiError::Network)?
            .dyn_into::<web_sys::Response>()
            .map(Response::from)
            .map_err(|_| ApiError::Network)?,
        None => return fetch_text(url).await,
    };
    read_text(response).await
}

async fn fetch_text(url: &str) -> Result<String, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let signal = controller.signal();
    let abort = Closure::once_into_js(move || controller.abort());
    let timer = leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS)
        .ok();
    let result = async {
        let response = Request::get(url)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        read_text(response).await
    }
    .await;
    if let Some(timer) = timer {
        leptos::prelude::window().clear_timeout_with_handle(timer);
    }
    match result {
        Err(ApiError::Network) if signal.aborted() => Err(ApiError::Timeout),
        other => other,
    }
}

async fn read_text(response: Response) -> Result<String, ApiError> {
    match response.status() {
        200..=299 => response.text().await.map_err(|_| ApiError::Network),
        404 | 410 => Err(ApiError::NotFound),
        status => Err(ApiError::Status(status)),
    }
}

/// Takes (once) the fetch `boot.js` began for this URL, so the JSON downloads while the wasm
/// does instead of after it.
fn take_prefetched(url: &str) -> Option<js_sys::Promise> {
    let store =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__newsPrefetch")).ok()?;
    if !store.is_object() {
        return None;
    }
    let key = JsValue::from_str(url);
    let promise = js_sys::Reflect::get(&store, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(store.unchecked_ref::<js_sys::Object>(), &key);
    promise.dyn_into::<js_sys::Promise>().ok()
}
