//! Which clicks are the app's: links inside the app's own element to a route of the app, on
//! the same origin, opened in place. Listened to on that element only (never the whole
//! window, so a host page's links are untouched), and not at all when embedded.

use contract::paths::{parse_route, Route};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{AddEventListenerOptions, Element, Event, HtmlAnchorElement, MouseEvent};

use super::Nav;
use crate::api;
use crate::config::Config;
use crate::life::Life;

/// The app link an event happened on, with its route, if it is one the app can show itself.
fn app_link(ev: &Event, config: &Config) -> Option<(HtmlAnchorElement, Route)> {
    let target: Element = ev.target()?.dyn_into().ok()?;
    let a: HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    let same_origin = a.origin() == window().location().origin().ok()?;
    let new_context = !matches!(a.target().as_str(), "" | "_self") || a.has_attribute("download");
    if !same_origin || new_context {
        return None;
    }
    match parse_route(&a.pathname(), &a.search(), &config.base_path) {
        Route::NotFound => None,
        route => Some((a, route)),
    }
}

/// Handles a click or a link intent on the app's element: a plain click on an app link is
/// `follow`ed in place (its default prevented); a hover, focus or touch on an article link
/// starts fetching that article.
pub fn on_link_event(ev: &Event, config: &Config, follow: impl FnOnce(&str, Route)) {
    if ev.type_() != "click" {
        if let Some((_, Route::Article { slug, .. })) = app_link(ev, config) {
            api::prefetch_article(config, &slug);
        }
        return;
    }
    if !plain_click(ev) {
        return;
    }
    if let Some((a, route)) = app_link(ev, config) {
        ev.prevent_default();
        follow(&a.href(), route);
    }
}

/// A click the page may take (the app's links, the gallery's thumbnails): the main button,
/// no modifier (which opens a new tab or window: the browser's), not taken already.
pub fn plain_click(ev: &Event) -> bool {
    ev.dyn_ref::<MouseEvent>().is_some_and(|click| {
        !(click.default_prevented()
            || click.button() != 0
            || click.meta_key()
            || click.ctrl_key()
            || click.shift_key()
            || click.alt_key())
    })
}

/// Puts `handler` on `root` for clicks and link intents (hover, focus, touch). Plain DOM
/// listeners rather than `on:` attributes: one closure for four events costs the wasm less
/// than four typed handlers.
pub fn listen_on(root: &Element, handler: &Closure<dyn FnMut(Event)>) {
    let passive = AddEventListenerOptions::new();
    passive.set_passive(true);
    let callback = handler.as_ref().unchecked_ref();
    let _ = root.add_event_listener_with_callback("click", callback);
    for intent in ["mouseover", "focusin", "touchstart"] {
        let _ = root.add_event_listener_with_callback_and_add_event_listener_options(
            intent, callback, &passive,
        );
    }
}

/// Listens on the app's mount element when the app owns the page.
pub fn listen(nav: Nav, config: &Config, life: Life) {
    if config.embedded() {
        return;
    }
    let Some(root) = crate::config::find_mount() else {
        return;
    };
    let config = config.clone();
    let handler = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
        on_link_event(&ev, &config, |href, route| nav.go(href, route, &life));
    });
    listen_on(&root, &handler);
    // The listeners live as long as the page: the app is never unmounted.
    handler.forget();
}
