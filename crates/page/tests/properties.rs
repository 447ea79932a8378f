//! Whatever a string holds, a template writes it as text: no element, no attribute, no way
//! out of the attribute it is in.

use contract::Comment;
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
}
