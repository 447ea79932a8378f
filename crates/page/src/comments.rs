//! The readers' comments as list items: author, time, the body as plain text (line breaks
//! kept by CSS `white-space: pre-line`; nothing in it is markup), the likes, and a thread's
//! replies under its comment, oldest first. The app draws the same items with its buttons
//! («Thích», «Trả lời», «Xem thêm N trả lời»), which one click handler on the list serves
//! through their `data-` attributes; a page made on the server has no buttons (they need
//! the app) and shows the likes as a count.

use contract::Comment;
use maud::{html, Markup};

use crate::time::time;
use crate::words;

/// What the app adds to the items: the reader's buttons.
pub struct Controls<'a> {
    /// Ids of the comments this reader likes (`aria-pressed`).
    pub liked: &'a [String],
    /// False once the host has refused likes (a static host): the counts stay, as text.
    pub likes: bool,
}

/// The items of a comment list (the caller's `<ol class="na-comment-list">` holds them).
pub fn comments(items: &[Comment], controls: Option<&Controls>) -> Markup {
    html! {
        @for c in items {
            (item(c, &c.id, controls))
        }
    }
}

/// The app's list: the choice of order (where the host offers both, `orders`) above the
/// items, in one piece of HTML that one click handler serves. The app draws the same pieces
/// one by one ([`order`], [`thread`]) and patches what changed in place.
pub fn list(items: &[Comment], controls: &Controls, orders: Option<bool>) -> Markup {
    html! {
        @if let Some(top) = orders { (order(top)) }
        ol.na-comment-list {
            @for c in items { (thread(c, controls)) }
        }
    }
}

/// The choice of order, «Quan tâm nhất» pressed when `top`.
pub fn order(top: bool) -> Markup {
    html! {
        div.na-order role="group" aria-label=(words::ORDER) {
            button type="button" data-order="new" aria-pressed=(!top) { (words::ORDER_NEWEST) }
            " "
            button type="button" data-order="top" aria-pressed=(top) { (words::ORDER_TOP) }
        }
    }
}

/// One top-level comment of the app's list, with its replies: an `<li>` keyed by its id
/// (`bl-{id}`), which the app draws alone when it changed.
pub fn thread(c: &Comment, controls: &Controls) -> Markup {
    item(c, &c.id, Some(controls))
}

/// Comments and replies together, as the heading counts them: `total` top-level comments
/// and the replies of those shown.
pub fn count(total: u32, items: &[Comment]) -> u32 {
    items
        .iter()
        .filter_map(|c| c.replies.as_ref())
        .fold(total, |n, r| n + r.total)
}

