//! Components in a real browser (wasm-bindgen-test, headless Chromium): the article view
//! mounted with a fixture, and the sanitiser against hostile HTML.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use leptos::prelude::*;
use news_app::article::ArticleView;
use news_app::config::Config;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The browser's parse, the allowlist's walk and the template's HTML, as the article uses them.
fn sanitize(html: &str, base_path: &str) -> String {
    page::inline::render(&news_app::article::sanitize::sanitize(html), base_path).into_string()
}

const FIXTURE: &str = r#"{
  "slug": "khoi-thi-dua-tong-ket",
  "title": "Khối thi đua các cơ quan công tác Đảng hội nghị tổng kết",
  "lead": "Chiều nay 2.2, Khối thi đua tổ chức hội nghị.",
  "category": {"slug": "chinh-tri", "name": "Chính Trị"},
  "published_at": "2023-02-02T09:30:00Z",
  "authors": [{"name": "Đại Quang"}],
  "body": [
    {"type": "paragraph", "html": "Nhìn chung, <strong>phong trào</strong> <a href=\"kinh-te/gia-lua\">đạt kết quả</a>."},
    {"type": "livestream", "url": "x"},
    {"type": "image", "src": "images/hoi-nghi.svg", "alt": "Toàn cảnh hội nghị", "caption": "Hội nghị chiều nay 2.2", "credit": "Đại Quang", "width": 800, "height": 450},
    {"type": "heading", "text": "Nhiệm vụ năm 2023", "level": 2},
    {"type": "quote", "text": "Thi đua là yêu nước.", "cite": "Chủ tịch Hồ Chí Minh"}
  ],
  "comments": {"enabled": true, "count": 0}
}"#;

/// A fresh element in the body to mount into.
fn container() -> HtmlElement {
    let doc = document();
    let el: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn config() -> Config {
    let mut c = Config::with_api_base("https://tin.example/api/");
    c.base_path = "/tin".into();
    c
}

fn mount_article(json: &str) -> HtmlElement {
    let el = container();
    let article = Rc::new(contract::parse_article(json).expect("fixture parses"));
    let cfg = config();
    leptos::mount::mount_to(el.clone(), move || {
        provide_context(cfg);
        view! { <ArticleView article/> }
    })
    .forget();
    el
}

fn text_of(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn article_view_shows_every_part_of_the_article() {
    let root = mount_article(FIXTURE);
    let crumbs: Vec<String> = (0..2)
        .map(|i| {
            root.query_selector_all(".na-breadcrumb a")
                .unwrap()
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("href")
                .unwrap()
        })
        .collect();
    assert_eq!(crumbs, ["/tin/", "/tin/chinh-tri"]);
    assert_eq!(text_of(&root, ".na-breadcrumb"), "Trang chủChính Trị");
    assert_eq!(
        text_of(&root, "h1"),
        "Khối thi đua các cơ quan công tác Đảng hội nghị tổng kết"
    );
    assert_eq!(
        text_of(&root, ".na-lead"),
        "Chiều nay 2.2, Khối thi đua tổ chức hội nghị."
    );
    // 09:30 UTC is 16:30 in Vietnam.
    let time = root.query_selector("time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2023-02-02T09:30:00Z")
    );
    assert_eq!(
        time.text_content().as_deref(),
        Some("Thứ Năm, 02/02/2023, 16:30 (GMT+7)")
    );
    assert_eq!(
        root.query_selector(".na-body p strong")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("phong trào")
    );
    let link = root.query_selector(".na-body p a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/tin/kinh-te/gia-lua")
    );
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener"));
    let img = root.query_selector("figure img").unwrap().unwrap();
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some("https://tin.example/api/images/hoi-nghi.svg")
    );
    assert_eq!(img.get_attribute("width").as_deref(), Some("800"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("450"));
    assert_eq!(
        img.get_attribute("alt").as_deref(),
        Some("Toàn cảnh hội nghị")
    );
    assert_eq!(
        text_of(&root, "figure figcaption"),
        "Hội nghị chiều nay 2.2 Ảnh: Đại Quang"
    );
    assert_eq!(text_of(&root, ".na-body h2"), "Nhiệm vụ năm 2023");
    assert_eq!(text_of(&root, "blockquote cite"), "Chủ tịch Hồ Chí Minh");
    assert_eq!(text_of(&root, ".na-byline"), "Tác giả: Đại Quang");
    // The unknown "livestream" block rendered nothing: paragraph, figure, h2, blockquote.
    assert_eq!(
        root.query_selector(".na-body")
            .unwrap()
            .unwrap()
            .child_element_count(),
        4
    );
    assert_eq!(
        document().title(),
        "Khối thi đua các cơ quan công tác Đảng hội nghị tổng kết"
    );
}

#[wasm_bindgen_test]
fn article_view_without_optional_fields() {
    let root = mount_article(
        r#"{"slug":"ngan","title":"Tin ngắn","category":{"slug":"xa-hoi","name":"Xã Hội"},
            "published_at":"not a date","authors":[],"body":[]}"#,
    );
    assert_eq!(text_of(&root, "h1"), "Tin ngắn");
    assert!(root.query_selector(".na-lead").unwrap().is_none());
    assert!(root.query_selector("time").unwrap().is_none());
    assert!(root.query_selector(".na-byline").unwrap().is_none());
    assert!(root.query_selector("figure").unwrap().is_none());
}

