//! JSON values → contract types, by hand: what serde's derives would do for these shapes,
//! at a fraction of the wasm. A missing required field or a field of the wrong JSON type is
//! an error naming the field; `null` counts as absent for optional fields.

use crate::comments::{CommentCreated, CommentStatus, FieldErrors};
use crate::gallery::{GalleryImage, Source};
use crate::json::Value;
use crate::{Article, Audio, Author, Block, Category, CommentPage, CommentsInfo, Image, Summary};
use crate::{Comment, Matches, ParseError, ReplyPage, SearchPage, SearchResult, SummaryPage};
use crate::{Format, Video, VideoCaptions, VideoSource};
use crate::{Later, Live, LiveStatus};

pub(crate) type Result<T> = std::result::Result<T, ParseError>;

/// The members of one JSON object, taken out one by one.
pub(crate) struct Fields(Vec<(String, Value)>);

impl Fields {
    pub(crate) fn of(value: Value, what: &str) -> Result<Self> {
        match value {
            Value::Object(members) => Ok(Fields(members)),
            _ => Err(ParseError(format!("{what}: expected an object"))),
        }
    }

    /// The last member called `key`, unless absent or null.
    pub(crate) fn take(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().rposition(|(k, _)| k == key)?;
        match self.0.swap_remove(at).1 {
            Value::Null => None,
            v => Some(v),
        }
    }

    pub(crate) fn opt_str(&mut self, key: &str) -> Result<Option<String>> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(wrong(key, "a string")),
        }
    }

    pub(crate) fn str(&mut self, key: &str) -> Result<String> {
        self.opt_str(key)?.ok_or_else(|| missing(key))
    }

    fn opt_int<T: TryFrom<i64>>(&mut self, key: &str) -> Result<Option<T>> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Number(Some(n))) => T::try_from(n)
                .map(Some)
                .map_err(|_| wrong(key, "a whole number in range")),
            Some(_) => Err(wrong(key, "a whole number")),
        }
    }

    fn opt_bool(&mut self, key: &str) -> Result<Option<bool>> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(_) => Err(wrong(key, "true or false")),
        }
    }

    fn opt_list<T>(&mut self, key: &str, item: fn(Value) -> Result<T>) -> Result<Option<Vec<T>>> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Array(values)) => values
                .into_iter()
                .map(item)
                .collect::<Result<_>>()
                .map(Some),
            Some(_) => Err(wrong(key, "a list")),
        }
    }

    pub(crate) fn list<T>(&mut self, key: &str, item: fn(Value) -> Result<T>) -> Result<Vec<T>> {
        self.opt_list(key, item)?.ok_or_else(|| missing(key))
    }

    /// The values of the list `key` (absent: none), as they are.
    fn values(&mut self, key: &str) -> Result<Vec<Value>> {
        match self.take(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(values)) => Ok(values),
            Some(_) => Err(wrong(key, "a list")),
        }
    }

    fn opt<T>(&mut self, key: &str, read: fn(Value) -> Result<T>) -> Result<Option<T>> {
        self.take(key).map(read).transpose()
    }
}

pub(crate) fn missing(key: &str) -> ParseError {
    ParseError(format!("missing field `{key}`"))
}

pub(crate) fn wrong(key: &str, expected: &str) -> ParseError {
    ParseError(format!("`{key}`: expected {expected}"))
}

/// Reads an `Article`, its media blocks (v3's video and gallery) left as `Block::Later`:
/// the first view's wasm has this reader only, and the media blocks' readers (about 7 KB
/// of wasm) are the app's part's ([`read_later`]). One reader of the article in the whole
/// wasm: a second (one that read the media too) made the first view's inline less of it.
pub fn article(v: Value) -> Result<Article> {
    let mut f = Fields::of(v, "article")?;
    Ok(Article {
        slug: f.str("slug")?,
        title: f.str("title")?,
        lead: f.opt_str("lead")?,
        category: f
            .opt("category", category)?
            .ok_or_else(|| missing("category"))?,
        published_at: f.str("published_at")?,
        updated_at: f.opt_str("updated_at")?,
        authors: f.list("authors", author)?,
        hero: f.opt("hero", image)?,
        body: f.list("body", block)?,
        tags: f.opt_list("tags", category)?.unwrap_or_default(),
        related: f.opt_list("related", summary)?.unwrap_or_default(),
        comments: f.opt("comments", comments_info)?,
        url: f.opt_str("url")?,
        audio: f.opt("audio", audio)?,
        live: live(f.take("live"))?,
    })
}

