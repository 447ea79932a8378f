//! Contract v3's video block and the summaries' format (issue 28): the types, the rules that
//! make a video usable (both readers, the strict one in `decode.rs` and serde's through
//! `RawBlock`, apply the same [`Video::checked`]), and the format an article is listed
//! with.

use serde::{Deserialize, Deserializer, Serialize};

use crate::url::safe_href;
use crate::{Article, Block, Image};

/// The MIME type of an HLS playlist: offered first, played where the browser plays HLS
/// itself (Safari), skipped by its type elsewhere.
pub const HLS_TYPE: &str = "application/vnd.apple.mpegurl";

/// A video in an article's body (v3): `{"type": "video", "poster", "sources", "captions"?,
/// "duration_s"?, "caption"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Video {
    /// The picture shown before play; its width and height reserve the player's box.
    pub poster: Image,
    /// The files, in the portal's order (the page puts HLS first); never empty.
    pub sources: Vec<VideoSource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<VideoCaptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// One file of a video: its address (relative to `api_base`, or absolute http(s)) and
/// MIME type (`video/mp4`, `video/webm`, [`HLS_TYPE`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoSource {
    pub src: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// A WebVTT captions file in one language: `lang` a BCP 47 tag (`vi`), `label` what the
/// player's menu shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoCaptions {
    pub src: String,
    pub lang: String,
    pub label: String,
}

impl Video {
    /// The video the block describes, or `None` when it has no usable poster or no usable
    /// source (the block is then skipped like an unknown one). A source or captions file
    /// whose address could not be loaded is dropped, the rest kept: the same rule as an
    /// image's `src` (`url::safe_href`).
    pub fn checked(
        poster: Option<Image>,
        sources: Vec<VideoSource>,
        captions: Vec<VideoCaptions>,
        duration_s: Option<u32>,
        caption: Option<String>,
    ) -> Option<Video> {
        let poster = poster.filter(|p| usable(&p.src))?;
        let mut sources = sources;
        // `retain`, not a filtered collect: less code in the first view's wasm.
        sources.retain(|s| !s.kind.is_empty() && usable(&s.src));
        if sources.is_empty() {
            return None;
        }
        let mut captions = captions;
        captions.retain(|c| usable(&c.src));
        Some(Video {
            poster,
            sources,
            captions,
            duration_s,
            caption,
        })
    }

    /// The file a browser without HLS plays and a reader without video downloads: the
    /// first MP4, else the first source that is not HLS.
    pub fn download(&self) -> Option<&VideoSource> {
        let plain = || self.sources.iter().filter(|s| !s.is_hls());
        plain()
            .find(|s| s.kind.starts_with("video/mp4"))
            .or_else(|| plain().next())
    }
}

/// An address that may be loaded. Not inlined: `safe_href` three times over cost the first
/// view's wasm.
#[inline(never)]
fn usable(src: &str) -> bool {
    safe_href(src).is_some()
}

impl VideoSource {
    /// True for an HLS playlist (its MIME type, in any case).
    pub fn is_hls(&self) -> bool {
        self.kind.eq_ignore_ascii_case(HLS_TYPE)
    }
}

/// What a summary says its article is (v3 `format`): the lists show it as an icon and a
/// word for screen readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Video,
    Gallery,
    Live,
}

impl Format {
    /// The format named `name`; `None` for a name this version does not know (a later
    /// version's format is not an error).
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "video" => Some(Format::Video),
            "gallery" => Some(Format::Gallery),
            "live" => Some(Format::Live),
            _ => None,
        }
    }

    /// Its name in the contract, also the class the lists' icon is drawn by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Video => "video",
            Format::Gallery => "gallery",
            Format::Live => "live",
        }
    }
}

/// serde's reading of `format`: a string, an unknown one `None` (another JSON type is an
/// error, as in the strict reader).
pub(crate) fn format_field<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Format>, D::Error> {
    Ok(Option::<String>::deserialize(d)?
        .as_deref()
        .and_then(Format::parse))
}

impl Article {
    /// The format the reference server lists the article with, from what it holds.
    pub fn format(&self) -> Option<Format> {
        // Live coverage first, while it is live: a live page is read as live whatever its
        // blocks; once over, it is listed by what it holds.
        if self
            .live
            .as_ref()
            .is_some_and(|l| l.status == crate::LiveStatus::Live)
        {
            return Some(Format::Live);
        }
        let has = |f: fn(&Block) -> bool| self.body.iter().any(f);
        if has(|b| matches!(b, Block::Video(_))) {
            return Some(Format::Video);
        }
        if has(|b| matches!(b, Block::Gallery(_))) {
            return Some(Format::Gallery);
        }
        None
    }

    /// Its picture, for a share or a list's thumbnail: the hero, else the body's first image,
    /// video poster or gallery image.
    pub fn picture(&self) -> Option<&crate::Image> {
        self.hero.as_ref().or_else(|| {
            self.body.iter().find_map(|b| match b {
                Block::Image(i) => Some(i),
                Block::Video(v) => Some(&v.poster),
                Block::Gallery(g) => g.images.first().map(|g| &g.image),
                _ => None,
            })
        })
    }

