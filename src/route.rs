//! URL ↔ route, and in-app navigation: the only module that touches `location` and
//! `history`. Clicks are taken from links inside the app's own element only (never the
//! whole window, so a host page's links are untouched), and not at all when embedded.

use contract::paths::{parse_path, Route};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{
    AddEventListenerOptions, Element, Event, HtmlAnchorElement, MouseEvent, ScrollRestoration,
};

use crate::api;
use crate::config::Config;

/// What the next page to show should do with scroll and focus.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Arrival {
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
pub fn initial(config: &Config) -> Route {
    match &config.article {
        Some(slug) => Route::Article {
            category: String::new(),
            slug: slug.clone(),
        },
        None => parse_path(&location_path(), &config.base_path),
    }
}

fn location_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Creates the navigation state, and listens to Back/Forward unless embedded.
pub fn provide(config: &Config) -> Nav {
    let nav = Nav {
        route: RwSignal::new(initial(config)),
        arrival: StoredValue::new(Arrival::Load),
    };
    if !config.embedded() {
        if let Ok(history) = window().history() {
            let _ = history.set_scroll_restoration(ScrollRestoration::Manual);
        }
        let base = config.base_path.clone();
        let handle = window_event_listener_untyped("popstate", move |ev: Event| {
            let y = ev
                .unchecked_ref::<web_sys::PopStateEvent>()
                .state()
                .as_f64()
                .unwrap_or(0.0);
            nav.arrival.set_value(Arrival::Restore(y));
            crate::takeover::done();
            nav.route.set(parse_path(&location_path(), &base));
        });
        // The listener lives as long as the page: the app is never unmounted.
        std::mem::forget(handle);
    }
    provide_context(nav);
    nav
}

/// Called by a page once its content is in the DOM: applies the scroll and focus of the way
/// the reader came (once). Without navigation (a component mounted alone) it does nothing.
pub fn arrived() {
    if let Some(nav) = use_context::<Nav>() {
        nav.arrive();
    }
}

impl Nav {
    fn arrive(&self) {
        let arrival = self.arrival.get_value();
        self.arrival.set_value(Arrival::Load);
        if arrival == Arrival::Load {
            return;
        }
        request_animation_frame(move || match arrival {
            Arrival::Restore(y) => restore_scroll(y, 20),
            _ => {
                window().scroll_to_with_x_and_y(0.0, 0.0);
                // The new title, for screen readers and keyboard users: tabindex="-1".
                if let Ok(Some(h1)) = document().query_selector(".news-app .na-main h1") {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = h1
                        .unchecked_into::<web_sys::HtmlElement>()
                        .focus_with_options(&options);
                }
            }
        });
    }

    /// Shows `route` at `href` without reloading: remembers the scroll of the page left.
    fn go(&self, href: &str, route: Route) {
        let Ok(history) = window().history() else {
            return;
        };
        let y = window().scroll_y().unwrap_or(0.0);
        let _ = history.replace_state(&JsValue::from_f64(y), "");
        if history
            .push_state_with_url(&JsValue::NULL, "", Some(href))
            .is_ok()
        {
            // A prerendered page still shown is the page being left.
            crate::takeover::done();
            self.arrival.set_value(Arrival::Top);
            self.route.set(route);
        }
    }
}

/// Scrolls back to `y`. Parts of the page below the article (comments) may still be loading,
/// so the page may be too short for `y` at first: try again a little later, for a second.
fn restore_scroll(y: f64, tries: u32) {
    window().scroll_to_with_x_and_y(0.0, y);
    let reached = (window().scroll_y().unwrap_or(y) - y).abs() < 2.0;
    if !reached && tries > 0 {
        set_timeout(
            move || restore_scroll(y, tries - 1),
            std::time::Duration::from_millis(50),
        );
    }
}

/// The app link an event happened on, with its route, if it is one the app can show itself.
fn app_link(ev: &Event, config: &Config) -> Option<(HtmlAnchorElement, Route)> {
    let target: Element = ev.target()?.dyn_into().ok()?;
    let a: HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    let same_origin = a.origin() == window().location().origin().ok()?;
    let new_context = !matches!(a.target().as_str(), "" | "_self") || a.has_attribute("download");
    if !same_origin || new_context {
        return None;
    }
    match parse_path(&a.pathname(), &config.base_path) {
        Route::NotFound => None,
        route => Some((a, route)),
    }
}

/// Listens for clicks and link intents on the app's own mount element, and only when the
/// app owns the page: embedded, it installs nothing and its links navigate as usual. Plain
/// DOM listeners rather than `on:` attributes: one closure for four events costs the wasm
/// less than four typed handlers.
pub fn listen(nav: Nav, config: &Config) {
    if config.embedded() {
        return;
    }
    let Some(root) = crate::config::find_mount() else {
        return;
    };
    let config = config.clone();
    let handler = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
        match ev.dyn_ref::<MouseEvent>().filter(|_| ev.type_() == "click") {
            Some(click) => on_click(click, nav, &config),
            None => on_intent(&ev, &config),
        }
    });
    let passive = AddEventListenerOptions::new();
    passive.set_passive(true);
    let callback = handler.as_ref().unchecked_ref();
    let _ = root.add_event_listener_with_callback("click", callback);
    for intent in ["mouseover", "focusin", "touchstart"] {
        let _ = root.add_event_listener_with_callback_and_add_event_listener_options(
            intent, callback, &passive,
        );
    }
    // The listeners live as long as the page: the app is never unmounted.
    handler.forget();
}

/// Follows an app link in place.
fn on_click(ev: &MouseEvent, nav: Nav, config: &Config) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    if let Some((a, route)) = app_link(ev, config) {
        ev.prevent_default();
        nav.go(&a.href(), route);
    }
}

/// Starts fetching the article behind a link the reader is about to follow.
fn on_intent(ev: &Event, config: &Config) {
    if let Some((_, Route::Article { slug, .. })) = app_link(ev, config) {
        api::prefetch_article(config, &slug);
    }
}
