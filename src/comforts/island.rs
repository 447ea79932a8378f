//! The comforts island's entry and its code. With the `split` feature (the release build)
//! `mount` is a split point: the first call fetches the part of the wasm that holds this
//! code. One click handler on the mount element serves every control of the article
//! (`data-na-act` buttons, `data-na-share` links), whichever copy of the article is on
//! screen (a prerendered page's, or the app's), and the mount element's attributes show
//! them (style/comforts.css).

use std::cell::{Cell, RefCell};

use js_sys::{Function, Object, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, HtmlMediaElement, SpeechSynthesisUtterance};

use crate::config::{self, Config};

/// The text size steps: 0 smaller, 1 the default, 2 and 3 larger.
const SIZES: i32 = 4;
const SIZE_KEY: &str = "na-text-size";
const THEME_KEY: &str = "na-theme";

// The island's own state, outside any view: its one click handler lives on the mount
// element as long as the page (the app's views come and go under it), and reads the article
// on screen from here. The main part of the wasm cannot hold it: its type is this part's.
thread_local! {
    /// The address and title of the article on screen.
    static SHOWN: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
    static WIRED: Cell<bool> = const { Cell::new(false) };
}

/// Serves the controls of the article `title` (its `url`, its route `path`).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(comforts, wasm_split_path = ::leptos::wasm_split)]
pub fn mount(config: Config, title: String, url: Option<String>, path: String) {
    draw(config, title, url, path)
}

/// Serves the controls of the article `title` (its `url`, its route `path`).
#[cfg(not(feature = "split"))]
pub async fn mount(config: Config, title: String, url: Option<String>, path: String) {
    draw(config, title, url, path)
}

fn draw(config: Config, title: String, url: Option<String>, path: String) {
    let Some(root) = config::find_mount() else {
        return;
    };
    let address = address(&config, url, &path);
    fill(&root, &address);
    SHOWN.with(|s| *s.borrow_mut() = (address, title));
    let native =
        Reflect::get(&window().navigator(), &"share".into()).is_ok_and(|f| f.is_function());
    set(
        &root,
        "data-na-share",
        if native { "native" } else { "links" },
    );
    sync(&root, &config);
    if !WIRED.replace(true) {
        wire(root.clone(), config);
    }
    set(&root, "data-na-tools", "");
}

/// The address shared: the article's `url`, else `data-site-url` and its route, else the
/// page's own address (embedded, the portal's page: nothing else is known).
fn address(config: &Config, url: Option<String>, path: &str) -> String {
    if let Some(url) = url.filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        return url;
    }
    if let Some(site) = &config.site_url {
        return format!("{site}{}", path.trim_start_matches('/'));
    }
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

fn shown() -> (String, String) {
    SHOWN.with(|s| s.borrow().clone())
}

/// The share links' and the printed address of every copy of the article.
fn fill(root: &Element, address: &str) {
    for a in all(root, "a[data-na-share]") {
        share_href(&a, address);
    }
    for p in all(root, ".na-print-url") {
        set(&p, "data-href", address);
    }
}

fn share_href(a: &Element, address: &str) {
    let network = a.get_attribute("data-na-share").unwrap_or_default();
    set(
        a,
        "href",
        &page::comforts::share_link(&network, Some(address)),
    );
}

fn wire(root: Element, config: Config) {
    let on_click = {
        let root = root.clone();
        Closure::<dyn Fn(Event)>::new(move |ev: Event| click(&ev, &root, &config))
    };
    let _ = root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    // The recording's own controls play and pause it too: «Nghe bài viết» says which.
    let on_media = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
        let Some(audio) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if let Some(button) = audio
            .parent_element()
            .and_then(|p| p.query_selector("[data-na-act=listen]").ok().flatten())
        {
            let playing = ev.type_() == "play";
            set(
                &button,
                "aria-pressed",
                if playing { "true" } else { "false" },
            );
        }
    });
    for kind in ["play", "pause", "ended"] {
        let _ = root.add_event_listener_with_callback_and_bool(
            kind,
            on_media.as_ref().unchecked_ref(),
            true,
        );
    }
    on_media.forget();
    // Reading aloud is offered only with a Vietnamese voice, which may come later.
    if let Ok(speech) = window().speech_synthesis() {
        let voices = Closure::<dyn Fn()>::new(move || {
            if voice().is_some() {
                set(&root, "data-na-speech", "");
            }
        });
        (voices.as_ref().unchecked_ref::<Function>())
            .call0(&JsValue::NULL)
            .ok();
        speech.set_onvoiceschanged(Some(voices.as_ref().unchecked_ref()));
        voices.forget();
    }
}

fn click(ev: &Event, root: &Element, config: &Config) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if let Ok(Some(a)) = target.closest("a[data-na-share]") {
        // The address of the article on screen, whatever the link was written with.
        share_href(&a, &shown().0);
        return;
    }
    let Ok(Some(button)) = target.closest("[data-na-act]") else {
        return;
    };
    match button.get_attribute("data-na-act").as_deref() {
        Some("share") => share(),
        Some("copy") => copy(&button),
        Some("listen") => listen(&button),
        Some("speak") => speak(root, &button),
        Some("smaller") => resize(root, config, -1),
        Some("larger") => resize(root, config, 1),
        Some("theme") => switch_theme(root, config),
        _ => {}
    }
}

