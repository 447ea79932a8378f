//! Whatever a string holds, a template writes it as text: no element, no attribute, no way
//! out of the attribute it is in.

use contract::gallery::{Gallery, GalleryImage, Source};
use contract::{Comment, Image};
use page::comments::comments;
use page::inline::{render, Inline};
use proptest::prelude::*;

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

proptest! {
    #[test]
    fn text_holds_no_markup(s in any::<String>()) {
        let out = render(&[Inline::Text(s.clone())], "").into_string();
        prop_assert!(!out.contains(['<', '>', '"']));
        prop_assert_eq!(unescape(&out), s);
    }

    #[test]
    fn a_comment_is_text_whatever_it_says(name in any::<String>(), body in any::<String>()) {
        let c = Comment { id: "c".into(), author_name: name, body, created_at: "x".into(), likes: None, replies: None };
        let out = comments(&[c], None).into_string();
        // The only elements are the template's own.
        let tags: Vec<&str> = out.split('<').skip(1).map(|t| t.split(['>', ' ']).next().unwrap()).collect();
        prop_assert_eq!(tags, ["li", "p", "strong", "bdi", "/bdi", "/strong", "/p", "p", "/p", "/li"]);
    }

    #[test]
    fn a_gallery_is_text_whatever_its_images_say(
        alt in any::<String>(), caption in any::<String>(), src in any::<String>(),
        source in any::<String>(), title in any::<String>(),
    ) {
        let image = GalleryImage {
            image: Image { src, alt, caption: Some(caption), credit: None, width: None, height: None },
            srcset: vec![Source { src: source, width: 480 }],
        };
        let g = Gallery { images: vec![image.clone(), image], caption: Some(title) };
        // Every source accepted, as a lenient host would: only the escaping stands between.
        let image_src = |s: &str| Some(s.to_string());
        let r = page::Render { base_path: "", paragraph: &|_| Vec::new(), image_src: &image_src, media: page::media::ALL };
        let out = page::gallery::gallery(&g, &r).into_string();
        let tags: Vec<&str> = out.split('<').skip(1).map(|t| t.split(['>', ' ']).next().unwrap()).collect();
        let one = ["li", "a", "img", "/a", "p", "/p", "/li"];
        let expected: Vec<&str> = ["figure", "ul"].into_iter().chain(one).chain(one)
            .chain(["/ul", "figcaption", "span", "/span", "/figcaption", "/figure"]).collect();
        prop_assert_eq!(tags, expected);
    }
}
