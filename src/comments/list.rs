//! The approved comments, newest first, with «Xem thêm bình luận» for older pages.

use contract::Comment;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::text;
use crate::ui::{ErrorView, Loading};

/// Where the list is with its pages.
#[derive(Debug, Clone, PartialEq)]
pub enum ListState {
    /// A page is on its way.
    Loading,
    /// Shown; `next` is the path of the next, older page, if any.
    Ready { next: Option<String> },
    /// The page at this path failed.
    Failed(ApiError, String),
}

/// The comments shown and where their pages are (one signal for all of it).
#[derive(Debug, Clone)]
pub struct Thread {
    /// Newest first.
    pub items: Vec<Comment>,
    /// All approved comments, when known.
    pub total: Option<u32>,
    /// The pages.
    pub state: ListState,
}

/// The list; `load` fetches the page at a path and appends it.
#[component]
pub fn CommentList(thread: RwSignal<Thread>, load: UnsyncCallback<String>) -> impl IntoView {
    view! {
        <ol
            class="na-comment-list"
            inner_html=move || thread.with(|t| page::comments::comments(&t.items).into_string())
        ></ol>
        {move || match thread.with(|t| t.state.clone()) {
            ListState::Loading => view! { <Loading/> }.into_any(),
            ListState::Failed(error, path) => {
                let retry = UnsyncCallback::new(move |()| load.run(path.clone()));
                view! { <ErrorView error retry/> }.into_any()
            }
            ListState::Ready { next: Some(path) } => {
                view! {
                    <button type="button" class="na-button na-more" on:click=move |_| load.run(path.clone())>
                        {text::MORE_COMMENTS}
                    </button>
                }
                    .into_any()
            }
            ListState::Ready { next: None } => {
                thread
                    .with(|t| t.items.is_empty())
                    .then(|| view! { <p class="na-empty">{text::NO_COMMENTS}</p> })
                    .into_any()
            }
        }}
    }
}