/// One comment; `thread` is the id its replies answer (its own, or its parent's for a reply).
fn item(c: &Comment, thread: &str, controls: Option<&Controls>) -> Markup {
    let likes = c.likes.unwrap_or(0);
    let buttons = controls.filter(|k| k.likes);
    // Isolated: a name or a body in a right-to-left script, or one that ends in an open
    // direction, cannot reorder the time or the text around it.
    html! {
        li.na-comment #{"bl-" (c.id)} {
            p.na-comment-meta {
                strong { bdi { (c.author_name) } }
                " "
                (time(&c.created_at, contract::time::format_vietnam_short))
            }
            p.na-comment-body dir="auto" { (c.body) }
            @if controls.is_some() || likes > 0 {
                p.na-comment-actions {
                    @if let Some(k) = buttons {
                        button.na-like type="button" data-like=(c.id)
                            aria-pressed=(k.liked.contains(&c.id)) {
                            (words::LIKE) " " span { (likes) }
                        }
                    } @else if likes > 0 {
                        span.na-likes { (likes) " " (words::LIKES) }
                    }
                    @if controls.is_some() {
                        " "
                        button.na-reply type="button" data-reply=(thread) { (words::REPLY) }
                    }
                }
            }
            @if let Some(r) = &c.replies {
                @if !r.items.is_empty() {
                    ol.na-replies {
                        @for reply in &r.items { (item(reply, thread, controls)) }
                    }
                }
                @let more = r.total.saturating_sub(r.items.len() as u32);
                @if controls.is_some() && r.next.is_some() && more > 0 {
                    button.na-button.na-more-replies type="button" data-more=(thread) {
                        (words::MORE_REPLIES) " " (more) " " (words::REPLIES)
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::ReplyPage;

    fn comment(id: &str, likes: Option<u32>) -> Comment {
        Comment {
            id: id.into(),
            author_name: "An".into(),
            body: "Ý kiến".into(),
            created_at: "bad".into(),
            likes,
            replies: None,
        }
    }

    #[test]
    fn comments_escape_and_isolate_what_readers_wrote() {
        let html = comments(
            &[Comment {
                author_name: "<b>An</b>".into(),
                body: "Dòng 1\n<script>x</script>".into(),
                ..comment("c-1", Some(3))
            }],
            None,
        );
        assert_eq!(
            html.into_string(),
            "<li class=\"na-comment\" id=\"bl-c-1\"><p class=\"na-comment-meta\"><strong><bdi>\
             &lt;b&gt;An&lt;/b&gt;</bdi></strong> </p><p class=\"na-comment-body\" dir=\"auto\">\
             Dòng 1\n&lt;script&gt;x&lt;/script&gt;</p><p class=\"na-comment-actions\">\
             <span class=\"na-likes\">3 lượt thích</span></p></li>"
        );
    }

    fn thread() -> Comment {
        Comment {
            replies: Some(ReplyPage {
                items: vec![comment("r-1", Some(2)), comment("r-2", None)],
                total: 5,
                next: Some("articles/a/comments/c-1/replies.json".into()),
            }),
            ..comment("c-1", None)
        }
    }

    #[test]
    fn replies_answer_their_thread_and_the_rest_is_one_click_away() {
        let liked = ["r-1".to_string()];
        let html = comments(
            &[thread()],
            Some(&Controls {
                liked: &liked,
                likes: true,
            }),
        )
        .into_string();
        // Every «Trả lời», the replies' too, answers the thread's top-level comment.
        assert_eq!(html.matches("data-reply=\"c-1\"").count(), 3);
        assert!(html.contains("<ol class=\"na-replies\"><li class=\"na-comment\" id=\"bl-r-1\">"));
        assert!(
            html.contains("data-like=\"r-1\" aria-pressed=\"true\">Thích <span>2</span></button>")
        );
        assert!(html.contains("data-like=\"c-1\" aria-pressed=\"false\">Thích <span>0</span>"));
        assert!(html.contains("data-more=\"c-1\">Xem thêm 3 trả lời</button>"));
        assert_eq!(count(4, &[thread()]), 9);
    }

    #[test]
    fn a_host_without_likes_keeps_the_counts_and_a_served_page_has_no_buttons() {
        let no_likes = comments(
            &[thread()],
            Some(&Controls {
                liked: &[],
                likes: false,
            }),
        )
        .into_string();
        assert!(!no_likes.contains("data-like"));
        assert!(no_likes.contains("<span class=\"na-likes\">2 lượt thích</span>"));
        assert!(no_likes.contains("data-reply"));
        let served = comments(&[thread()], None).into_string();
        let app = list(
            &[],
            &Controls {
                liked: &[],
                likes: true,
            },
            Some(true),
        )
        .into_string();
        assert!(app.contains("data-order=\"top\" aria-pressed=\"true\">Quan tâm nhất"));
        assert!(app.contains("data-order=\"new\" aria-pressed=\"false\">Mới nhất"));
        let one_order = list(
            &[],
            &Controls {
                liked: &[],
                likes: true,
            },
            None,
        )
        .into_string();
        assert_eq!(one_order, "<ol class=\"na-comment-list\"></ol>");
        assert!(!served.contains("<button"));
        assert!(served.contains("bl-r-2"));
    }
}
