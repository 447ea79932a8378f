//! The approved comments with their replies, in the order the reader chose, with «Xem thêm
//! bình luận» for further pages. The items are the presentation's template
//! (`page::comments`); its buttons are served by one click handler on the list.

use contract::Comment;
use leptos::prelude::*;
use page::comments::Controls;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::text;
use crate::ui::{ErrorView, Loading};

/// Where the list is with its pages.
#[derive(Debug, Clone, PartialEq)]
pub enum ListState {
    /// A page is on its way.
    Loading,
    /// Shown; `next` is the path of the next page, if any.
    Ready { next: Option<String> },
    /// The page at this path failed.
    Failed(ApiError, String),
}

/// The comments shown and where their pages are (one signal for all of it).
#[derive(Debug, Clone)]
pub struct Thread {
    /// In the chosen order, each with its first replies.
    pub items: Vec<Comment>,
    /// All approved top-level comments, when known.
    pub total: Option<u32>,
    /// The pages.
    pub state: ListState,
    /// Ids of the comments this reader likes.
    pub liked: Vec<String>,
    /// The host takes likes (false after a 404 or 405).
    pub likes: bool,
    /// Most liked first («Quan tâm nhất») instead of newest first.
    pub top: bool,
    /// The host offers the most-liked order.
    pub orders: bool,
    /// What to focus once the page on its way is drawn (the order chosen).
    pub refocus: Option<String>,
}

impl Thread {
    /// The comment or reply `id`, wherever it is shown.
    pub fn find(&mut self, id: &str) -> Option<&mut Comment> {
        self.items.iter_mut().find_map(|c| {
            if c.id == id {
                return Some(c);
            }
            c.replies
                .as_mut()
                .and_then(|r| r.items.iter_mut().find(|r| r.id == id))
        })
    }
}

/// The list; `load` fetches the page at a path and appends it; `act` gets the button of
/// the template that was pressed.
#[component]
pub fn CommentList(
    thread: RwSignal<Thread>,
    load: UnsyncCallback<String>,
    act: UnsyncCallback<web_sys::Element>,
) -> impl IntoView {
    view! {
        <div
            class="na-thread"
            inner_html=move || {
                thread
                    .with(|t| {
                        let controls = Controls { liked: &t.liked, likes: t.likes };
                        let orders = t.orders.then_some(t.top);
                        page::comments::list(&t.items, &controls, orders).into_string()
                    })
            }
            on:click=move |ev| {
                let button = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.closest("button").ok().flatten());
                if let Some(button) = button {
                    act.run(button);
                }
            }
        ></div>
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
