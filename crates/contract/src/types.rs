//! The contract's JSON types, one place for all of them.

use serde::{Deserialize, Serialize};

/// A news article, as served at `articles/{slug}.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub slug: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    pub category: Category,
    pub published_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    pub authors: Vec<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hero: Option<Image>,
    pub body: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Category>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Summary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<CommentsInfo>,
    /// v2: the article's public address (canonical link, `og:url`, shares).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// v2: a recording of the article, which «Nghe bài viết» plays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Audio>,
    /// v3: live coverage, entries the page polls (`crate::live`). Boxed: most articles
    /// have none, and a pointer is all they carry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<Box<Live>>,
}

impl Article {
    /// Comments are on unless the article says `"enabled": false`.
    pub fn comments_enabled(&self) -> bool {
        self.comments.as_ref().is_none_or(|c| c.enabled)
    }

    /// The article's page path under the app's base path.
    pub fn path(&self, base_path: &str) -> String {
        crate::paths::article_path(base_path, &self.category.slug, &self.slug)
    }
}

/// A recording of an article (v2): `src` is relative to `api_base` like an image's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audio {
    pub src: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<String>,
}

/// A category or a tag: a slug and its display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

/// One author of the byline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
}

/// Whether an article takes comments, and how many it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentsInfo {
    pub enabled: bool,
    #[serde(default)]
    pub count: u32,
}

/// An image with the space it needs reserved before it loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

impl Image {
    /// Its width and height, when it gives both (one alone reserves nothing).
    pub fn size(&self) -> Option<(u32, u32)> {
        self.width.zip(self.height)
    }
}

/// One block of an article's body; unknown types parse as `Unknown` and render nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", from = "RawBlock")]
pub enum Block {
    Paragraph {
        html: String,
    },
    Heading {
        text: String,
        level: u8,
    },
    Image(Image),
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// v3: boxed, so that the enum's size (and the code that moves every other block) stays.
    Video(Box<crate::video::Video>),
    /// (v3) A photo story's images. Boxed: the enum keeps its size, and so does the code
    /// that moves every other block.
    Gallery(Box<crate::gallery::Gallery>),
    Unknown,
    /// (v3) A video or a gallery the first view's reader leaves to the app's part
    /// (`parse_article_first`), its members as they came; never in an article read whole
    /// (`read_media` reads them).
    #[serde(skip)]
    Later(Box<Later>),
}

/// A media block not read yet: which one, and its other members.
#[derive(Debug, Clone, PartialEq)]
pub struct Later {
    pub(crate) video: bool,
    pub(crate) members: Vec<(String, crate::json::Value)>,
}

/// A block as it arrives: one flat struct instead of serde's internally tagged enum, which
/// buffers every block and costs the wasm about 10 KB. A block of a known type that lacks
/// its content is skipped like an unknown one; a field of the wrong JSON type is an error.
#[derive(Deserialize)]
struct RawBlock {
    #[serde(rename = "type")]
    kind: String,
    html: Option<String>,
    text: Option<String>,
    level: Option<u8>,
    cite: Option<String>,
    src: Option<String>,
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    // v3's video (its `caption` is the one above).
    poster: Option<Image>,
    sources: Option<Vec<crate::video::VideoSource>>,
    captions: Option<Vec<crate::video::VideoCaptions>>,
    duration_s: Option<u32>,
    /// (v3) a gallery's images.
    images: Option<Vec<crate::gallery::RawImage>>,
}

impl From<RawBlock> for Block {
    fn from(raw: RawBlock) -> Self {
        if raw.kind == "gallery" {
            return crate::gallery::from_raw(raw.images.unwrap_or_default(), raw.caption);
        }
        match (raw.kind.as_str(), raw.html, raw.text, raw.src) {
            ("paragraph", Some(html), _, _) => Block::Paragraph { html },
            ("heading", _, Some(text), _) => Block::Heading {
                text,
                level: raw.level.unwrap_or(2),
            },
            ("quote", _, Some(text), _) => Block::Quote {
                text,
                cite: raw.cite,
            },
            ("image", _, _, Some(src)) => Block::Image(Image {
                src,
                alt: raw.alt.unwrap_or_default(),
                caption: raw.caption,
                credit: raw.credit,
                width: raw.width,
                height: raw.height,
            }),
            ("video", ..) => crate::video::Video::checked(
                raw.poster,
                raw.sources.unwrap_or_default(),
                raw.captions.unwrap_or_default(),
                raw.duration_s,
                raw.caption,
            )
            .map_or(Block::Unknown, |v| Block::Video(Box::new(v))),
            _ => Block::Unknown,
        }
    }
}

