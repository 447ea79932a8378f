//! Google's video sitemap extension (`xmlns:video`), on the article sitemaps' entries of
//! articles with a video (contract v3): `<video:video>` with the poster, the title, the
//! description, the file and the duration, so that a search engine finds the video
//! without running the page. Addresses are absolute, under the API's public address.

use contract::{Article, Block};

use crate::site::xml::{text, Xml};

/// The extension's namespace.
pub const NS_VIDEO: &str = "http://www.google.com/schemas/sitemap-video/1.1";

/// What the sitemap says of an article's (first) video.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapVideo {
    pub thumbnail: String,
    pub title: String,
    pub description: String,
    pub content: String,
    pub duration_s: Option<u32>,
}

/// The first video of `article`, its addresses made absolute under `api` (the API's public
/// address, ending in `/`); `None` without a video.
pub fn of(article: &Article, api: &str) -> Option<SitemapVideo> {
    let v = article.body.iter().find_map(|b| match b {
        Block::Video(v) => Some(v),
        _ => None,
    })?;
    let absolute = |src: &str| {
        let src = contract::url::safe_href(src)?;
        Some(
            if src.starts_with("https://") || src.starts_with("http://") {
                src
            } else {
                format!("{api}{}", src.trim_start_matches('/'))
            },
        )
    };
    // The file a crawler fetches: the MP4, else the first source (a playlist).
    let file = v.download().or(v.sources.first())?;
    Some(SitemapVideo {
        thumbnail: absolute(&v.poster.src)?,
        title: article.title.clone(),
        description: v
            .caption
            .clone()
            .or_else(|| article.lead.clone())
            .unwrap_or_else(|| article.title.clone()),
        content: absolute(&file.src)?,
        // The extension's range: 1 second to 8 hours.
        duration_s: v.duration_s.filter(|d| (1..=28_800).contains(d)),
    })
}

/// Writes `<video:video>` inside an entry.
pub fn write(w: &mut Xml, v: &SitemapVideo) {
    w.create_element("video:video")
        .write_inner_content(|w| {
            text(w, "video:thumbnail_loc", &v.thumbnail);
            text(w, "video:title", &v.title);
            text(w, "video:description", &v.description);
            text(w, "video:content_loc", &v.content);
            if let Some(d) = v.duration_s {
                text(w, "video:duration", &d.to_string());
            }
            Ok(())
        })
        .expect("writing to memory");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_video_is_described_with_absolute_addresses() {
        let a = contract::parse_article(
            r#"{"slug":"a","title":"Bão & lũ","lead":"Sa pô","category":{"slug":"x","name":"X"},
            "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[
            {"type":"video","poster":{"src":"images/p.svg","alt":""},"duration_s":30000,
             "sources":[{"src":"https://cdn.example.vn/a.m3u8","type":"application/vnd.apple.mpegurl"},
             {"src":"video/a.mp4","type":"video/mp4"}]}]}"#,
        )
        .unwrap();
        let v = of(&a, "https://bao.example.vn/api/").unwrap();
        assert_eq!(v.thumbnail, "https://bao.example.vn/api/images/p.svg");
        assert_eq!(v.content, "https://bao.example.vn/api/video/a.mp4");
        assert_eq!(v.description, "Sa pô");
        assert_eq!(v.duration_s, None, "past the extension's 8 hours");
        let mut plain = a.clone();
        plain.body.clear();
        assert_eq!(of(&plain, "https://bao.example.vn/api/"), None);
    }
}
