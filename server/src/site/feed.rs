//! RSS 2.0 feeds of the newest articles: the site's (`feed.xml`) and each category's
//! (`{category}/feed.xml`), from the content index and the files of the articles listed.
//! RSS rather than Atom: every feed reader and the Vietnamese portals' aggregators read it.
//! `lastBuildDate` is the newest article's change, not the time of writing, so that a
//! feed with nothing new is the same file (`prerender` leaves it alone, an `ETag` holds).

use quick_xml::events::BytesText;
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

use contract::paths;

use crate::site::content_index::{Index, List};
use crate::site::sitemap::Site;
use crate::site::xml::{text, writer};

/// The articles of a feed.
pub const FEED_LEN: usize = 50;

/// What a feed item needs of its article's file.
#[derive(Debug, Clone)]
pub struct ItemText {
    /// The title.
    pub title: String,
    /// The lead, as the item's description.
    pub lead: Option<String>,
}

/// RFC 822 dates, as RSS 2.0 writes them, in UTC.
fn rfc2822(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc2822).ok())
        .unwrap_or_else(|| "Thu, 01 Jan 1970 00:00:00 +0000".into())
}

/// The feed of a list (`None` for a category without articles); `read` gives an article's
/// title and lead (an article it cannot read is left out).
pub fn feed_xml(
    site: &Site,
    index: &Index,
    list: List,
    read: impl Fn(&str) -> Option<ItemText>,
) -> Option<Vec<u8>> {
    let (title, page, self_path, description) = match list {
        List::Latest => (
            site.name.to_string(),
            site.url.to_string(),
            paths::FEED.to_string(),
            format!("Tin mới nhất của {}", site.name),
        ),
        // Topics have no feed (not asked for: a reader follows a category).
        List::Topic(_) => return None,
        List::Category(slug) => {
            let c = index.category(slug)?;
            (
                format!("{} – {}", c.name, site.name),
                site.file_url(&c.slug),
                paths::category_feed(&c.slug),
                format!("Tin mới nhất chuyên mục {} của {}", c.name, site.name),
            )
        }
    };
    let entries = index.newest(list, FEED_LEN);
    let mut w = writer();
    w.create_element("rss")
        .with_attribute(("version", "2.0"))
        .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| {
                text(w, "title", &title);
                text(w, "link", &page);
                text(w, "description", &description);
                text(w, "language", "vi");
                if let Some(t) = entries.iter().map(|e| e.modified).max() {
                    text(w, "lastBuildDate", &rfc2822(t));
                }
                w.create_element("atom:link")
                    .with_attribute(("href", site.file_url(&self_path).as_str()))
                    .with_attribute(("rel", "self"))
                    .with_attribute(("type", "application/rss+xml"))
                    .write_empty()?;
                for e in &entries {
                    let Some(item) = read(&e.slug) else { continue };
                    let link = site.article_url(index, e);
                    w.create_element("item").write_inner_content(|w| {
                        text(w, "title", &item.title);
                        text(w, "link", &link);
                        if let Some(lead) = &item.lead {
                            text(w, "description", lead);
                        }
                        text(w, "category", &index.category_of(e).name);
                        w.create_element("guid")
                            .with_attribute(("isPermaLink", "true"))
                            .write_text_content(BytesText::new(&link))?;
                        text(w, "pubDate", &rfc2822(e.published));
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })
        .expect("writing to memory");
    Some(w.into_inner())
}

/// An article's feed text from its file in `content`.
pub fn item_text(content: &std::path::Path, slug: &str) -> Option<ItemText> {
    crate::site::list_pages::article(content, slug).map(|a| ItemText {
        title: a.title,
        lead: a.lead,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::content_index::Record;

    #[test]
    fn the_newest_articles_with_absolute_links() {
        let ix = Index::build(
            (0..60).map(|i| Record {
                slug: format!("bai-{i}"),
                category: if i % 3 == 0 { "the-thao" } else { "xa-hoi" }.into(),
                category_name: if i % 3 == 0 {
                    "Thể thao"
                } else {
                    "Xã hội"
                }
                .into(),
                published: 1_700_000_000 + i as i64 * 60,
                modified: 1_700_000_000 + i as i64 * 60,
                tags: Vec::new(),
                video: false,
            }),
            30,
        );
        let site = Site {
            url: "https://bao.example.vn/",
            name: "Báo Quảng Nam",
        };
        // A title that would be markup if it were not escaped.
        const HOSTILE: &str = "& <b>";
        let read = |slug: &str| {
            Some(ItemText {
                title: format!("Tiêu đề {slug} {HOSTILE}"),
                lead: None,
            })
        };
        let all = String::from_utf8(feed_xml(&site, &ix, List::Latest, read).unwrap()).unwrap();
        assert_eq!(all.matches("<item>").count(), FEED_LEN);
        assert!(all.contains("<link>https://bao.example.vn/xa-hoi/bai-59</link>"));
        assert!(!all.contains("bai-9<"), "the oldest ten are not in it");
        assert!(all.contains("Tiêu đề bai-59 &amp; &lt;b&gt;"));
        assert!(all.contains(r#"href="https://bao.example.vn/feed.xml""#));
        let sport =
            String::from_utf8(feed_xml(&site, &ix, List::Category("the-thao"), read).unwrap())
                .unwrap();
        assert_eq!(sport.matches("<item>").count(), 20);
        assert!(!sport.contains("/xa-hoi/"));
        assert!(sport.contains(r#"href="https://bao.example.vn/the-thao/feed.xml""#));
        assert!(feed_xml(&site, &ix, List::Category("khong-co"), read).is_none());
        assert_eq!(rfc2822(0), "Thu, 01 Jan 1970 00:00:00 +0000");
    }
}
