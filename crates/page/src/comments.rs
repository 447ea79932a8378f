//! The readers' comments as list items: author, time, and the body as plain text (line
//! breaks kept by CSS `white-space: pre-line`; nothing in it is markup).

use contract::Comment;
use maud::{html, Markup};

use crate::time::time;

/// The items of a comment list (the caller's `<ol class="na-comment-list">` holds them).
pub fn comments(items: &[Comment]) -> Markup {
    // Isolated: a name or a body in a right-to-left script, or one that ends in an open
    // direction, cannot reorder the time or the text around it.
    html! {
        @for c in items {
            li.na-comment {
                p.na-comment-meta {
                    strong { bdi { (c.author_name) } }
                    " "
                    (time(&c.created_at, contract::time::format_vietnam_short))
                }
                p.na-comment-body dir="auto" { (c.body) }
            }
        }
    }
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
            replies: None,
        }]);
        assert_eq!(
            html.into_string(),
            "<li class=\"na-comment\"><p class=\"na-comment-meta\"><strong><bdi>&lt;b&gt;An&lt;/b&gt;\
             </bdi></strong> </p><p class=\"na-comment-body\" dir=\"auto\">Dòng 1\n&lt;script&gt;x&lt;/script&gt;</p></li>"
        );
    }
}