/// The system's share sheet with the article's title and address.
fn share() {
    let (url, title) = shown();
    let nav = window().navigator();
    let data = Object::new();
    let _ = Reflect::set(&data, &"title".into(), &title.into());
    let _ = Reflect::set(&data, &"url".into(), &url.into());
    if let Ok(f) = Reflect::get(&nav, &"share".into()).and_then(|f| f.dyn_into::<Function>()) {
        // A sheet the reader closes rejects: nothing to say.
        await_promise(f.call1(&nav, &data), |_| {});
    }
}

/// The address to the clipboard, then «Đã sao chép liên kết» in the group's live region.
fn copy(button: &Element) {
    let status = button
        .parent_element()
        .and_then(|p| p.query_selector(".na-share-status").ok().flatten());
    if let Some(status) = &status {
        status.set_text_content(None);
    }
    let nav = window().navigator();
    let Ok(clipboard) = Reflect::get(&nav, &"clipboard".into()) else {
        return;
    };
    let Ok(write) =
        Reflect::get(&clipboard, &"writeText".into()).and_then(|f| f.dyn_into::<Function>())
    else {
        return;
    };
    await_promise(write.call1(&clipboard, &shown().0.into()), move |ok| {
        if let (true, Some(status)) = (ok, status) {
            status.set_text_content(Some(page::words::LINK_COPIED));
        }
    });
}

fn await_promise(p: Result<JsValue, JsValue>, then: impl FnOnce(bool) + 'static) {
    let Ok(p) = p.and_then(|p| p.dyn_into::<js_sys::Promise>()) else {
        return then(false);
    };
    spawn_local(async move { then(JsFuture::from(p).await.is_ok()) });
}

/// Plays or pauses the article's recording (its controls show once it has played).
fn listen(button: &Element) {
    let Some(audio) = button
        .parent_element()
        .and_then(|p| p.query_selector("audio").ok().flatten())
        .and_then(|a| a.dyn_into::<HtmlMediaElement>().ok())
    else {
        return;
    };
    if audio.paused() {
        audio.remove_attribute("hidden").ok();
        await_promise(audio.play().map(JsValue::from), |_| {});
    } else {
        audio.pause().ok();
    }
}

/// A Vietnamese voice of the browser's speech synthesis.
fn voice() -> Option<web_sys::SpeechSynthesisVoice> {
    let voices = window().speech_synthesis().ok()?.get_voices();
    voices
        .iter()
        .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
        .find(|v| v.lang().to_ascii_lowercase().starts_with("vi"))
}

/// Reads the article aloud (title, lead, body), or stops.
fn speak(root: &Element, button: &Element) {
    let Ok(speech) = window().speech_synthesis() else {
        return;
    };
    if speech.speaking() {
        speech.cancel();
        set(button, "aria-pressed", "false");
        return;
    }
    let text: Vec<String> = all(root, ".na-title, .na-lead, .na-body > *")
        .iter()
        .filter_map(|el| el.text_content())
        .collect();
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text.join("\n")) else {
        return;
    };
    utterance.set_lang("vi-VN");
    utterance.set_voice(voice().as_ref());
    let done = {
        let button = button.clone();
        Closure::<dyn Fn()>::new(move || set(&button, "aria-pressed", "false"))
    };
    utterance.set_onend(Some(done.as_ref().unchecked_ref()));
    done.forget();
    set(button, "aria-pressed", "true");
    speech.speak(&utterance);
}

/// Where the size step and the scheme are: <html>, or the mount element when embedded
/// (as boot.js sets them).
fn target(root: &Element, config: &Config) -> Element {
    if config.embedded() {
        root.clone()
    } else {
        document()
            .document_element()
            .unwrap_or_else(|| root.clone())
    }
}

fn size_step(el: &Element) -> i32 {
    el.get_attribute("data-na-size")
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

fn resize(root: &Element, config: &Config, by: i32) {
    let el = target(root, config);
    let step = (size_step(&el) + by).clamp(0, SIZES - 1);
    set(&el, "data-na-size", &step.to_string());
    store(SIZE_KEY, &step.to_string());
    sync(root, config);
}

fn switch_theme(root: &Element, config: &Config) {
    let el = target(root, config);
    let dark = el.get_attribute("data-na-theme").as_deref() == Some("dark");
    let theme = if dark { "light" } else { "dark" };
    set(&el, "data-na-theme", theme);
    store(THEME_KEY, theme);
    sync(root, config);
}

/// The controls' states: the switch pressed in the dark, a size button disabled at its end.
fn sync(root: &Element, config: &Config) {
    let el = target(root, config);
    let dark = el.get_attribute("data-na-theme").as_deref() == Some("dark");
    let step = size_step(&el);
    let flag = |b: bool| if b { "true" } else { "false" };
    for b in all(root, "[data-na-act=theme]") {
        set(&b, "aria-pressed", flag(dark));
    }
    for b in all(root, "[data-na-act=smaller]") {
        set(&b, "aria-disabled", flag(step == 0));
    }
    for b in all(root, "[data-na-act=larger]") {
        set(&b, "aria-disabled", flag(step == SIZES - 1));
    }
}

fn store(key: &str, value: &str) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(key, value);
    }
}

fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}