const HOSTILE: &[&str] = &[
    r#"<img src=x onerror="window.__pwned=1">"#,
    r#"<a href="javascript:window.__pwned=1">a</a>"#,
    r#"<a href="JaVaScRiPt:window.__pwned=1">b</a>"#,
    r#"<a href="   javascript:window.__pwned=1">c</a>"#,
    r#"<a href="&#x6A;avascript:window.__pwned=1">d</a>"#,
    r#"<a href="java&#x09;script:window.__pwned=1">e</a>"#,
    r#"<a href="data:text/html,<script>parent.__pwned=1</script>">f</a>"#,
    r#"<svg onload="window.__pwned=1"><circle r=1></circle></svg>"#,
    r#"<svg><a href="javascript:window.__pwned=1"><text>g</text></a></svg>"#,
    r#"<iframe src="javascript:parent.__pwned=1"></iframe>"#,
    r#"<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>"#,
    r#"<style>@import 'x'; body{display:none}</style>"#,
    r#"<script>window.__pwned=1</script>"#,
    r#"<strong onclick="window.__pwned=1" style="color:red" class="x" id="y">h</strong>"#,
    r#"<a href="https://ok.example/" onmouseover="window.__pwned=1" target="_blank" style="x">i</a>"#,
    r#"<details open ontoggle="window.__pwned=1">j</details>"#,
    r#"<math><mi xlink:href="javascript:window.__pwned=1">k</mi></math>"#,
    r#"<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">"#,
    r#"<form><button formaction="javascript:window.__pwned=1">l</button></form>"#,
    r#"<body onload="window.__pwned=1">m"#,
    r#"<object data="javascript:window.__pwned=1"></object><embed src="javascript:window.__pwned=1">"#,
    r#"<input autofocus onfocus="window.__pwned=1">"#,
    r#"<video><source onerror="window.__pwned=1"></video>"#,
    r#"<<script>script>window.__pwned=1<</script>/script>"#,
];

fn pwned() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"__pwned".into())
        .map(|v| !v.is_undefined())
        .unwrap_or(false)
}

#[wasm_bindgen_test]
async fn sanitiser_lets_nothing_through_and_nothing_runs() {
    let root = container();
    for html in HOSTILE {
        let safe = sanitize(html, "");
        let lower = safe.to_ascii_lowercase();
        for banned in [
            "<img",
            "<svg",
            "<iframe",
            "<style",
            "<script",
            "<details",
            "<math",
            "<form",
            "<button",
            "<input",
            "<object",
            "<embed",
            "<video",
            "<source",
            "javascript:",
            "data:",
            " on",
            "style=",
            "class=",
            "id=",
            "target=",
            "title=",
        ] {
            assert!(
                !lower.contains(banned),
                "{banned:?} survived in {safe:?} from {html:?}"
            );
        }
        // Put the output in the live document, as the article view does.
        let p = document().create_element("p").unwrap();
        p.set_inner_html(&safe);
        root.append_child(&p).unwrap();
    }
    // Event handlers and loads are asynchronous: give them time to fire.
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 300)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
    assert!(!pwned(), "a payload ran");
    for el in (0..root.query_selector_all("*").unwrap().length()).filter_map(|i| {
        root.query_selector_all("*")
            .unwrap()
            .item(i)
            .map(|n| n.unchecked_into::<web_sys::Element>())
    }) {
        let names = el.get_attribute_names();
        for i in 0..names.length() {
            let name = names.get(i).as_string().unwrap();
            assert!(
                name == "href" || name == "rel",
                "attribute {name} on <{}>",
                el.local_name()
            );
        }
        assert!(
            ["p", "a", "strong", "b", "em", "i", "u", "br", "sub", "sup"]
                .contains(&el.local_name().as_str()),
            "element <{}> in the DOM",
            el.local_name()
        );
    }
}

#[wasm_bindgen_test]
fn sanitiser_keeps_the_allowlist_and_the_text() {
    assert_eq!(
        sanitize(
            r#"Chiều <b>nay</b> <i>2.2</i>,<br>tỉnh <u>Quảng</u> <em>Nam</em> H<sub>2</sub>O x<sup>2</sup> <span class="c">và <strong>đậm</strong></span> <a href="https://baoquangnam.vn/a?b=1&amp;c=2" target="_blank">báo</a>"#,
            "/tin"
        ),
        "Chiều <b>nay</b> <i>2.2</i>,<br>tỉnh <u>Quảng</u> <em>Nam</em> H<sub>2</sub>O x<sup>2</sup> và <strong>đậm</strong> <a href=\"https://baoquangnam.vn/a?b=1&amp;c=2\" rel=\"noopener\">báo</a>"
    );
    // Text that looks like markup stays text.
    assert_eq!(
        sanitize("1 &lt; 2 &amp;&amp; 3 &gt; 2", ""),
        "1 &lt; 2 &amp;&amp; 3 &gt; 2"
    );
    // A disallowed element is replaced by its text; a dropped one vanishes with its content.
    assert_eq!(sanitize("<div>a<p>b</p></div><script>c</script>", ""), "ab");
    // Absurd nesting is flattened, not a stack overflow.
    let deep = "<span>".repeat(5000) + "x";
    assert_eq!(sanitize(&deep, ""), "x");
}
