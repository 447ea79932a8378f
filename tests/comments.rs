//! The comment form and list in headless Chromium (wasm-bindgen-test): validation, every
//! answer of the contract, the draft. `window.fetch` is replaced by a stub that records what
//! the app sends and answers what each test needs.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use news_app::comments::{CommentForm, Comments};
use news_app::config::Config;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    HtmlElement, HtmlInputElement, HtmlTextAreaElement, Request, Response, ResponseInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// What the stubbed server answers: status, body, extra header.
#[derive(Clone)]
struct Answer(u16, &'static str, Option<(&'static str, &'static str)>);

/// Requests the app made: (method, url, body).
type Log = Rc<RefCell<Vec<(String, String, String)>>>;

/// Replaces `window.fetch`; `answer` picks the answer for a URL.
fn stub_fetch(answer: impl Fn(&str) -> Answer + 'static) -> Log {
    stub_fetch_gated(answer, js_sys::Promise::resolve(&JsValue::NULL))
}

/// A promise and the function that resolves it: holds an answer back until the test says.
fn gate() -> (js_sys::Promise, js_sys::Function) {
    let mut open = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| open = Some(resolve));
    (promise, open.unwrap())
}

/// Like [`stub_fetch`], every answer waiting for `gate` first.
fn stub_fetch_gated(answer: impl Fn(&str) -> Answer + 'static, gate: js_sys::Promise) -> Log {
    let log: Log = Rc::default();
    let seen = log.clone();
    let fetch = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |req: JsValue| {
        let req: Request = req.unchecked_into();
        let (method, url) = (req.method(), req.url());
        let Answer(status, body, header) = answer(&url);
        let seen = seen.clone();
        let text = req.text().unwrap();
        let gate = gate.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            wasm_bindgen_futures::JsFuture::from(gate).await?;
            let sent = wasm_bindgen_futures::JsFuture::from(text)
                .await?
                .as_string()
                .unwrap_or_default();
            seen.borrow_mut().push((method, url, sent));
            let init = ResponseInit::new();
            init.set_status(status);
            let headers = web_sys::Headers::new()?;
            headers.set("content-type", "application/json")?;
            if let Some((k, v)) = header {
                headers.set(k, v)?;
            }
            init.set_headers(&headers);
            Ok(Response::new_with_opt_str_and_init(Some(body), &init)?.into())
        })
    });
    js_sys::Reflect::set(&window(), &"fetch".into(), fetch.as_ref()).unwrap();
    fetch.forget();
    log
}

fn posts(log: &Log) -> Vec<String> {
    log.borrow()
        .iter()
        .filter(|(m, _, _)| m == "POST")
        .map(|(_, _, b)| b.clone())
        .collect()
}

