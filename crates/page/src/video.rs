//! A video in the article's body (contract v3): the browser's own player, no player
//! library (0 B of script for it). `preload="none"` and the poster: no byte of video
//! before the reader presses play, and the poster's width and height reserve the box. An
//! HLS playlist comes first, so that a browser that plays HLS itself (Safari) takes it and
//! the others skip it by its type and take the next (MP4, WebM). The duration is written
//! before play, in words and as an ISO 8601 duration. This template is in the first
//! view's wasm (it draws the article): kept small.

use contract::Video;
use maud::{html, Markup};

use crate::render::Render;
use crate::words;

/// The video's `<figure>`; nothing when its poster's address is refused (the contract's
/// reader has already dropped sources and captions that could not be loaded).
pub fn video(v: &Video, r: &Render) -> Markup {
    let size = v.poster.size();
    let download = v.download().and_then(|s| (r.image_src)(&s.src));
    html! {
        @if let Some(poster) = (r.image_src)(&v.poster.src) {
            figure.na-figure.na-video {
                video controls preload="none" playsinline poster=(poster)
                    width=[size.map(|s| s.0)] height=[size.map(|s| s.1)]
                    aria-label=[(!v.poster.alt.is_empty()).then_some(&v.poster.alt)] {
                    // HLS first (a stable order otherwise: the portal's).
                    @for hls in [true, false] {
                        @for s in v.sources.iter().filter(|s| s.is_hls() == hls) {
                            @if let Some(src) = (r.image_src)(&s.src) {
                                source src=(src) type=(s.kind);
                            }
                        }
                    }
                    @for (i, c) in v.captions.iter().enumerate() {
                        @if let Some(src) = (r.image_src)(&c.src) {
                            track kind="captions" srclang=(c.lang) label=(c.label) src=(src)
                                default[i == 0];
                        }
                    }
                    // Shown only by a browser without video.
                    @if let Some(href) = download {
                        a href=(href) { (words::VIDEO_DOWNLOAD) }
                    }
                }
                @if v.duration_s.is_some() || v.caption.is_some() {
                figcaption {
                    @if let Some(d) = v.duration_s {
                        span.na-duration {
                            (words::VIDEO) " · " time datetime=(iso_duration(d)) { (clock(d)) }
                        }
                        @if v.caption.is_some() { " " }
                    }
                    @if let Some(caption) = &v.caption { (caption) }
                }
                }
            }
        }
    }
}

/// A duration as a clock: `2:35`, `1:02:05`. By hand, not `format!`: the formatting
/// machinery would come into the first view's wasm with it.
pub fn clock(s: u32) -> String {
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let mut out = String::new();
    if h > 0 {
        number(&mut out, h);
        out.push(':');
        two_digits(&mut out, m);
    } else {
        number(&mut out, m);
    }
    out.push(':');
    two_digits(&mut out, s);
    out
}

/// A duration in ISO 8601: `PT2M35S`, `PT1H2M5S`, `PT0S`.
pub fn iso_duration(s: u32) -> String {
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let mut out = String::from("PT");
    for (n, unit) in [(h, 'H'), (m, 'M')] {
        if n > 0 {
            number(&mut out, n);
            out.push(unit);
        }
    }
    if s > 0 || out.len() == 2 {
        number(&mut out, s);
        out.push('S');
    }
    out
}