/// Reads an article's `live` field (absent or null: none).
fn live(v: Option<Value>) -> Result<Option<Box<Live>>> {
    let Some(v) = v else { return Ok(None) };
    let mut f = Fields::of(v, "live")?;
    let status = match f.str("status")?.as_str() {
        "live" => LiveStatus::Live,
        "ended" => LiveStatus::Ended,
        _ => return Err(wrong("status", "\"live\" or \"ended\"")),
    };
    Ok(Some(Box::new(Live {
        status,
        entries_endpoint: f.opt_str("entries_endpoint")?,
    })))
}

fn audio(v: Value) -> Result<Audio> {
    let mut f = Fields::of(v, "audio")?;
    Ok(Audio {
        src: f.str("src")?,
        duration_s: f.opt_int("duration_s")?,
        voice: f.opt_str("voice")?,
    })
}

fn category(v: Value) -> Result<Category> {
    let mut f = Fields::of(v, "category")?;
    Ok(Category {
        slug: f.str("slug")?,
        name: f.str("name")?,
    })
}

fn author(v: Value) -> Result<Author> {
    Ok(Author {
        name: Fields::of(v, "author")?.str("name")?,
    })
}

fn comments_info(v: Value) -> Result<CommentsInfo> {
    let mut f = Fields::of(v, "comments")?;
    Ok(CommentsInfo {
        enabled: f.opt_bool("enabled")?.ok_or_else(|| missing("enabled"))?,
        count: f.opt_int("count")?.unwrap_or(0),
    })
}

// Not inlined: the gallery's images read their fields with it too (a copy less in the wasm).
#[inline(never)]
fn image_fields(f: &mut Fields, src: String) -> Result<Image> {
    Ok(Image {
        src,
        alt: f.opt_str("alt")?.unwrap_or_default(),
        caption: f.opt_str("caption")?,
        credit: f.opt_str("credit")?,
        width: f.opt_int("width")?,
        height: f.opt_int("height")?,
    })
}

fn image(v: Value) -> Result<Image> {
    let mut f = Fields::of(v, "image")?;
    let src = f.str("src")?;
    image_fields(&mut f, src)
}

/// A block of a known type without its content is skipped (`Unknown`), like an unknown type;
/// a media block is `Later`, read by [`read_later`].
pub(crate) fn block(v: Value) -> Result<Block> {
    let mut f = Fields::of(v, "block")?;
    let kind = f.str("type")?;
    Ok(match kind.as_str() {
        "paragraph" => match f.opt_str("html")? {
            Some(html) => Block::Paragraph { html },
            None => Block::Unknown,
        },
        "heading" => match (f.opt_str("text")?, f.opt_int::<u8>("level")?) {
            (Some(text), level) => Block::Heading {
                text,
                level: level.unwrap_or(2),
            },
            _ => Block::Unknown,
        },
        "quote" => match (f.opt_str("text")?, f.opt_str("cite")?) {
            (Some(text), cite) => Block::Quote { text, cite },
            _ => Block::Unknown,
        },
        "image" => match f.opt_str("src")? {
            Some(src) => Block::Image(image_fields(&mut f, src)?),
            None => Block::Unknown,
        },
        "video" | "gallery" => Block::Later(Box::new(Later {
            video: kind == "video",
            members: f.0,
        })),
        _ => Block::Unknown,
    })
}

