//! The dialog that shows a gallery's image large (`page::gallery::dialog`, made when first
//! opened): a modal `<dialog>` (`showModal`: the page behind is inert, focus moves in, Tab
//! goes round inside it), the image with its caption and «3/12», «Ảnh trước» / «Ảnh sau»,
//! the arrow keys and a horizontal swipe page through the gallery, round from the last to
//! the first; Escape and «Đóng» close it, and focus returns to the thumbnail that opened
//! it. Standalone, opening enters a history entry (`route::overlay`), so that Back on a
//! phone closes the dialog instead of leaving the article; a close by the button or Escape
//! leaves that entry, so no stray one stays.
//!
//! The dialog's methods and the events' fields are called and read by name (`dom`): a
//! typed call is an import of the first view's wasm and glue, whichever part calls it (13
//! of them, about 400 B of the first view, brotli).

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent};

use crate::config;
use crate::dom::{self, prop};
use crate::route::overlay;

/// A swipe: a touch that moves this many CSS pixels sideways pages (less is a tap, or a
/// shaky hold).
const SWIPE_PX: f64 = 50.0;

/// The dialog and what it shows.
struct Viewer {
    dialog: Element,
    /// The links of the gallery open in it, in order.
    photos: Vec<Element>,
    /// The one shown.
    at: usize,
    /// The thumbnail that opened it: focus goes back there.
    opener: Option<Element>,
    /// Its history entry is the current one.
    pushed: bool,
    /// Where a touch began, sideways.
    touch_x: Option<f64>,
}

// The island's own state, outside any view: the dialog lives as long as the page (it is
// made again if a navigation took it away).
thread_local! {
    static VIEWER: RefCell<Option<Viewer>> = const { RefCell::new(None) };
}

fn with<T>(f: impl FnOnce(&mut Viewer) -> T) -> Option<T> {
    VIEWER.with(|v| v.borrow_mut().as_mut().map(f))
}

/// Opens `link`, a thumbnail of `gallery`, large; `embedded`, without a history entry.
pub fn open(gallery: &Element, link: &Element, embedded: bool) {
    let Some(dialog) = dialog() else {
        return;
    };
    let photos = all(gallery, "a[data-na-photo]");
    let at = photos.iter().position(|p| p == link).unwrap_or(0);
    let push = with(|v| {
        v.photos = photos;
        v.opener = Some(link.clone());
        !std::mem::replace(&mut v.pushed, true)
    });
    show(at);
    if dom::call(&dialog, "showModal", None).is_none() {
        with(|v| v.pushed = false);
        return;
    }
    if push == Some(true) && (embedded || !overlay::push()) {
        with(|v| v.pushed = false);
    }
}

/// Back (or Forward) left the dialog's entry: the dialog closes.
pub fn history_left() {
    let open = with(|v| std::mem::replace(&mut v.pushed, false).then(|| v.dialog.clone()));
    if let Some(dialog) = open.flatten() {
        dom::call(&dialog, "close", None);
    }
}

/// The dialog on the page, made and wired when first needed.
fn dialog() -> Option<Element> {
    let shown = with(|v| v.dialog.clone()).filter(|d| d.is_connected());
    if shown.is_some() {
        return shown;
    }
    let mount = config::find_mount()?;
    let html = page::gallery::dialog().into_string();
    mount.insert_adjacent_html("beforeend", &html).ok()?;
    let dialog = mount
        .last_element_child()?
        .query_selector("dialog")
        .ok()??;
    listen(&dialog);
    VIEWER.with(|v| {
        *v.borrow_mut() = Some(Viewer {
            dialog: dialog.clone(),
            photos: Vec::new(),
            at: 0,
            opener: None,
            pushed: false,
            touch_x: None,
        })
    });
    Some(dialog)
}

fn listen(dialog: &Element) {
    let on = |kind: &str, f: Box<dyn Fn(Event)>| {
        let f = Closure::<dyn Fn(Event)>::wrap(f);
        let _ = dialog.add_event_listener_with_callback(kind, f.as_ref().unchecked_ref());
        // The dialog lives as long as the page.
        f.forget();
    };
    on("click", Box::new(click));
    on("keydown", Box::new(key));
    on("close", Box::new(|_| closed()));
    on(
        "pointerdown",
        Box::new(|ev| {
            let mouse = prop(&ev, "pointerType").as_string().as_deref() == Some("mouse");
            let x = prop(&ev, "clientX").as_f64().filter(|_| !mouse);
            with(|v| v.touch_x = x);
        }),
    );
    on(
        "pointerup",
        Box::new(|ev| {
            let start = with(|v| v.touch_x.take()).flatten();
            let (Some(x0), Some(x)) = (start, prop(&ev, "clientX").as_f64()) else {
                return;
            };
            let dx = x - x0;
            if dx.abs() > SWIPE_PX {
                // A finger moving left brings the next image, as on a phone's photos.
                step(if dx < 0.0 { 1 } else { -1 });
            }
        }),
    );
    on(
        "pointercancel",
        Box::new(|_| {
            with(|v| v.touch_x = None);
        }),
    );
}

