//! Small pieces shared by every view: the fetch state, loading, error and not-found views.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::config::Config;
use crate::text;

/// Data being fetched: `None` while it loads, then the answer.
pub type Loaded<T> = ReadSignal<Option<Result<T, ApiError>>, LocalStorage>;

/// Starts `fetch` now and again on each call of the returned retry callback (which shows the
/// loading state meanwhile). A signal and a task instead of `LocalResource`: the resource's
/// async-derived machinery weighs about 15 KB of wasm that this page does not need.
pub fn load<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> (Loaded<T>, UnsyncCallback<()>)
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let (state, set_state) = signal_local(None);
    let run = UnsyncCallback::new(move |()| {
        set_state.set(None);
        let fut = fetch();
        leptos::task::spawn_local(async move {
            let result = fut.await;
            // The view may be gone by now (the reader moved on): then nothing to update.
            let _ = set_state.try_set(Some(result));
        });
    });
    run.run(());
    (state, run)
}

/// A polite "loading" line, announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="na-status" role="status">{text::LOADING}</p> }
}

/// The reader's message for an error, in Vietnamese.
pub fn error_message(error: &ApiError) -> String {
    match error {
        ApiError::NotFound => text::NOT_FOUND_BODY.to_string(),
        ApiError::Status(code) => format!("{} {code}.", text::ERR_SERVER),
        ApiError::Network => text::ERR_NETWORK.to_string(),
        ApiError::Timeout => text::ERR_TIMEOUT.to_string(),
        ApiError::Invalid(_) => text::ERR_INVALID.to_string(),
    }
}

/// An error with a «Thử lại» button that runs `retry`. With `page`, it is the whole main
/// column: it then has the page's `h1`, which a reader arriving by a link is taken to.
#[component]
pub fn ErrorView(
    error: ApiError,
    retry: UnsyncCallback<()>,
    #[prop(optional)] page: bool,
) -> impl IntoView {
    if page {
        // The tab's title must not go on naming the page the reader left.
        if let Some(config) = use_context::<Config>() {
            crate::head::page(&config, text::ERROR_TITLE);
        }
        crate::route::arrived();
    }
    view! {
        {page.then(|| view! { <h1 id="na-title" class="na-title" tabindex="-1">{text::ERROR_TITLE}</h1> })}
        <div class="na-error" role="alert">
            <p>{error_message(&error)}</p>
            <button type="button" class="na-button" on:click=move |_| retry.run(())>
                {text::RETRY}
            </button>
        </div>
    }
}

/// The not-found view, with a link to the front page.
#[component]
pub fn NotFound() -> impl IntoView {
    let config = expect_context::<Config>();
    crate::head::page(&config, text::NOT_FOUND_TITLE);
    crate::route::arrived();
    view! {
        <section class="na-notfound" aria-labelledby="na-notfound-title">
            <h1 id="na-notfound-title">{text::NOT_FOUND_TITLE}</h1>
            <p>{text::NOT_FOUND_BODY}</p>
            <a href=contract::paths::home_path(&config.base_path)>{text::BACK_HOME}</a>
        </section>
    }
}
