//! The gallery block (contract v3, issue 28): a photo story's images, shown as a grid in the
//! article and one at a time, large, in a dialog. Its types, the rule both readers end
//! with ([`block`]: the strict one's is `decode::gallery`, serde's `RawImage`, which
//! `types::RawBlock` holds), so that they agree: an image without `src` is
//! dropped (so is one whose `src` is empty), a source of the `srcset` without `src` or
//! `width` (or 0 wide) too; a field of the wrong JSON type is an error.

use serde::{Deserialize, Serialize};

use crate::{Block, Image};

/// `{"type": "gallery", "images": [Image], "caption"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gallery {
    /// At least one: a gallery left with none is skipped like an unknown block.
    pub images: Vec<GalleryImage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// A gallery's image: an `Image`, and the sizes it is offered in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GalleryImage {
    #[serde(flatten)]
    pub image: Image,
    /// (v3) the same picture in other widths, for the browser to choose from (`srcset`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub srcset: Vec<Source>,
}

/// One width an image is offered in: `{"src", "width"}` (pixels).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub src: String,
    pub width: u32,
}

/// The block from what either reader read, the same rules for both: an image without
/// `src` (read as empty) is dropped, so is a source without `src` or `width` (read as 0);
/// `Unknown` when no image is left.
pub(crate) fn block(mut images: Vec<GalleryImage>, caption: Option<String>) -> Block {
    images.retain(|i| !i.image.src.is_empty());
    for i in &mut images {
        i.srcset.retain(|s| !s.src.is_empty() && s.width > 0);
    }
    if images.is_empty() {
        Block::Unknown
    } else {
        Block::Gallery(Box::new(Gallery { images, caption }))
    }
}

/// A gallery's image as serde reads it: `types::RawBlock`'s `images`.
#[derive(Deserialize)]
pub(crate) struct RawImage {
    src: Option<String>,
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    srcset: Option<Vec<RawSource>>,
}

#[derive(Deserialize)]
struct RawSource {
    src: Option<String>,
    width: Option<u32>,
}

/// serde's gallery: the same rules as the strict reader's.
pub(crate) fn from_raw(images: Vec<RawImage>, caption: Option<String>) -> Block {
    let images = images
        .into_iter()
        .map(|raw| GalleryImage {
            image: Image {
                src: raw.src.unwrap_or_default(),
                alt: raw.alt.unwrap_or_default(),
                caption: raw.caption,
                credit: raw.credit,
                width: raw.width,
                height: raw.height,
            },
            srcset: raw
                .srcset
                .unwrap_or_default()
                .into_iter()
                .map(|s| Source {
                    src: s.src.unwrap_or_default(),
                    width: s.width.unwrap_or(0),
                })
                .collect(),
        })
        .collect();
    block(images, caption)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_article, Article};

    fn article(body: &str) -> String {
        format!(
            r#"{{"slug":"a","title":"T","category":{{"slug":"xa-hoi","name":"Xã hội"}},
            "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[{body}]}}"#
        )
    }

    /// Both readers of the contract, which must agree.
    fn both(body: &str) -> Vec<Block> {
        let json = article(body);
        let strict = parse_article(&json).unwrap();
        let by_serde: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(
            strict.body, by_serde.body,
            "the two readers disagree on {body}"
        );
        strict.body
    }

    fn refused(body: &str) {
        let json = article(body);
        assert!(parse_article(&json).is_err(), "accepted {body}");
        assert!(
            serde_json::from_str::<Article>(&json).is_err(),
            "serde: {body}"
        );
    }

    #[test]
    fn a_gallery_reads_its_images_their_sizes_and_its_caption() {
        let body = both(
            r#"{"type":"gallery","caption":"Lễ hội","images":[
                {"src":"images/1.svg","alt":"Một","caption":"C1","credit":"Đại Quang",
                 "width":1200,"height":800,
                 "srcset":[{"src":"images/1-480.svg","width":480},{"src":"images/1.svg","width":1200}]},
                {"src":"images/2.svg"}]}"#,
        );
        let Block::Gallery(g) = &body[0] else {
            panic!("expected a gallery, got {body:?}");
        };
        assert_eq!(g.caption.as_deref(), Some("Lễ hội"));
        assert_eq!(g.images.len(), 2);
        let first = &g.images[0];
        assert_eq!(first.image.src, "images/1.svg");
        assert_eq!(first.image.size(), Some((1200, 800)));
        assert_eq!(first.image.credit.as_deref(), Some("Đại Quang"));
        assert_eq!(
            first.srcset,
            [
                Source {
                    src: "images/1-480.svg".into(),
                    width: 480
                },
                Source {
                    src: "images/1.svg".into(),
                    width: 1200
                }
            ]
        );
        // No alt is an empty one; no srcset, none.
        assert_eq!(g.images[1].image.alt, "");
        assert!(g.images[1].srcset.is_empty());
        // Written back, it is read the same.
        let written = serde_json::to_string(&body[0]).unwrap();
        assert!(
            written.starts_with(r#"{"type":"gallery","images":[{"src""#),
            "{written}"
        );
        assert_eq!(both(&written), body);
    }

    #[test]
    fn images_without_src_are_dropped_and_a_gallery_left_empty_is_skipped() {
        let body = both(
            r#"{"type":"gallery","images":[{"alt":"no src"},{"src":"b.svg","srcset":[
                {"src":"b-1.svg"},{"width":300},{"src":"b-2.svg","width":600}]}]},
               {"type":"gallery","images":[{"alt":"none"},{"caption":"x"}]},
               {"type":"gallery","images":[]},
               {"type":"gallery","caption":"no images"},
               {"type":"paragraph","html":"after"}"#,
        );
        let Block::Gallery(g) = &body[0] else {
            panic!("expected a gallery, got {body:?}");
        };
        assert_eq!(g.images.len(), 1);
        assert_eq!(g.images[0].image.src, "b.svg");
        // A source without its src or its width is no candidate.
        assert_eq!(g.images[0].srcset.len(), 1);
        assert_eq!(g.images[0].srcset[0].width, 600);
        assert_eq!(
            &body[1..4],
            [Block::Unknown, Block::Unknown, Block::Unknown]
        );
        assert_eq!(
            body[4],
            Block::Paragraph {
                html: "after".into()
            }
        );
    }

    #[test]
    fn a_field_of_the_wrong_type_is_an_error_in_both_readers() {
        for bad in [
            r#"{"type":"gallery","images":{"src":"a.svg"}}"#,
            r#"{"type":"gallery","images":["a.svg"]}"#,
            r#"{"type":"gallery","images":[null]}"#,
            r#"{"type":"gallery","images":[{"src":1}]}"#,
            r#"{"type":"gallery","images":[{"src":"a.svg","width":"800"}]}"#,
            r#"{"type":"gallery","images":[{"alt":7}]}"#,
            r#"{"type":"gallery","images":[{"src":"a.svg","srcset":"a.svg 480w"}]}"#,
            r#"{"type":"gallery","images":[{"src":"a.svg","srcset":[{"src":"b","width":-1}]}]}"#,
            r#"{"type":"gallery","caption":5,"images":[]}"#,
        ] {
            refused(bad);
        }
    }
}
