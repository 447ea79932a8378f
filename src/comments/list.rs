//! The approved comments with their replies, in the order the reader chose, with «Xem thêm
//! bình luận» for further pages. The items are the presentation's template
//! (`page::comments`), drawn one thread at a time and patched in place (`patch`) when the
//! list changes; its buttons are served by one click handler on the list.

use contract::Comment;
use leptos::prelude::*;
use page::comments::Controls;
use wasm_bindgen::JsCast;

use super::patch::{patch, Drawn};

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
/// the template that was pressed; `drawn` gets the list's holder after each patch.
#[component]
pub fn CommentList(
    thread: RwSignal<Thread>,
    load: UnsyncCallback<String>,
    act: UnsyncCallback<web_sys::Element>,
    drawn: UnsyncCallback<web_sys::Element>,
) -> impl IntoView {
    // The holder starts with the empty list; every change is patched into it.
    let empty = page::comments::list(
        &[],
        &Controls {
            liked: &[],
            likes: false,
        },
        None,
    );
    let draw = move |holder| patch_on_change(holder, thread, drawn);
    view! {
        <div
            class="na-thread"
            inner_html=empty.into_string()
            use:draw
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

/// Given the list's holder as it is made: after each change of `thread`, what changed is
/// patched in (`drawn_before`: what the holder shows), then `drawn` is told.
fn patch_on_change(
    holder: web_sys::Element,
    thread: RwSignal<Thread>,
    drawn: UnsyncCallback<web_sys::Element>,
) {
    let mut drawn_before = Drawn::default();
    let effect = RenderEffect::new(move |_| {
        thread.with(|t| {
            let controls = Controls {
                liked: &t.liked,
                likes: t.likes,
            };
            let threads = t.items.iter().map(|c| {
                (
                    c.id.clone(),
                    page::comments::thread(c, &controls).into_string(),
                )
            });
            let order = t.orders.then(|| page::comments::order(t.top).into_string());
            let before = std::mem::take(&mut drawn_before);
            drawn_before = patch(&holder, order, threads.collect(), before);
        });
        drawn.run(holder.clone());
    });
    // Kept as long as the list.
    on_cleanup(move || drop(effect));
}

/// Focuses the element `selector` finds in the page.
pub(crate) fn focus(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Focuses the element `selector` finds once the list has been patched (a control the
/// reader pressed went away with the change).
pub(crate) fn focus_later(selector: String) {
    request_animation_frame(move || focus(&selector));
}
