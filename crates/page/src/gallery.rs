//! The gallery block (contract v3): a `<figure>` with a grid of thumbnails, each a link to
//! its full image (so that it works without script), the gallery's caption and its count
//! («12 ảnh»); and the dialog that shows one image large, which the gallery's island puts
//! in the page when it is first opened (not in the first view). An image's own caption is
//! in the grid for screen readers (hidden on screen); the dialog shows it.

use contract::gallery::{Gallery, GalleryImage};
use maud::{html, Markup};

use crate::render::Render;
use crate::words;

/// The width a thumbnail takes in the grid, for the browser's choice among the sources:
/// two columns on a phone, about 11rem each in the article's column beyond.
const THUMB_SIZES: &str = "(min-width: 40rem) 11rem, 50vw";

/// The gallery `g`; nothing when none of its images may be loaded.
pub fn gallery(g: &Gallery, r: &Render) -> Markup {
    let shown: Vec<(String, &GalleryImage)> = g
        .images
        .iter()
        .filter_map(|img| Some(((r.image_src)(&img.image.src)?, img)))
        .collect();
    let n = shown.len();
    html! {
        @if n > 0 {
            figure.na-figure.na-gallery data-na-gallery {
                ul.na-gallery-grid {
                    @for (i, (src, img)) in shown.iter().enumerate() {
                        (thumbnail(src, img, i + 1, n, r))
                    }
                }
                figcaption {
                    @if let Some(caption) = &g.caption { (caption) " " }
                    span.na-gallery-count { (n) " " (words::PHOTOS) }
                }
            }
        }
    }
}

/// The `at`-th of `n` images: the link to it full, its thumbnail, and its caption.
fn thumbnail(src: &str, g: &GalleryImage, at: usize, n: usize, r: &Render) -> Markup {
    let img = &g.image;
    let size = img.size();
    let srcset = srcset(g, r);
    // Every thumbnail is a link, which needs a name: an image without alt is named by its
    // place.
    let alt = match img.alt.trim() {
        "" => format!("{} {at}/{n}", words::PHOTO),
        _ => img.alt.clone(),
    };
    html! {
        li {
            a href=(src) data-na-photo {
                img src=(src) srcset=[srcset.as_deref()]
                    sizes=[srcset.as_ref().map(|_| THUMB_SIZES)] alt=(alt)
                    width=[size.map(|s| s.0)] height=[size.map(|s| s.1)]
                    loading="lazy" decoding="async";
            }
            @if img.caption.is_some() || img.credit.is_some() {
                p.na-gallery-note.na-visually-hidden {
                    @if let Some(caption) = &img.caption { (caption) }
                    @if let Some(credit) = &img.credit {
                        span.na-credit { " " (words::PHOTO_CREDIT) " " (credit) }
                    }
                }
            }
        }
    }
}

/// The image's `srcset` value (`url 480w, …`), or `None` when it has no usable source. A
/// source whose address is refused, holds a space or a comma (which would cut the list
/// elsewhere and add a candidate of the data's choosing), or says 0 wide is left out.
pub fn srcset(g: &GalleryImage, r: &Render) -> Option<String> {
    let candidates: Vec<String> = g
        .srcset
        .iter()
        .filter(|s| s.width > 0)
        .filter_map(|s| Some(((r.image_src)(&s.src)?, s.width)))
        .filter(|(url, _)| !url.contains(|c: char| c == ',' || c.is_ascii_whitespace()))
        .map(|(url, w)| format!("{url} {w}w"))
        .collect();
    (!candidates.is_empty()).then(|| candidates.join(", "))
}

