//! The article's video in its structured data (contract v3): schema.org `VideoObject`,
//! nested in the `NewsArticle` as its `video`, so that search engines can show it in their
//! video results. Google asks for `name`, `thumbnailUrl` and `uploadDate`: without an
//! absolute poster (the site's address unknown) no `VideoObject` is written.

use contract::json::write_string;
use contract::{Article, Block};

use crate::video::iso_duration;

/// The first video of the article's body as a `VideoObject` (JSON), or `None`: described
/// by its caption, else `description` (the head's); its files' addresses made absolute by
/// `absolute` (`None`: unknown).
pub(crate) fn video_object(
    a: &Article,
    description: &str,
    absolute: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let v = a.body.iter().find_map(|b| match b {
        Block::Video(v) => Some(v),
        _ => None,
    })?;
    let thumbnail = absolute(&v.poster.src)?;
    let mut j = String::from(r#"{"@type":"VideoObject""#);
    member(&mut j, "name", &a.title);
    member(
        &mut j,
        "description",
        v.caption.as_deref().unwrap_or(description),
    );
    j.push_str(r#","thumbnailUrl":["#);
    write_string(&mut j, &thumbnail);
    j.push(']');
    if let Some(t) = contract::time::vietnam_rfc3339(&a.published_at) {
        member(&mut j, "uploadDate", &t);
    }
    if let Some(file) = v.download().and_then(|s| absolute(&s.src)) {
        member(&mut j, "contentUrl", &file);
    }
    if let Some(d) = v.duration_s {
        member(&mut j, "duration", &iso_duration(d));
    }
    j.push('}');
    Some(j)
}

/// Appends `,"key":"value"` (`key` is one of this file's names: nothing to escape).
fn member(j: &mut String, key: &str, value: &str) {
    j.push_str(",\"");
    j.push_str(key);
    j.push_str("\":");
    write_string(j, value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::{Head, Site};

    fn article(video: &str) -> Article {
        contract::parse_article(&format!(
            r#"{{"slug":"bao","title":"Bão </script> vào bờ","lead":"Sóng lớn",
            "category":{{"slug":"thoi-su","name":"Thời sự"}},
            "published_at":"2023-09-28T01:00:00Z","authors":[],
            "body":[{{"type":"paragraph","html":"x"}}{video}]}}"#
        ))
        .unwrap()
    }

    const VIDEO: &str = r#",{"type":"video","poster":{"src":"images/p.svg","alt":""},
        "sources":[{"src":"https://cdn.example.vn/b.m3u8","type":"application/vnd.apple.mpegurl"},
        {"src":"video/b.mp4","type":"video/mp4"}],"duration_s":95}"#;

    fn site(url: Option<&str>) -> Site<'_> {
        Site {
            url,
            api_base: "api/",
            name: "Đài PT-TH",
            logo: None,
        }
    }

    /// The JSON-LD as a search engine's JSON reader reads it.
    fn ld(a: &Article, site: &Site) -> serde_json::Value {
        let head = Head::article(a, site);
        serde_json::from_str(head.structured_data.as_deref().unwrap()).unwrap()
    }

    #[test]
    fn a_video_article_carries_its_video_object_with_absolute_addresses() {
        let a = article(VIDEO);
        let ld = ld(&a, &site(Some("https://dai.example.vn/")));
        assert_eq!(
            ld["video"],
            serde_json::json!({
                "@type": "VideoObject",
                "name": "Bão </script> vào bờ",
                "description": "Sóng lớn",
                "thumbnailUrl": ["https://dai.example.vn/api/images/p.svg"],
                "uploadDate": "2023-09-28T08:00:00+07:00",
                "contentUrl": "https://dai.example.vn/api/video/b.mp4",
                "duration": "PT1M35S"
            })
        );
        // The title's `</script>` is escaped in the data, as everywhere in it.
        let head = Head::article(&a, &site(Some("https://dai.example.vn/")));
        assert!(!head.structured_data.unwrap().contains("</script>"));
    }

    #[test]
    fn the_caption_describes_it_and_what_is_unknown_is_left_out() {
        let captioned = VIDEO.replace(r#""duration_s":95"#, r#""caption":"Cửa Đại sáng nay""#);
        let ld = ld(&article(&captioned), &site(Some("https://dai.example.vn/")));
        assert_eq!(ld["video"]["description"], "Cửa Đại sáng nay");
        assert!(ld["video"].get("duration").is_none());
        // Without the site's address the poster is not absolute: no VideoObject.
        let ld = self::ld(&article(VIDEO), &site(None));
        assert!(ld.get("video").is_none(), "{ld}");
        assert_eq!(ld["@type"], "NewsArticle");
        // No video, no member.
        let ld = self::ld(&article(""), &site(Some("https://dai.example.vn/")));
        assert!(ld.get("video").is_none());
    }
}