    /// True when its page needs the media blocks' stylesheet (`paths::media_stylesheet`):
    /// a video, a gallery (read or not yet) or live coverage.
    pub fn has_media(&self) -> bool {
        self.live.is_some()
            || self
                .body
                .iter()
                .any(|b| matches!(b, Block::Video(_) | Block::Gallery(_) | Block::Later(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_articles_picture_is_its_hero_else_its_first_image_poster_or_gallery_image() {
        let article = |hero: &str, body: &str| {
            crate::parse_article(&format!(
                r#"{{"slug":"a","title":"A","category":{{"slug":"b","name":"B"}},
                    "published_at":"2024-01-01T00:00:00Z","authors":[]{hero},"body":[{body}]}}"#
            ))
            .unwrap()
        };
        let gallery = r#"{"type":"gallery","images":[{"src":"g1.svg"},{"src":"g2.svg"}]}"#;
        let video = r#"{"type":"video","poster":{"src":"p.svg"},"sources":[{"src":"v.mp4","type":"video/mp4"}]}"#;
        let src = |a: &crate::Article| a.picture().map(|p| p.src.clone());
        assert_eq!(src(&article("", gallery)).as_deref(), Some("g1.svg"));
        assert_eq!(
            src(&article("", &format!("{video},{gallery}"))).as_deref(),
            Some("p.svg")
        );
        let hero = r#","hero":{"src":"h.svg","alt":""}"#;
        assert_eq!(src(&article(hero, gallery)).as_deref(), Some("h.svg"));
        assert_eq!(
            src(&article("", r#"{"type":"paragraph","html":"x"}"#)),
            None
        );
    }

    fn poster(src: &str) -> Option<Image> {
        Some(Image {
            src: src.into(),
            alt: String::new(),
            caption: None,
            credit: None,
            width: Some(640),
            height: Some(360),
        })
    }

    fn source(src: &str, kind: &str) -> VideoSource {
        VideoSource {
            src: src.into(),
            kind: kind.into(),
        }
    }

    #[test]
    fn a_video_needs_a_usable_poster_and_a_usable_source() {
        let mp4 = || vec![source("video/a.mp4", "video/mp4")];
        assert!(Video::checked(poster("images/a.svg"), mp4(), vec![], None, None).is_some());
        assert_eq!(Video::checked(None, mp4(), vec![], None, None), None);
        assert_eq!(
            Video::checked(poster("javascript:alert(1)"), mp4(), vec![], None, None),
            None
        );
        assert_eq!(
            Video::checked(poster("images/a.svg"), vec![], vec![], None, None),
            None
        );
        let unusable = vec![
            source("data:video/mp4;base64,AAAA", "video/mp4"),
            source("video/a.mp4", ""),
        ];
        assert_eq!(
            Video::checked(poster("images/a.svg"), unusable, vec![], None, None),
            None
        );
        // A bad file among good ones is dropped, the rest kept.
        let captions = vec![
            VideoCaptions {
                src: "vbscript:x".into(),
                lang: "en".into(),
                label: "English".into(),
            },
            VideoCaptions {
                src: "video/a.vi.vtt".into(),
                lang: "vi".into(),
                label: "Tiếng Việt".into(),
            },
        ];
        let mut sources = mp4();
        sources.insert(0, source("javascript:x", "video/webm"));
        let v = Video::checked(poster("images/a.svg"), sources, captions, Some(10), None).unwrap();
        assert_eq!(v.sources, mp4());
        assert_eq!(v.captions.len(), 1);
        assert_eq!(v.captions[0].lang, "vi");
    }

    #[test]
    fn the_download_is_the_mp4_never_the_playlist() {
        let v = Video::checked(
            poster("a.svg"),
            vec![
                source("a.m3u8", "Application/VND.Apple.MpegURL"),
                source("a.webm", "video/webm"),
                source("a.mp4", "video/mp4"),
            ],
            vec![],
            None,
            None,
        )
        .unwrap();
        assert!(v.sources[0].is_hls());
        assert_eq!(v.download().unwrap().src, "a.mp4");
        let only_webm = Video {
            sources: v.sources[..2].to_vec(),
            ..v.clone()
        };
        assert_eq!(only_webm.download().unwrap().src, "a.webm");
        let only_hls = Video {
            sources: v.sources[..1].to_vec(),
            ..v
        };
        assert_eq!(only_hls.download(), None);
    }

    #[test]
    fn formats_read_by_name_and_an_unknown_one_is_none() {
        for f in [Format::Video, Format::Gallery, Format::Live] {
            assert_eq!(Format::parse(f.name()), Some(f));
        }
        assert_eq!(Format::parse("infographic"), None);
        assert_eq!(Format::parse("Video"), None);
    }
}