/// Reads the media blocks `blocks` holds (`Block::Later`) in place.
pub(crate) fn read_later(blocks: &mut [Block]) -> Result<()> {
    for b in blocks.iter_mut().filter(|b| matches!(b, Block::Later(_))) {
        if let Block::Later(later) = std::mem::replace(b, Block::Unknown) {
            let mut f = Fields(later.members);
            *b = if later.video {
                video(&mut f)?
            } else {
                gallery(&mut f)?
            };
        }
    }
    Ok(())
}

/// v3's video block: skipped (`Unknown`) without a usable poster or source
/// (`Video::checked`); a member of the wrong JSON type is an error, as in any block.
/// Plain loops over the lists' values: a generic list reader per file type cost the first
/// view's wasm about 1 KB more.
fn video(f: &mut Fields) -> Result<Block> {
    let poster = f.opt("poster", image)?;
    let mut sources = Vec::new();
    for v in f.values("sources")? {
        let mut s = Fields::of(v, "source")?;
        let src = s.str("src")?;
        sources.push(VideoSource {
            src,
            kind: s.str("type")?,
        });
    }
    let mut captions = Vec::new();
    for v in f.values("captions")? {
        let mut c = Fields::of(v, "captions")?;
        let src = c.str("src")?;
        let lang = c.str("lang")?;
        captions.push(VideoCaptions {
            src,
            lang,
            label: c.str("label")?,
        });
    }
    let checked = Video::checked(
        poster,
        sources,
        captions,
        f.opt_int("duration_s")?,
        f.opt_str("caption")?,
    );
    Ok(checked.map_or(Block::Unknown, |v| Block::Video(Box::new(v))))
}

/// Reads a `Summary`.
pub fn summary(v: Value) -> Result<Summary> {
    let mut f = Fields::of(v, "summary")?;
    Ok(Summary {
        slug: f.str("slug")?,
        title: f.str("title")?,
        category: f.opt("category", category)?,
        published_at: f.opt_str("published_at")?,
        thumbnail: f.opt("thumbnail", image)?,
        lead: f.opt_str("lead")?,
        // v3: an unknown format is none, not an error.
        format: f.opt_str("format")?.as_deref().and_then(Format::parse),
    })
}

/// Reads a `{"items": [Summary], "next"?: string}` list (most read, or a `SummaryPage`).
pub fn summary_page(v: Value) -> Result<SummaryPage> {
    let mut f = Fields::of(v, "list")?;
    Ok(SummaryPage {
        items: f.list("items", summary)?,
        next: f.opt_str("next")?,
        name: f.opt_str("name")?,
    })
}

/// Reads `categories.json` (v3): `{"items": [{"slug", "name"}]}`.
pub fn categories(v: Value) -> Result<Vec<Category>> {
    Fields::of(v, "categories")?.list("items", category)
}

/// Reads a `SearchPage` (v3).
pub fn search_page(v: Value) -> Result<SearchPage> {
    let mut f = Fields::of(v, "search page")?;
    Ok(SearchPage {
        items: f.list("items", search_result)?,
        total: f.opt_int("total")?.ok_or_else(|| missing("total"))?,
        next: f.opt_str("next")?,
    })
}

/// A result is a summary with `matches` beside its fields.
fn search_result(v: Value) -> Result<SearchResult> {
    let mut f = Fields::of(v, "search result")?;
    let matches = f.opt("matches", matches)?.unwrap_or_default();
    Ok(SearchResult {
        summary: summary(Value::Object(f.0))?,
        matches,
    })
}

fn matches(v: Value) -> Result<Matches> {
    let mut f = Fields::of(v, "matches")?;
    Ok(Matches {
        title: f.opt_list("title", range)?.unwrap_or_default(),
        lead: f.opt_list("lead", range)?.unwrap_or_default(),
    })
}

