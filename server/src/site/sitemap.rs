//! Sitemaps (sitemaps.org 0.9) and the Google News sitemap, from the content index: the
//! index file `sitemap.xml` over `sitemap-pages.xml` (the front page and the categories),
//! `sitemap-articles-{n}.xml` (at most 50,000 addresses each, the protocol's limit,
//! counted from the oldest article so that a full file never changes) and
//! `sitemap-news.xml` (the articles of the last two days, as Google News asks, at most
//! 1,000). Every address is absolute, under the site's address (`--site-url` or the
//! build's `data-site-url`). Written with quick-xml, which escapes what it writes.

use contract::paths;

use crate::clock::rfc3339_utc;
use crate::site::content_index::{Entry, Index};
use crate::site::sitemap_video::{self, SitemapVideo};
use crate::site::xml::{text, writer, Xml};

/// The protocol's most addresses in one sitemap file.
pub const MAX_URLS: usize = 50_000;
/// What Google News reads: the articles of the last two days.
pub const NEWS_WINDOW_SECS: i64 = 2 * 24 * 3600;
/// Google News's most addresses in one news sitemap.
pub const MAX_NEWS: usize = 1_000;

const NS_SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NS_NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// The site, as addresses are written.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    /// The public address of the app's base path, ending in `/`.
    pub url: &'a str,
    /// The publication's name (Google News's `news:name`, the feeds' title).
    pub name: &'a str,
}

impl Site<'_> {
    /// The absolute address of an article's page.
    pub fn article_url(&self, index: &Index, e: &Entry) -> String {
        format!("{}{}/{}", self.url, index.category_of(e).slug, e.slug)
    }

    /// The absolute address of a file of the site (`sitemap.xml`, `chinh-tri`).
    pub fn file_url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }
}

/// How many `sitemap-articles-{n}.xml` files the index needs.
pub fn article_files(index: &Index, max_urls: usize) -> u32 {
    index.len().div_ceil(max_urls.max(1)) as u32
}

fn url(w: &mut Xml, loc: &str, lastmod: Option<i64>) {
    w.create_element("url")
        .write_inner_content(|w| {
            text(w, "loc", loc);
            if let Some(t) = lastmod {
                text(w, "lastmod", &rfc3339_utc(t));
            }
            Ok(())
        })
        .expect("writing to memory");
}