/// The dialog that shows one image large: «Đóng», the image and its caption, its place
/// («3/12», said when it changes) and «Ảnh trước» / «Ảnh sau». Its own `.news-app` root,
/// so that the page's styles reach it wherever the island puts it. The island fills in the
/// image, the caption and the place.
pub fn dialog() -> Markup {
    html! {
        div.news-app.na-lightbox-root lang="vi" {
            dialog.na-lightbox aria-label=(words::GALLERY_VIEWER) {
                button type="button" data-na-lb="close" { (words::GALLERY_CLOSE) }
                figure {
                    img alt="" sizes="100vw" decoding="async";
                    figcaption {}
                }
                div.na-lightbox-bar {
                    button type="button" data-na-lb="prev" { (words::GALLERY_PREVIOUS) }
                    p.na-lightbox-count aria-live="polite" {}
                    button type="button" data-na-lb="next" { (words::GALLERY_NEXT) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::gallery::Source;
    use contract::Image;

    fn render_with(f: impl FnOnce(&Render) -> Markup) -> String {
        f(&Render::test("")).into_string()
    }

    fn image(src: &str, alt: &str) -> GalleryImage {
        GalleryImage {
            image: Image {
                src: src.into(),
                alt: alt.into(),
                caption: None,
                credit: None,
                width: None,
                height: None,
            },
            srcset: Vec::new(),
        }
    }

    #[test]
    fn each_thumbnail_links_to_its_full_image_with_its_alt_and_reserved_box() {
        let mut first = image("images/1.svg", "Múa lân");
        first.image.width = Some(1200);
        first.image.height = Some(800);
        first.image.caption = Some("Đội lân".into());
        first.image.credit = Some("Minh Hải".into());
        first.srcset = vec![
            Source {
                src: "images/1-480.svg".into(),
                width: 480,
            },
            Source {
                src: "images/1.svg".into(),
                width: 1200,
            },
        ];
        let g = Gallery {
            images: vec![first, image("images/2.svg", "")],
            caption: Some("Lễ hội".into()),
        };
        assert_eq!(
            render_with(|r| gallery(&g, r)),
            "<figure class=\"na-figure na-gallery\" data-na-gallery><ul class=\"na-gallery-grid\">\
             <li><a href=\"/api/images/1.svg\" data-na-photo><img src=\"/api/images/1.svg\" \
             srcset=\"/api/images/1-480.svg 480w, /api/images/1.svg 1200w\" \
             sizes=\"(min-width: 40rem) 11rem, 50vw\" alt=\"Múa lân\" width=\"1200\" \
             height=\"800\" loading=\"lazy\" decoding=\"async\"></a>\
             <p class=\"na-gallery-note na-visually-hidden\">Đội lân\
             <span class=\"na-credit\"> Ảnh: Minh Hải</span></p></li>\
             <li><a href=\"/api/images/2.svg\" data-na-photo><img src=\"/api/images/2.svg\" \
             alt=\"Ảnh 2/2\" loading=\"lazy\" decoding=\"async\"></a></li></ul>\
             <figcaption>Lễ hội <span class=\"na-gallery-count\">2 ảnh</span></figcaption>\
             </figure>"
        );
    }

    #[test]
    fn the_count_is_of_the_images_shown_and_a_gallery_of_none_is_nothing() {
        let g = Gallery {
            images: vec![
                image("javascript:alert(1)", "x"),
                image("a.svg", "A"),
                image("b.svg", "B"),
                image("c.svg", "C"),
            ],
            caption: None,
        };
        let html = render_with(|r| gallery(&g, r));
        assert!(
            html.contains("<figcaption><span class=\"na-gallery-count\">3 ảnh</span>"),
            "{html}"
        );
        assert_eq!(html.matches("data-na-photo").count(), 3, "{html}");
        assert!(!html.contains("javascript"), "{html}");
        let none = Gallery {
            images: vec![image("javascript:alert(1)", "x")],
            caption: Some("c".into()),
        };
        assert_eq!(render_with(|r| gallery(&none, r)), "");
    }

    #[test]
    fn hostile_alt_caption_and_sources_stay_text() {
        let mut img = image("a.svg?x=\"><script>", "\"><img src=x onerror=alert(1)>");
        img.image.caption = Some("<script>alert(1)</script>".into());
        img.srcset = vec![
            Source {
                src: "b.svg, javascript:alert(1) 2x".into(),
                width: 480,
            },
            Source {
                src: "c .svg".into(),
                width: 480,
            },
            Source {
                src: "javascript:alert(1)".into(),
                width: 480,
            },
            Source {
                src: "d.svg".into(),
                width: 0,
            },
            Source {
                src: "e.svg\"".into(),
                width: 640,
            },
        ];
        let g = Gallery {
            images: vec![img],
            caption: Some("</figure><b>".into()),
        };
        let html = render_with(|r| gallery(&g, r));
        for bad in [
            "<script",
            "<img src=x",
            "<b>",
            "</figure><",
            "javascript",
            "c .svg",
            "d.svg",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        // The one source left is escaped inside its attribute.
        assert!(html.contains("srcset=\"/api/e.svg&quot; 640w\""), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn the_dialog_has_its_vietnamese_controls_and_no_id() {
        let html = dialog().into_string();
        for word in [
            "aria-label=\"Xem ảnh\"",
            ">Đóng<",
            ">Ảnh trước<",
            ">Ảnh sau<",
        ] {
            assert!(html.contains(word), "{word} in {html}");
        }
        assert!(html.contains("<dialog class=\"na-lightbox\""), "{html}");
        assert!(
            !html.contains(" id="),
            "a second copy would repeat it: {html}"
        );
    }
}
