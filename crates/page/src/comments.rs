//! The readers' comments as list items: author, time, and the body as plain text (line
//! breaks kept by CSS `white-space: pre-line`; nothing in it is markup).

use contract::Comment;
use maud::{Markup, PreEscaped};

use crate::time::time;
use crate::write::esc;

/// The items of a comment list (the caller's `<ol class="na-comment-list">` holds them).
pub fn comments(items: &[Comment]) -> Markup {
    let mut out = String::new();
    for c in items {
        // Isolated: a name or a body in a right-to-left script, or one that ends in an
        // open direction, cannot reorder the time or the text around it.
        out.push_str("<li class=\"na-comment\"><p class=\"na-comment-meta\"><strong><bdi>");
        esc(&mut out, &c.author_name);
        out.push_str("</bdi></strong> ");
        time(
            &mut out,
            &c.created_at,
            contract::time::format_vietnam_short,
        );
        out.push_str("</p><p class=\"na-comment-body\" dir=\"auto\">");
        esc(&mut out, &c.body);
        out.push_str("</p></li>");
    }
    PreEscaped(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_escape_and_isolate_what_readers_wrote() {
        let html = comments(&[Comment {
            id: "c-1".into(),
            author_name: "<b>An</b>".into(),
            body: "Dòng 1\n<script>x</script>".into(),
            created_at: "bad".into(),
            likes: Some(3),
        }]);
        assert_eq!(
            html.into_string(),
            "<li class=\"na-comment\"><p class=\"na-comment-meta\"><strong><bdi>&lt;b&gt;An&lt;/b&gt;\
             </bdi></strong> </p><p class=\"na-comment-body\" dir=\"auto\">Dòng 1\n&lt;script&gt;x&lt;/script&gt;</p></li>"
        );
    }
}
