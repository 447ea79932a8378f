//! The reader's comforts in the article's markup: the reading time beside the date, and the
//! controls (share, listen, text size, dark mode) under the title and the share controls at
//! the end. The controls are static HTML with `data-na-act` (buttons) and `data-na-share`
//! (links); they stay hidden (style/comforts.css) until the comforts island, loaded once the
//! article is on screen, marks the mount element (`data-na-tools`, `data-na-share`,
//! `data-na-speech`) and serves them with one click handler there.

use contract::{Article, Block};
use maud::{html, Markup};

use crate::render::Render;
use crate::words;

/// Words a minute of a reader of Vietnamese: syllables written apart, about 200 a minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// The reading time of `blocks` in whole minutes, rounded up, at least one: the words of the
/// paragraphs (their text, without tags), subheadings and quotes; images count nothing.
pub fn reading_minutes(blocks: &[Block]) -> usize {
    let words: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { html } => count_words(&strip_tags(html)),
            Block::Heading { text, .. } => count_words(text),
            Block::Quote { text, cite } => {
                count_words(text) + cite.as_deref().map_or(0, count_words)
            }
            _ => 0,
        })
        .sum();
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// Words: what whitespace separates, with a letter or a digit in it (ASCII, or a letter of
/// the Latin blocks Vietnamese is written in and beyond, but not a dash or a quotation mark
/// of General Punctuation). Not `char::is_alphanumeric`: its Unicode tables cost the wasm KBs.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            w.chars().any(|c| {
                c.is_ascii_alphanumeric() || (c >= 'À' && !('\u{2000}'..='\u{206F}').contains(&c))
            })
        })
        .count()
}

/// The text of inline HTML: tags become spaces (entities count as a word's letters).
pub(crate) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// «4 phút đọc».
pub fn reading_time(a: &Article) -> Markup {
    html! { span.na-reading { (reading_minutes(&a.body)) " " (words::READING_TIME) } }
}

/// The controls under the title: share, listen (the recording when the article has one),
/// text size and the dark mode switch.
pub fn tools(a: &Article, r: &Render) -> Markup {
    html! {
        div.na-tools role="group" aria-label=(words::TOOLS) {
            (share(a))
            @if let Some(src) = a.audio.as_ref().and_then(|au| (r.image_src)(&au.src)) {
                button.na-tool type="button" data-na-act="listen" aria-pressed="false" { (words::LISTEN) }
                audio.na-audio controls preload="none" src=(src) aria-label=(words::AUDIO_LABEL) hidden {}
            } @else {
                button.na-tool.na-speak type="button" data-na-act="speak" aria-pressed="false" { (words::LISTEN) }
            }
            span.na-size role="group" aria-label=(words::TEXT_SIZE) {
                // The name holds what is seen («A−: Giảm cỡ chữ»), WCAG 2.5.3.
                button.na-tool type="button" data-na-act="smaller" {
                    "A−" span.na-visually-hidden { ": " (words::SMALLER) }
                }
                button.na-tool type="button" data-na-act="larger" {
                    "A+" span.na-visually-hidden { ": " (words::LARGER) }
                }
            }
            button.na-tool.na-theme type="button" data-na-act="theme" aria-pressed="false" { (words::DARK_MODE) }
        }
    }
}

/// The share controls: «Chia sẻ» (the system's sheet) or «Facebook», «Zalo» and «Sao chép
/// liên kết», and the live region that says the address was copied.
pub fn share(a: &Article) -> Markup {
    let url = a
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    html! {
        div.na-share role="group" aria-label=(words::SHARE_LABEL) {
            button.na-tool.na-native type="button" data-na-act="share" { (words::SHARE) }
            a.na-tool.na-link href=(share_link("facebook", url)) data-na-share="facebook"
                target="_blank" rel="noopener" { (words::SHARE_FACEBOOK) }
            a.na-tool.na-link href=(share_link("zalo", url)) data-na-share="zalo"
                target="_blank" rel="noopener" { (words::SHARE_ZALO) }
            button.na-tool.na-link type="button" data-na-act="copy" { (words::COPY_LINK) }
            span.na-share-status role="status" {}
        }
    }
}

/// The share address of `network` for `url`; `#` until the island knows the address.
pub fn share_link(network: &str, url: Option<&str>) -> String {
    let Some(url) = url else {
        return "#".into();
    };
    let url = encode(url);
    match network {
        "facebook" => format!("https://www.facebook.com/sharer/sharer.php?u={url}"),
        _ => format!("https://button-share.zalo.me/share_external?layout=1&color=blue&customize=false&href={url}"),
    }
}

/// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The article's address, on paper only (style/comforts.css shows `data-href` after the
/// words): the article's `url` here; the island writes the address it shares. An attribute,
/// not text, so that the article's text is the same in the page and in the app.
pub fn print_address(a: &Article) -> Markup {
    html! { p.na-print-url data-href=(a.url.as_deref().unwrap_or_default()) { (words::ADDRESS) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> Block {
        Block::Paragraph { html: s.into() }
    }

    #[test]
    fn reading_time_rounds_up_and_is_at_least_a_minute() {
        assert_eq!(reading_minutes(&[]), 1);
        assert_eq!(reading_minutes(&[para("một hai ba")]), 1);
        let w200 = vec!["chữ"; 200].join(" ");
        assert_eq!(reading_minutes(&[para(&w200)]), 1);
        assert_eq!(reading_minutes(&[para(&w200), para("thêm")]), 2);
        assert_eq!(
            reading_minutes(&[para(&w200), para(&w200), para(&w200), para("x")]),
            4
        );
    }

    #[test]
    fn words_are_counted_without_tags_in_headings_and_quotes_not_images() {
        // «<b>Tam</b>Kỳ»: the tag splits two words; a lone dash is not a word.
        let blocks = [
            para("<b>Tam</b>Kỳ – <a href=\"x\">Quảng Nam</a>"),
            Block::Heading {
                text: "Hai chữ".into(),
                level: 2,
            },
            Block::Quote {
                text: "ba chữ nữa".into(),
                cite: Some("Ông A".into()),
            },
        ];
        let words: usize = blocks
            .iter()
            .map(|b| reading_minutes(std::slice::from_ref(b)))
            .sum();
        assert_eq!(words, 3);
        assert_eq!(
            count_words(&strip_tags("<b>Tam</b>Kỳ – <a href=\"x\">Quảng Nam</a>")),
            4
        );
    }

    #[test]
    fn share_links_encode_the_address() {
        assert_eq!(share_link("facebook", None), "#");
        assert_eq!(
            share_link("facebook", Some("https://a.vn/x y?q=1")),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa.vn%2Fx%20y%3Fq%3D1"
        );
        assert!(share_link("zalo", Some("https://a.vn/")).ends_with("href=https%3A%2F%2Fa.vn%2F"));
    }
}