/// `[start, end]`: two whole numbers, start before end.
fn range(v: Value) -> Result<[u32; 2]> {
    let bad = || ParseError("a matched range: expected [start, end], start < end".into());
    let Value::Array(pair) = v else {
        return Err(bad());
    };
    let n = |v: &Value| match v {
        Value::Number(Some(n)) => u32::try_from(*n).ok(),
        _ => None,
    };
    match pair.as_slice() {
        [a, b] => match (n(a), n(b)) {
            (Some(a), Some(b)) if a < b => Ok([a, b]),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

fn comment(v: Value) -> Result<Comment> {
    let mut f = Fields::of(v, "comment")?;
    Ok(Comment {
        id: f.str("id")?,
        author_name: f.str("author_name")?,
        body: f.str("body")?,
        created_at: f.str("created_at")?,
        likes: f.opt_int("likes")?,
        replies: f.opt("replies", reply_page)?,
    })
}

/// Reads a `ReplyPage`.
pub fn reply_page(v: Value) -> Result<ReplyPage> {
    let mut f = Fields::of(v, "reply page")?;
    Ok(ReplyPage {
        items: f.list("items", comment)?,
        total: f.opt_int("total")?.ok_or_else(|| missing("total"))?,
        next: f.opt_str("next")?,
    })
}

/// Reads a `CommentPage`.
pub fn comment_page(v: Value) -> Result<CommentPage> {
    let mut f = Fields::of(v, "comment page")?;
    Ok(CommentPage {
        items: f.list("items", comment)?,
        total: f.opt_int("total")?.ok_or_else(|| missing("total"))?,
        next: f.opt_str("next")?,
    })
}

/// Reads the `{"likes": int}` answer to a like.
pub fn likes(v: Value) -> Result<u32> {
    Fields::of(v, "answer")?
        .opt_int("likes")?
        .ok_or_else(|| missing("likes"))
}

/// Reads a `201` answer to a submission.
pub fn comment_created(v: Value) -> Result<CommentCreated> {
    let mut f = Fields::of(v, "answer")?;
    let status = match f.str("status")?.as_str() {
        "pending" => CommentStatus::Pending,
        "published" => CommentStatus::Published,
        _ => return Err(wrong("status", "\"pending\" or \"published\"")),
    };
    let comment = f
        .opt("comment", comment)?
        .ok_or_else(|| missing("comment"))?;
    Ok(CommentCreated { status, comment })
}

/// Reads the field messages of a `422` answer.
pub fn field_errors(v: Value) -> Result<FieldErrors> {
    let mut outer = Fields::of(v, "answer")?;
    let mut f = Fields::of(
        outer.take("errors").ok_or_else(|| missing("errors"))?,
        "errors",
    )?;
    Ok(FieldErrors {
        author_name: f.opt_str("author_name")?,
        body: f.opt_str("body")?,
        parent_id: f.opt_str("parent_id")?,
    })
}

/// (v3) A gallery, from the block's other members (`type` taken); `gallery::block` drops
/// the images without `src` (read as empty) and the sources without `src` or `width`.
fn gallery(f: &mut Fields) -> Result<Block> {
    let caption = f.opt_str("caption")?;
    let images = f.opt_list("images", gallery_image)?.unwrap_or_default();
    Ok(crate::gallery::block(images, caption))
}

/// An image of a gallery, its `src` empty when it has none (every field is read, so that
/// one of the wrong type is an error with or without `src`).
fn gallery_image(v: Value) -> Result<GalleryImage> {
    let mut f = Fields::of(v, "image")?;
    let srcset = f.opt_list("srcset", source)?.unwrap_or_default();
    let src = f.opt_str("src")?.unwrap_or_default();
    Ok(GalleryImage {
        image: image_fields(&mut f, src)?,
        srcset,
    })
}

fn source(v: Value) -> Result<Source> {
    let mut f = Fields::of(v, "srcset")?;
    Ok(Source {
        src: f.opt_str("src")?.unwrap_or_default(),
        width: f.opt_int("width")?.unwrap_or(0),
    })
}