/// `n` in decimal digits.
fn number(out: &mut String, n: u32) {
    if n >= 10 {
        number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `n` (under 100) in two digits.
fn two_digits(out: &mut String, n: u32) {
    if n < 10 {
        out.push('0');
    }
    number(out, n);
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::{Image, VideoCaptions, VideoSource};

    fn render(v: &Video) -> String {
        video(v, &Render::test("")).into_string()
    }

    fn source(src: &str, kind: &str) -> VideoSource {
        VideoSource {
            src: src.into(),
            kind: kind.into(),
        }
    }

    fn demo() -> Video {
        Video {
            poster: Image {
                src: "images/p.svg".into(),
                alt: "Sóng lớn".into(),
                caption: None,
                credit: None,
                width: Some(640),
                height: Some(360),
            },
            sources: vec![
                source("video/a.webm", "video/webm"),
                source("video/a.mp4", "video/mp4"),
                source("video/a.m3u8", "application/vnd.apple.mpegurl"),
            ],
            captions: vec![
                VideoCaptions {
                    src: "video/a.vi.vtt".into(),
                    lang: "vi".into(),
                    label: "Tiếng Việt".into(),
                },
                VideoCaptions {
                    src: "video/a.en.vtt".into(),
                    lang: "en".into(),
                    label: "English".into(),
                },
            ],
            duration_s: Some(155),
            caption: Some("Cửa Đại".into()),
        }
    }

    #[test]
    fn the_player_loads_nothing_before_play_and_offers_hls_first() {
        assert_eq!(
            render(&demo()),
            "<figure class=\"na-figure na-video\"><video controls preload=\"none\" playsinline \
             poster=\"/api/images/p.svg\" width=\"640\" height=\"360\" aria-label=\"Sóng lớn\">\
             <source src=\"/api/video/a.m3u8\" type=\"application/vnd.apple.mpegurl\">\
             <source src=\"/api/video/a.webm\" type=\"video/webm\">\
             <source src=\"/api/video/a.mp4\" type=\"video/mp4\">\
             <track kind=\"captions\" srclang=\"vi\" label=\"Tiếng Việt\" src=\"/api/video/a.vi.vtt\" default>\
             <track kind=\"captions\" srclang=\"en\" label=\"English\" src=\"/api/video/a.en.vtt\">\
             <a href=\"/api/video/a.mp4\">Tải video về máy</a></video>\
             <figcaption><span class=\"na-duration\">Video · <time datetime=\"PT2M35S\">2:35</time>\
             </span> Cửa Đại</figcaption></figure>"
        );
    }

    #[test]
    fn hostile_values_are_escaped_and_refused_addresses_left_out() {
        let mut v = demo();
        v.poster.alt = "\"><script>alert(1)</script>".into();
        v.sources = vec![source("video/a.mp4?x=\"><b>", "video/mp4\"><i>")];
        v.captions[0].label = "<img src=x onerror=alert(1)>".into();
        v.captions[0].lang = "vi\" onload=\"x".into();
        v.captions[1].src = "javascript:alert(1)".into();
        v.caption = Some("</figcaption><script>".into());
        v.duration_s = None;
        let html = render(&v);
        for hostile in ["<script", "<img", "<b>", "<i>", "javascript:", "\" onload"] {
            assert!(!html.contains(hostile), "{hostile} in {html}");
        }
        assert!(
            html.contains("aria-label=\"&quot;&gt;&lt;script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("type=\"video/mp4&quot;&gt;&lt;i&gt;\""),
            "{html}"
        );
        assert!(
            html.contains("<figcaption>&lt;/figcaption&gt;&lt;script&gt;</figcaption>"),
            "{html}"
        );
        assert_eq!(html.matches("<track").count(), 1, "{html}");
        v.poster.src = "javascript:alert(1)".into();
        assert_eq!(render(&v), "");
    }

    #[test]
    fn durations_read_as_a_clock_and_in_iso_8601() {
        for (s, clock_text, iso) in [
            (0, "0:00", "PT0S"),
            (9, "0:09", "PT9S"),
            (155, "2:35", "PT2M35S"),
            (600, "10:00", "PT10M"),
            (3725, "1:02:05", "PT1H2M5S"),
            (7200, "2:00:00", "PT2H"),
        ] {
            assert_eq!(clock(s), clock_text);
            assert_eq!(iso_duration(s), iso);
        }
    }

    #[test]
    fn without_the_templates_media_blocks_are_marked_for_the_app() {
        let r = Render {
            media: crate::render::Media::NONE,
            ..Render::test("")
        };
        // A gallery as the first stage's reader leaves it.
        let first = contract::parse_article_first(
            r#"{"slug":"a","title":"A","category":{"slug":"b","name":"B"},"published_at":"2024-01-01T00:00:00Z",
                "authors":[],"body":[{"type":"gallery","images":[{"src":"g.svg"}]}]}"#,
        )
        .unwrap();
        let blocks = [
            contract::Block::Video(Box::new(demo())),
            first.body[0].clone(),
            contract::Block::Unknown,
        ];
        let html = crate::article::body(&blocks, &r).into_string();
        // Each left for the app's view to put in; an unknown block is nothing.
        assert_eq!(
            html,
            "<div class=\"na-pending\"></div><div class=\"na-pending\"></div>"
        );
        let r = Render {
            media: crate::media::ALL,
            ..r
        };
        let whole = crate::article::body(&blocks[..1], &r).into_string();
        assert!(
            whole.contains("<video") && !whole.contains("na-pending"),
            "{whole}"
        );
    }
}
