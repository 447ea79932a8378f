//! The desk's live coverage page (`/quan-tri/truc-tiep`): a form that adds an entry to an
//! article's coverage, and the coverages with a form that ends each one still going.

use maud::{html, Markup};

use crate::desk::{layout, Moderator, Nav};
use crate::words::desk as w;

/// A coverage of the content folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Going on: readers' pages poll it.
    Live,
    /// Over.
    Ended,
    /// Its file is not a valid entries document.
    Broken,
}

/// What the editor typed, kept when the form comes back with a message.
#[derive(Debug, Clone, Copy, Default)]
pub struct Typed<'a> {
    /// The article's slug.
    pub slug: &'a str,
    /// The entry's title.
    pub title: &'a str,
    /// The entry's text.
    pub body: &'a str,
}

/// The page: `error` above the form (with what was `typed`), `done` a notice, then the
/// coverages by slug.
pub fn live(
    desk: &str,
    session: &Moderator<'_>,
    typed: Typed<'_>,
    error: Option<&str>,
    done: Option<&str>,
    coverages: &[(String, Coverage)],
) -> Markup {
    let described = error.map(|_| "loi");
    let content = html! {
        h1 { (w::LIVE) }
        @if let Some(done) = done {
            p.xong role="status" { (done) }
        }
        section aria-labelledby="them" {
            h2 #them { (w::LIVE_ADD_HEADING) }
            @if let Some(error) = error {
                p.loi #loi role="alert" { (error) }
            }
            form.truc-tiep method="post" action={ (desk) "/truc-tiep" } {
                input type="hidden" name="csrf" value=(session.csrf);
                p {
                    label for="slug" { (w::LIVE_SLUG) }
                    input #slug type="text" name="slug" value=(typed.slug) list="bai-truc-tiep"
                        required pattern="[a-z0-9-]+" aria-describedby="goi-y-slug";
                    small #goi-y-slug { (w::LIVE_SLUG_HINT) }
                    datalist #bai-truc-tiep {
                        @for (slug, state) in coverages {
                            @if *state == Coverage::Live { option value=(slug) {} }
                        }
                    }
                }
                p {
                    label for="tieu-de" { (w::LIVE_TITLE) }
                    input #tieu-de type="text" name="tieu-de" value=(typed.title);
                }
                p {
                    label for="noi-dung" { (w::LIVE_BODY) }
                    textarea #noi-dung name="noi-dung" rows="8" required
                        aria-describedby={ "goi-y-noi-dung" @if let Some(id) = described { " " (id) } } {
                        (typed.body)
                    }
                    small #goi-y-noi-dung { (w::LIVE_BODY_HINT) }
                }
                p { button type="submit" { (w::LIVE_POST) } }
            }
        }
        section aria-labelledby="cac-bai" {
            h2 #cac-bai { (w::LIVE_LIST) }
            @if coverages.is_empty() {
                p { (w::LIVE_NONE) }
            } @else {
                ul.truc-tiep {
                    @for (slug, state) in coverages {
                        li {
                            code { (slug) } ": "
                            @match state {
                                Coverage::Live => (w::LIVE_ON),
                                Coverage::Ended => (w::LIVE_OVER),
                                Coverage::Broken => (w::LIVE_BROKEN),
                            }
                            @if *state == Coverage::Live {
                                form method="post" action={ (desk) "/truc-tiep/ket-thuc" } {
                                    input type="hidden" name="csrf" value=(session.csrf);
                                    input type="hidden" name="slug" value=(slug);
                                    // Each button names its coverage: a screen reader lists several at once.
                                    button type="submit" aria-label={ (w::LIVE_END) ": " (slug) } { (w::LIVE_END) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(desk, w::LIVE, Some(session), Nav::Live, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_comes_back_escaped_and_only_live_coverages_can_end() {
        let session = Moderator {
            user: "bien-tap",
            csrf: "t",
        };
        let typed = Typed {
            slug: "a",
            title: "<b>Hiệp 2</b>",
            body: "</textarea><script>x</script>",
        };
        let coverages = [
            ("dang".to_string(), Coverage::Live),
            ("xong".to_string(), Coverage::Ended),
        ];
        let html = live("/quan-tri", &session, typed, Some("lỗi"), None, &coverages).into_string();
        assert!(
            !html.contains("<script>x") && !html.contains("<b>Hiệp"),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;Hiệp 2"), "{html}");
        assert_eq!(html.matches("/truc-tiep/ket-thuc").count(), 1, "{html}");
    }
}
