//! What of an article is searched: its title, its lead and its body's text (paragraphs
//! without their tags, subheadings, quotes and their sources, image captions).

use contract::{Article, Block};

/// The searchable texts of an article.
pub struct Texts {
    /// The title.
    pub title: String,
    /// The lead, or nothing.
    pub lead: String,
    /// The body's text, one block a line.
    pub body: String,
}

impl Texts {
    /// The texts of `article`.
    pub fn of(article: &Article) -> Texts {
        let mut body = String::new();
        let mut line = |text: &str| {
            body.push_str(text);
            body.push('\n');
        };
        for block in &article.body {
            match block {
                Block::Paragraph { html } => line(&search_text::html_text(html)),
                Block::Heading { text, .. } => line(text),
                Block::Quote { text, cite } => {
                    line(text);
                    line(cite.as_deref().unwrap_or(""));
                }
                Block::Image(image) => line(image.caption.as_deref().unwrap_or("")),
                // (v3) A gallery's caption and its images' captions are its text.
                Block::Gallery(g) => {
                    line(g.caption.as_deref().unwrap_or(""));
                    for img in &g.images {
                        line(img.image.caption.as_deref().unwrap_or(""));
                    }
                }
                _ => {}
            }
        }
        Texts {
            title: article.title.clone(),
            lead: article.lead.clone().unwrap_or_default(),
            body,
        }
    }
}