/// A link to an article, as listed by most-read, the front page and `related`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub slug: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// v3: what the article is (video, gallery, live); an unknown format is `None`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::video::format_field"
    )]
    pub format: Option<crate::video::Format>,
}

impl Summary {
    /// A summary can be linked only with a valid slug and a valid category slug (not one of
    /// the app's reserved routes, v3).
    pub fn is_linkable(&self) -> bool {
        crate::is_valid_slug(&self.slug)
            && self
                .category
                .as_ref()
                .is_some_and(|c| crate::paths::is_category_slug(&c.slug))
    }

    /// The summary's article path under the app's base path (its category must be present).
    pub fn path(&self, base_path: &str) -> String {
        let cat = self.category.as_ref().map_or("", |c| c.slug.as_str());
        crate::paths::article_path(base_path, cat, &self.slug)
    }
}

/// The `{"items": [Summary]}` list document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryList {
    pub items: Vec<Summary>,
}

/// One page of a list of articles (v2 `SummaryPage`): `latest.json`,
/// `categories/{slug}.json` and the pages their `next` names, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryPage {
    pub items: Vec<Summary>,
    /// The path, relative to `api_base`, of the next, older page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// (v3, a topic's list) the tag's name, the topic page's heading; `None` on other
    /// lists and from portals that leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One page of search results (v3, `search.json?q=…&trang=…`): best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPage {
    pub items: Vec<SearchResult>,
    /// How many articles match the query, on every page.
    pub total: u32,
    /// The path, relative to `api_base`, of the next page of results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// One search result (v3): the article's summary, as the lists give it, and where the
/// query matched its title and lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResult {
    #[serde(flatten)]
    pub summary: Summary,
    #[serde(default, skip_serializing_if = "Matches::is_empty")]
    pub matches: Matches,
}

/// Where a query matched a result's `title` and `lead` (v3): `[start, end)` pairs counted
/// in Unicode scalar values (Rust's `char`s, JSON's code points; not UTF-16 units, not
/// bytes) of the text exactly as the result carries it, in order, not overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matches {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title: Vec<[u32; 2]>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<[u32; 2]>,
}

impl Matches {
    /// True when neither the title nor the lead has a match.
    pub fn is_empty(&self) -> bool {
        self.title.is_empty() && self.lead.is_empty()
    }
}

/// An approved comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    pub author_name: String,
    pub body: String,
    pub created_at: String,
    /// Readers' likes (contract v2); absent means none, so it is written only when some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likes: Option<u32>,
    /// The first approved replies (contract v2, top-level comments only), oldest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replies: Option<ReplyPage>,
}

/// Approved replies to one top-level comment, oldest first (contract v2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyPage {
    pub items: Vec<Comment>,
    pub total: u32,
    /// The path, relative to `api_base`, of the rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// One page of approved comments, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPage {
    pub items: Vec<Comment>,
    pub total: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// (v3) Whether a live coverage's entries are still coming (`crate::live`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LiveStatus {
    /// Entries may be added: clients poll.
    Live,
    /// The coverage is over: clients stop polling.
    Ended,
}

/// (v3) An article's `live` field: its coverage's status as the newsroom published it, and
/// where its entries are (`None`: `paths::live_json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Live {
    pub status: LiveStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entries_endpoint: Option<String>,
}

impl Live {
    /// The entries' path relative to `api_base` (or an absolute address) for the article
    /// `slug`.
    pub fn endpoint(&self, slug: &str) -> String {
        let template = self.entries_endpoint.as_deref();
        crate::paths::endpoint(template.unwrap_or(crate::paths::LIVE_ENDPOINT), slug)
    }
}
