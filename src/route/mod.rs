//! URL ↔ route, and in-app navigation: the only module that touches `location` and
//! `history` (`history.rs`); which clicks are the app's is `links.rs`.

mod history;
mod links;
pub mod overlay;

use contract::paths::{parse_path, parse_route, Route};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, ScrollRestoration};

use crate::life::Life;

pub use history::push;
pub use links::{listen, listen_on, on_link_event, plain_click};

/// What the next page to show should do with scroll and focus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arrival {
    /// The first page of the visit: leave both to the browser.
    Load,
    /// A link was followed: top of the page, focus on the new title.
    Top,
    /// Back or Forward: the scroll position the reader left it at.
    Restore(f64),
}

/// The current route and how the reader arrived at it (in the context).
#[derive(Clone, Copy)]
pub struct Nav {
    /// The page to show.
    pub route: RwSignal<Route>,
    arrival: StoredValue<Arrival>,
}

/// The route of the page as loaded; an embedded article ignores the URL.
pub fn initial(config: &crate::config::Config) -> Route {
    match &config.article {
        Some(slug) => Route::Article {
            category: String::new(),
            slug: slug.clone(),
        },
        None => parse_path(&history::location_path(), &config.base_path),
    }
}

/// The route of the current address, its query too (a search's words, the pages shown):
/// what the app's part reads, where the main part needs the path alone ([`initial`]).
fn here(config: &crate::config::Config) -> Route {
    match &config.article {
        Some(_) => initial(config),
        None => parse_route(
            &history::location_path(),
            &history::location_search(),
            &config.base_path,
        ),
    }
}

/// Creates the navigation state for the page at the current URL, reached by `arrival`, and
/// listens to Back/Forward unless embedded (leaving the page `life` owns for another).
pub fn provide(config: &crate::config::Config, arrival: Arrival, life: Life) -> Nav {
    let nav = Nav {
        route: RwSignal::new(here(config)),
        arrival: StoredValue::new(arrival),
    };
    if !config.embedded() {
        if let Ok(history) = window().history() {
            let _ = history.set_scroll_restoration(ScrollRestoration::Manual);
        }
        let config = config.clone();
        let handle = window_event_listener_untyped("popstate", move |ev: Event| {
            // Back or Forward to the address shown (a dialog's entry, `overlay`, or an
            // in-page anchor's) leaves the page as it is.
            let route = here(&config);
            if nav.route.get_untracked() == route {
                return;
            }
            let y = ev
                .unchecked_ref::<web_sys::PopStateEvent>()
                .state()
                .as_f64()
                .unwrap_or(0.0);
            nav.arrival.set_value(Arrival::Restore(y));
            life.leave();
            nav.route.set(route);
        });
        // The listener lives as long as the page: the app is never unmounted.
        std::mem::forget(handle);
    }
    provide_context(nav);
    nav
}

/// How many pages of its list the address of a list page asks for (`?trang=N`).
pub fn list_pages() -> u32 {
    contract::paths::list_pages(&history::location_search())
}

/// Writes into the address that `pages` pages of the list are shown, so that Back and a
/// reload come back to them (the same history entry: «Xem thêm» is not a new page).
pub fn keep_list_pages(pages: u32) {
    history::replace(&contract::paths::list_address(
        &history::location_path(),
        pages,
    ));
}

/// Gives the current history entry the address `href`: a page showing more of itself
/// (another page of search results), which Back and a reload come back to.
pub fn keep_address(href: &str) {
    history::replace(href);
}

/// Called by a page once its content is in the DOM: applies the scroll and focus of the way
/// the reader came (once). Without navigation (a component mounted alone) it does nothing.
pub fn arrived() {
    if let Some(nav) = nav() {
        nav.arrived();
    }
}

/// The app's navigation, for a page that arrives later than its view is made; `None` for
/// a component mounted alone.
pub fn nav() -> Option<Nav> {
    use_context::<Nav>()
}

impl Nav {
    /// [`arrived`], for a page whose content came after its view was made.
    pub fn arrived(self) {
        let arrival = self.arrival.get_value();
        self.arrival.set_value(Arrival::Load);
        history::arrive(arrival);
    }

    /// Shows `route` at `href` without reloading: remembers the scroll of the page left
    /// (`life`'s).
    pub fn go(&self, href: &str, route: Route, life: &Life) {
        if push(href) {
            life.leave();
            self.arrival.set_value(Arrival::Top);
            self.route.set(route);
        }
    }
}