/// «Đóng», «Ảnh trước», «Ảnh sau».
fn click(ev: Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Ok(Some(button)) = target.closest("[data-na-lb]") else {
        return;
    };
    match button.get_attribute("data-na-lb").as_deref() {
        Some("prev") => step(-1),
        Some("next") => step(1),
        Some("close") => {
            if let Some(dialog) = with(|v| v.dialog.clone()) {
                dom::call(&dialog, "close", None);
            }
        }
        _ => {}
    }
}

/// The arrow keys page; Tab goes round the dialog's buttons (Escape is the dialog's own).
fn key(ev: Event) {
    // A keydown's event is a KeyboardEvent.
    match ev.unchecked_ref::<KeyboardEvent>().key().as_str() {
        "ArrowRight" => step(1),
        "ArrowLeft" => step(-1),
        "Tab" => {
            let Some(dialog) = with(|v| v.dialog.clone()) else {
                return;
            };
            let buttons = all(&dialog, "button");
            let (Some(first), Some(last)) = (buttons.first(), buttons.last()) else {
                return;
            };
            let active = prop(&document(), "activeElement");
            let (from, to) = if prop(&ev, "shiftKey").is_truthy() {
                (first, last)
            } else {
                (last, first)
            };
            let inside =
                dom::call(&dialog, "contains", Some(&active)).is_some_and(|c| c.is_truthy());
            if AsRef::<JsValue>::as_ref(from) == &active || !inside {
                focus(to);
            } else {
                return;
            }
        }
        _ => return,
    }
    ev.prevent_default();
}

/// The dialog closed (by «Đóng», Escape, or Back): focus back on the thumbnail that opened
/// it, and its history entry left if still current.
fn closed() {
    let Some((opener, pushed)) =
        with(|v| (v.opener.take(), std::mem::replace(&mut v.pushed, false)))
    else {
        return;
    };
    if let Some(opener) = opener.filter(|o| o.is_connected()) {
        focus(&opener);
    }
    if pushed {
        overlay::back();
    }
}

/// Shows the image `by` places on, round from the last to the first.
fn step(by: isize) {
    let next = with(|v| {
        let n = v.photos.len() as isize;
        (n > 0).then(|| (v.at as isize + by).rem_euclid(n) as usize)
    });
    if let Some(Some(at)) = next {
        show(at);
    }
}

/// Shows the `at`-th image of the open gallery: its full picture (and the sizes its
/// thumbnail offers), its alt, caption and place.
fn show(at: usize) {
    let Some((dialog, link, n)) = with(|v| {
        v.at = at;
        Some((v.dialog.clone(), v.photos.get(at)?.clone(), v.photos.len()))
    })
    .flatten() else {
        return;
    };
    let find = |root: &Element, selector: &str| root.query_selector(selector).ok().flatten();
    let (Some(big), Some(thumb)) = (find(&dialog, "img"), find(&link, "img")) else {
        return;
    };
    for name in ["srcset", "alt", "width", "height"] {
        match thumb.get_attribute(name) {
            Some(value) => set(&big, name, &value),
            None => {
                let _ = big.remove_attribute(name);
            }
        }
    }
    set(&big, "src", &link.get_attribute("href").unwrap_or_default());
    let caption = link
        .parent_element()
        .and_then(|li| find(&li, ".na-gallery-note"))
        .and_then(|note| note.text_content());
    if let Some(figcaption) = find(&dialog, "figcaption") {
        figcaption.set_text_content(caption.as_deref());
    }
    if let Some(count) = find(&dialog, ".na-lightbox-count") {
        count.set_text_content(Some(&format!("{}/{n}", at + 1)));
    }
}

/// Focuses `el`, a link or a button (an `HtmlElement`).
fn focus(el: &Element) {
    let _ = el.unchecked_ref::<HtmlElement>().focus();
}

fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}
