//! A listed article's format (contract v3 `format`: video, gallery, live), before its
//! title inside its link: a small icon the stylesheet draws (`.na-format-video` …,
//! hidden from screen readers) and the format's word, which only screen readers hear, so
//! that the link reads «Video Bão số 5…», as the Vietnamese portals mark theirs.

use contract::Format;
use maud::{html, Markup};

use crate::words;

/// The word a screen reader hears for `f`.
pub fn word(f: Format) -> &'static str {
    match f {
        Format::Video => words::VIDEO,
        Format::Gallery => words::PHOTO,
        Format::Live => words::LIVE_NOW,
    }
}

/// The mark of a summary's format; nothing without one.
pub fn mark(f: Option<Format>) -> Markup {
    html! {
        @if let Some(f) = f {
            span class={ "na-format na-format-" (f.name()) } aria-hidden="true" {}
            span.na-visually-hidden { (word(f)) " " }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_has_its_icon_and_its_word() {
        assert_eq!(mark(None).into_string(), "");
        assert_eq!(
            mark(Some(Format::Video)).into_string(),
            "<span class=\"na-format na-format-video\" aria-hidden=\"true\"></span>\
             <span class=\"na-visually-hidden\">Video </span>"
        );
        for (f, w) in [(Format::Gallery, "Ảnh"), (Format::Live, "Trực tiếp")] {
            let html = mark(Some(f)).into_string();
            assert!(html.contains(&format!("na-format-{}", f.name())), "{html}");
            assert!(html.contains(&format!(">{w} </span>")), "{html}");
        }
    }
}