/// `sitemap.xml`: the index of the other sitemap files, each with the time of its newest
/// change.
pub fn index_xml(site: &Site, index: &Index, max_urls: usize, now: i64) -> Vec<u8> {
    let mut w = writer();
    let newest = index.entries().iter().map(|e| e.modified).max();
    let mut files: Vec<(String, Option<i64>)> = vec![(paths::SITEMAP_PAGES.into(), newest)];
    for (n, chunk) in index.entries().chunks(max_urls.max(1)).enumerate() {
        let lastmod = chunk.iter().map(|e| e.modified).max();
        files.push((paths::sitemap_articles(n as u32 + 1), lastmod));
    }
    let news_newest = news_entries(index, now).first().map(|e| e.modified);
    files.push((paths::SITEMAP_NEWS.into(), news_newest.or(newest)));
    w.create_element("sitemapindex")
        .with_attribute(("xmlns", NS_SITEMAP))
        .write_inner_content(|w| {
            for (file, lastmod) in &files {
                w.create_element("sitemap").write_inner_content(|w| {
                    text(w, "loc", &site.file_url(file));
                    if let Some(t) = lastmod {
                        text(w, "lastmod", &rfc3339_utc(*t));
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
        .expect("writing to memory");
    w.into_inner()
}

/// `sitemap-pages.xml`: the front page and every category's page.
pub fn pages_xml(site: &Site, index: &Index) -> Vec<u8> {
    let mut w = writer();
    let newest = index.entries().iter().map(|e| e.modified).max();
    w.create_element("urlset")
        .with_attribute(("xmlns", NS_SITEMAP))
        .write_inner_content(|w| {
            url(w, site.url, newest);
            for c in index.categories() {
                let lastmod = index
                    .newest(crate::site::content_index::List::Category(&c.slug), 1)
                    .first()
                    .map(|e| e.modified);
                url(w, &site.file_url(&c.slug), lastmod);
            }
            Ok(())
        })
        .expect("writing to memory");
    w.into_inner()
}

/// `sitemap-articles-{n}.xml` (n from 1); `None` past the last. (v3) An article with a
/// video carries it (`video` reads it, called only for those: the index knows which).
pub fn articles_xml(
    site: &Site,
    index: &Index,
    n: u32,
    max_urls: usize,
    video: impl Fn(&Entry) -> Option<SitemapVideo>,
) -> Option<Vec<u8>> {
    let chunk = index
        .entries()
        .chunks(max_urls.max(1))
        .nth((n as usize).checked_sub(1)?)?;
    let mut w = writer();
    let mut urlset = w
        .create_element("urlset")
        .with_attribute(("xmlns", NS_SITEMAP));
    if chunk.iter().any(|e| e.video) {
        urlset = urlset.with_attribute(("xmlns:video", sitemap_video::NS_VIDEO));
    }
    urlset
        .write_inner_content(|w| {
            for e in chunk {
                let loc = site.article_url(index, e);
                match e.video.then(|| video(e)).flatten() {
                    None => url(w, &loc, Some(e.modified)),
                    Some(v) => {
                        w.create_element("url").write_inner_content(|w| {
                            text(w, "loc", &loc);
                            text(w, "lastmod", &rfc3339_utc(e.modified));
                            sitemap_video::write(w, &v);
                            Ok(())
                        })?;
                    }
                }
            }
            Ok(())
        })
        .expect("writing to memory");
    Some(w.into_inner())
}

/// The articles of the news sitemap: published in the two days before `now`, newest first.
pub fn news_entries(index: &Index, now: i64) -> Vec<&Entry> {
    let since = now - NEWS_WINDOW_SECS;
    index
        .entries()
        .iter()
        .rev()
        .skip_while(|e| e.published > now)
        .take_while(|e| e.published >= since)
        .take(MAX_NEWS)
        .collect()
}

/// `sitemap-news.xml`: the articles of [`news_entries`], with their titles (`title` reads
/// one; an article without one is left out).
pub fn news_xml(
    site: &Site,
    index: &Index,
    now: i64,
    title: impl Fn(&Entry) -> Option<String>,
) -> Vec<u8> {
    let mut w = writer();
    w.create_element("urlset")
        .with_attribute(("xmlns", NS_SITEMAP))
        .with_attribute(("xmlns:news", NS_NEWS))
        .write_inner_content(|w| {
            for e in news_entries(index, now) {
                let Some(title) = title(e) else { continue };
                w.create_element("url").write_inner_content(|w| {
                    text(w, "loc", &site.article_url(index, e));
                    w.create_element("news:news").write_inner_content(|w| {
                        w.create_element("news:publication")
                            .write_inner_content(|w| {
                                text(w, "news:name", site.name);
                                text(w, "news:language", "vi");
                                Ok(())
                            })?;
                        text(w, "news:publication_date", &rfc3339_utc(e.published));
                        text(w, "news:title", &title);
                        Ok(())
                    })?;
                    Ok(())
                })?;
            }
            Ok(())
        })
        .expect("writing to memory");
    w.into_inner()
}

/// `robots.txt`: everything may be crawled but the moderation desk (`desk`, when this
/// server has one), and where the sitemap index is.
pub fn robots_txt(site: &Site, desk: Option<&str>) -> String {
    let mut out = String::from("User-agent: *\n");
    if let Some(desk) = desk {
        out.push_str(&format!("Disallow: {desk}/\n"));
    }
    out.push_str(&format!(
        "Allow: /\n\nSitemap: {}\n",
        site.file_url(paths::SITEMAP_INDEX)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::content_index::Record;

    fn index(n: usize) -> Index {
        Index::build(
            (0..n).map(|i| Record {
                slug: format!("bai-{i}"),
                category: "xa-hoi".into(),
                category_name: "Xã hội".into(),
                published: 1_000_000 + i as i64 * 3600,
                modified: 1_000_000 + i as i64 * 3600,
                tags: Vec::new(),
                video: false,
            }),
            30,
        )
    }

    const SITE: Site = Site {
        url: "https://bao.example.vn/tin-tuc/",
        name: "Báo <Quảng> & Nam",
    };

    /// Every `loc`'s text, as an XML parser reads it.
    fn locs(xml: &str) -> Vec<String> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let (mut out, mut inside) = (Vec::new(), false);
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) => inside = e.name().as_ref() == b"loc",
                Event::End(_) => inside = false,
                Event::Text(t) if inside => out.push(t.unescape().unwrap().into_owned()),
                Event::Eof => return out,
                _ => {}
            }
        }
    }

    #[test]
    fn files_split_at_the_limit_and_list_each_article_once() {
        let ix = index(25);
        assert_eq!(article_files(&ix, 10), 3);
        let all: String = (1..=3)
            .map(|n| String::from_utf8(articles_xml(&SITE, &ix, n, 10, |_| None).unwrap()).unwrap())
            .collect();
        assert!(articles_xml(&SITE, &ix, 4, 10, |_| None).is_none());
        assert!(articles_xml(&SITE, &ix, 0, 10, |_| None).is_none());
        let listed = locs(&all);
        for i in 0..25 {
            let loc = format!("https://bao.example.vn/tin-tuc/xa-hoi/bai-{i}");
            assert_eq!(listed.iter().filter(|l| **l == loc).count(), 1, "{loc}");
        }
        let idx = String::from_utf8(index_xml(&SITE, &ix, 10, 0)).unwrap();
        let files = locs(&idx);
        for f in [
            "sitemap-pages.xml",
            "sitemap-articles-3.xml",
            "sitemap-news.xml",
        ] {
            assert!(
                files.contains(&format!("https://bao.example.vn/tin-tuc/{f}")),
                "{idx}"
            );
        }
        assert!(!idx.contains("sitemap-articles-4.xml"));
    }

    #[test]
    fn news_lists_two_days_newest_first_with_escaped_text() {
        let ix = index(100);
        let now = 1_000_000 + 99 * 3600;
        // A title that would be markup if it were not escaped.
        const HOSTILE: &str = "1 < 2 & 3 > 2";
        let news = String::from_utf8(news_xml(&SITE, &ix, now, |e| {
            Some(format!("Tin {} {HOSTILE}", e.slug))
        }))
        .unwrap();
        assert_eq!(
            news.matches("<url>").count(),
            49,
            "48 hours and the one at its start"
        );
        assert!(news.find("bai-99<").unwrap() < news.find("bai-98<").unwrap());
        assert!(!news.contains("bai-50<"));
        assert!(news.contains("Tin bai-99 1 &lt; 2 &amp; 3 &gt; 2"));
        assert!(news.contains("Báo &lt;Quảng&gt; &amp; Nam"));
        // Nothing yet to come.
        assert!(news_entries(&ix, 0).is_empty());
    }

    #[test]
    fn robots_names_the_index() {
        let r = robots_txt(&SITE, Some("/quan-tri"));
        assert!(r.contains("Sitemap: https://bao.example.vn/tin-tuc/sitemap.xml\n"));
        assert!(r.contains("Disallow: /quan-tri/\n"));
    }
}