async fn tick(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn mount(slug: &'static str) -> HtmlElement {
    let doc = document();
    let el: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    leptos::mount::mount_to(el.clone(), move || {
        provide_context(Config::with_api_base("https://tin.example/api/"));
        view! { <CommentForm slug=slug.to_string() on_published=UnsyncCallback::new(|_| {})/> }
    })
    .forget();
    el
}

fn q<T: JsCast>(root: &HtmlElement, sel: &str) -> T {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no {sel}"))
        .unchecked_into()
}

fn text(root: &HtmlElement, sel: &str) -> String {
    q::<HtmlElement>(root, sel)
        .text_content()
        .unwrap_or_default()
}

fn type_into(root: &HtmlElement, sel: &str, value: &str) {
    let el: HtmlElement = q(root, sel);
    if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else {
        el.unchecked_ref::<HtmlInputElement>().set_value(value);
    }
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn submit(root: &HtmlElement) {
    q::<HtmlElement>(root, "button[type=submit]").click();
}

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn empty_fields_show_the_seed_messages_and_nothing_is_sent() {
    let log = stub_fetch(|_| Answer(201, "{}", None));
    let root = mount("empty-fields");
    type_into(&root, "#na-comment-body", "   \n  ");
    submit(&root);
    tick(20).await;
    assert_eq!(
        text(&root, "#na-comment-body-error"),
        "Vui lòng nhập bình luận của bạn"
    );
    assert_eq!(
        text(&root, "#na-comment-name-error"),
        "Vui lòng nhập tên của bạn ở đây"
    );
    assert_eq!(
        q::<HtmlElement>(&root, "#na-comment-body")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(posts(&log).is_empty(), "nothing is sent while invalid");
    // Messages follow the typing once shown: fixing the body clears its message only.
    type_into(&root, "#na-comment-body", "Bài viết hay");
    tick(5).await;
    assert_eq!(text(&root, "#na-comment-body-error"), "");
    assert_eq!(
        text(&root, "#na-comment-name-error"),
        "Vui lòng nhập tên của bạn ở đây"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_pending_answer_clears_the_form_and_says_it_waits() {
    let (held, open) = gate();
    let log = stub_fetch_gated(
        |_| {
            Answer(
                201,
                r#"{"status":"pending","comment":{"id":"c-9","author_name":"An","body":"Hay","created_at":"2023-02-02T10:00:00Z"}}"#,
                None,
            )
        },
        held,
    );
    let root = mount("pending-answer");
    type_into(
        &root,
        "#na-comment-body",
        "  Bài viết rất hay!\nCảm ơn tòa soạn.  ",
    );
    type_into(&root, "#na-comment-name", " Minh An ");
    assert_eq!(
        storage()
            .get_item("news-app:draft:pending-answer:body")
            .unwrap()
            .as_deref(),
        Some("  Bài viết rất hay!\nCảm ơn tòa soạn.  ")
    );
    submit(&root);
    tick(20).await;
    let button: web_sys::HtmlButtonElement = q(&root, "button[type=submit]");
    assert_eq!(
        button.get_attribute("aria-disabled").as_deref(),
        Some("true"),
        "said to be unavailable while sending"
    );
    assert_eq!(button.text_content().as_deref(), Some("Đang gửi…"));
    // A second press (or Enter) while the first is on its way sends nothing more.
    q::<web_sys::HtmlFormElement>(&root, "form")
        .request_submit()
        .unwrap();
    tick(20).await;
    open.call0(&JsValue::NULL).unwrap();
    tick(50).await;
    let sent = posts(&log);
    assert_eq!(
        sent.len(),
        1,
        "one post, however often the button is pressed"
    );
    assert_eq!(
        sent[0],
        r#"{"author_name":"Minh An","body":"Bài viết rất hay!\nCảm ơn tòa soạn.","website":""}"#
    );
    assert!(log.borrow()[0]
        .1
        .ends_with("/api/articles/pending-answer/comments"));
    assert!(text(&root, "[role=status]").contains("đang chờ duyệt"));
    assert_eq!(
        q::<HtmlTextAreaElement>(&root, "#na-comment-body").value(),
        ""
    );
    assert_eq!(
        storage()
            .get_item("news-app:draft:pending-answer:body")
            .unwrap(),
        None
    );
    assert_eq!(button.get_attribute("aria-disabled"), None);
    root.remove();
}

#[wasm_bindgen_test]
async fn server_messages_rate_limits_and_failures_keep_what_was_typed() {
    let answers = Rc::new(RefCell::new(vec![
        Answer(
            422,
            r#"{"errors":{"author_name":"Tên này không được dùng"}}"#,
            None,
        ),
        Answer(429, r#"{"retry_after":30}"#, Some(("Retry-After", "30"))),
        Answer(503, "", None),
        Answer(200, "<html>not json</html>", None),
    ]));
    let queue = answers.clone();
    stub_fetch(move |_| queue.borrow_mut().remove(0));
    let root = mount("failures");
    type_into(&root, "#na-comment-body", "Ý kiến của tôi");
    type_into(&root, "#na-comment-name", "Bình");

    submit(&root);
    tick(50).await;
    assert_eq!(
        text(&root, "#na-comment-name-error"),
        "Tên này không được dùng"
    );

    submit(&root);
    tick(50).await;
    assert!(
        text(&root, "[role=status]").contains("thử lại sau 30 giây"),
        "{}",
        text(&root, "[role=status]")
    );

    for _ in 0..2 {
        submit(&root);
        tick(50).await;
        assert!(text(&root, "[role=status]").contains("Chưa gửi được bình luận"));
        assert_eq!(
            q::<HtmlTextAreaElement>(&root, "#na-comment-body").value(),
            "Ý kiến của tôi"
        );
        assert_eq!(
            q::<HtmlInputElement>(&root, "#na-comment-name").value(),
            "Bình"
        );
    }
    assert!(answers.borrow().is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_draft_comes_back_in_a_new_form_and_the_count_shows_near_the_limit() {
    stub_fetch(|_| Answer(503, "", None));
    storage()
        .set_item("news-app:draft:draft-back:body", "Đang viết dở")
        .unwrap();
    storage()
        .set_item("news-app:draft:draft-back:name", "Hoa")
        .unwrap();
    let root = mount("draft-back");
    tick(5).await;
    assert_eq!(
        q::<HtmlTextAreaElement>(&root, "#na-comment-body").value(),
        "Đang viết dở"
    );
    assert_eq!(
        q::<HtmlInputElement>(&root, "#na-comment-name").value(),
        "Hoa"
    );
    assert_eq!(text(&root, "#na-comment-count"), "");
    type_into(&root, "#na-comment-body", &"ữ".repeat(1900));
    tick(5).await;
    assert_eq!(text(&root, "#na-comment-count"), "Còn 100 ký tự");
    type_into(&root, "#na-comment-body", &"ữ".repeat(2003));
    tick(5).await;
    assert_eq!(text(&root, "#na-comment-count"), "Vượt quá 3 ký tự");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_section_lists_pages_and_shows_a_published_comment_at_the_top() {
    stub_fetch(|url| {
        if url.ends_with("/comments.json") {
            Answer(
                200,
                r#"{"items":[{"id":"c-2","author_name":"Lan <b>","body":"Dòng 1\nDòng 2","created_at":"2023-02-02T10:00:00Z"}],"total":2,"next":"articles/thread/comments-2.json"}"#,
                None,
            )
        } else if url.ends_with("/comments-2.json") {
            Answer(
                200,
                r#"{"items":[{"id":"c-1","author_name":"Cũ","body":"Cũ nhất","created_at":"2023-02-01T10:00:00Z"}],"total":2}"#,
                None,
            )
        } else {
            Answer(
                201,
                r#"{"status":"published","comment":{"id":"c-3","author_name":"Mới","body":"Mới nhất","created_at":"2023-02-03T10:00:00Z"}}"#,
                None,
            )
        }
    });
    let doc = document();
    let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), || {
        provide_context(Config::with_api_base("https://tin.example/api/"));
        view! { <Comments slug="thread".to_string() info=None/> }
    })
    .forget();
    tick(50).await;
    assert_eq!(text(&root, "h2"), "Bình luận (2)");
    assert_eq!(
        text(&root, ".na-comment strong"),
        "Lan <b>",
        "names are text"
    );
    assert_eq!(text(&root, ".na-comment-body"), "Dòng 1\nDòng 2");
    let more: HtmlElement = q(&root, ".na-more");
    assert_eq!(more.text_content().as_deref(), Some("Xem thêm bình luận"));
    more.click();
    tick(50).await;
    assert_eq!(root.query_selector_all(".na-comment").unwrap().length(), 2);
    assert!(
        root.query_selector(".na-more").unwrap().is_none(),
        "no more pages"
    );

    type_into(&root, "#na-comment-body", "Mới nhất");
    type_into(&root, "#na-comment-name", "Mới");
    submit(&root);
    tick(50).await;
    assert_eq!(text(&root, ".na-comment .na-comment-body"), "Mới nhất");
    assert_eq!(text(&root, "h2"), "Bình luận (3)");
    assert!(text(&root, "[role=status]").contains("đã được đăng"));
    root.remove();
}

/// The section of the article `slug`, mounted in a new element of the page.
fn mount_section(slug: &'static str) -> HtmlElement {
    let doc = document();
    let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(Config::with_api_base("https://tin.example/api/"));
        view! { <Comments slug=slug.to_string() info=None/> }
    })
    .forget();
    root
}

const THREAD: &str = r#"{"items":[{"id":"c-1","author_name":"An","body":"Ý kiến","created_at":"2023-02-02T10:00:00Z","likes":2,
  "replies":{"items":[{"id":"r-1","author_name":"Bình","body":"Đồng ý","created_at":"2023-02-02T11:00:00Z"}],"total":1}}],"total":1}"#;

#[wasm_bindgen_test]
async fn a_like_shows_at_once_and_a_refused_one_is_undone_with_a_message() {
    let log = stub_fetch(|url| {
        if url.ends_with("/comments.json") {
            Answer(200, THREAD, None)
        } else {
            Answer(503, "{}", None)
        }
    });
    let root = mount_section("likes-refused");
    tick(50).await;
    assert_eq!(text(&root, "h2"), "Bình luận (2)", "comments and replies");
    let like: HtmlElement = q(&root, "[data-like=\"c-1\"]");
    assert_eq!(like.get_attribute("aria-pressed").as_deref(), Some("false"));
    like.click();
    // At once, before the server answers.
    assert_eq!(like.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(like.text_content().as_deref(), Some("Thích 3"));
    tick(50).await;
    let sent = log.borrow().last().cloned().unwrap();
    assert_eq!(
        (sent.0.as_str(), sent.1.as_str()),
        (
            "POST",
            "https://tin.example/api/articles/likes-refused/comments/c-1/likes"
        )
    );
    assert_eq!(like.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(like.text_content().as_deref(), Some("Thích 2"));
    assert_eq!(
        text(&root, ".na-comments > [role=status]"),
        "Chưa thích được bình luận, vui lòng thử lại."
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_host_without_likes_keeps_the_counts_and_an_accepted_like_is_remembered() {
    stub_fetch(|url| {
        if url.ends_with("/comments.json") {
            Answer(200, THREAD, None)
        } else if url.contains("/likes-off/") {
            Answer(405, "", None)
        } else {
            Answer(200, r#"{"likes":7}"#, None)
        }
    });
    let root = mount_section("likes-kept");
    tick(50).await;
    let like: HtmlElement = q(&root, "[data-like=\"r-1\"]");
    like.click();
    tick(50).await;
    assert_eq!(
        like.text_content().as_deref(),
        Some("Thích 7"),
        "the server's count"
    );
    assert!(storage()
        .get_item("news-app:likes")
        .unwrap()
        .unwrap_or_default()
        .split(' ')
        .any(|id| id == "r-1"));
    root.remove();

    let root = mount_section("likes-off");
    tick(50).await;
    q::<HtmlElement>(&root, "[data-like=\"c-1\"]").click();
    tick(50).await;
    assert!(
        root.query_selector("[data-like]").unwrap().is_none(),
        "no like buttons"
    );
    assert_eq!(text(&root, "#bl-c-1 .na-likes"), "2 lượt thích");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_reply_form_opens_under_its_thread_and_escape_keeps_the_draft() {
    let log = stub_fetch(|url| {
        if url.ends_with("/comments.json") {
            Answer(200, THREAD, None)
        } else {
            Answer(
                201,
                r#"{"status":"pending","comment":{"id":"r-9","author_name":"Chi","body":"Tôi cũng vậy","created_at":"2023-02-02T12:00:00Z"}}"#,
                None,
            )
        }
    });
    let root = mount_section("reply-thread");
    tick(50).await;
    // «Trả lời» on the reply answers its thread.
    q::<HtmlElement>(&root, "#bl-r-1 [data-reply]").click();
    tick(80).await;
    let form: HtmlElement = q(&root, "#bl-c-1 .na-reply-slot form");
    assert_eq!(
        form.get_attribute("aria-label").as_deref(),
        Some("Trả lời bình luận")
    );
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("na-reply-body"),
        "focus in the reply's box"
    );
    type_into(&root, "#na-reply-body", "Tôi cũng vậy");
    let escape = web_sys::KeyboardEventInit::new();
    escape.set_key("Escape");
    escape.set_bubbles(true);
    let key =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &escape).unwrap();
    q::<HtmlElement>(&root, "#na-reply-body")
        .dispatch_event(&key)
        .unwrap();
    tick(30).await;
    assert!(q::<HtmlElement>(&root, ".na-reply-slot > div").has_attribute("hidden"));
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-reply"))
            .as_deref(),
        Some("c-1"),
        "focus back on the thread's «Trả lời»"
    );
    q::<HtmlElement>(&root, "#bl-c-1 > .na-comment-actions [data-reply]").click();
    tick(80).await;
    assert_eq!(
        q::<HtmlTextAreaElement>(&root, "#na-reply-body").value(),
        "Tôi cũng vậy",
        "the draft is kept"
    );
    type_into(&root, "#na-reply-name", "Chi");
    submit(&q::<HtmlElement>(&root, ".na-reply-slot"));
    tick(50).await;
    let sent = posts(&log).pop().unwrap();
    assert!(sent.contains(r#""parent_id":"c-1""#), "{sent}");
    assert!(text(&root, ".na-reply-slot [role=status]").contains("đang chờ duyệt"));
    assert!(
        root.query_selector("#bl-r-9").unwrap().is_none(),
        "a reply waiting for moderation is not shown as published"
    );
    root.remove();
}
