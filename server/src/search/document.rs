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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gallerys_captions_are_searched_with_the_body() {
        let json = r#"{"slug":"a","title":"T","category":{"slug":"van-hoa","name":"Văn hóa"},
            "published_at":"2023-03-03T17:30:00+07:00","authors":[],"body":[
            {"type":"gallery","caption":"Lễ hội Bà Thu Bồn","images":[
              {"src":"a.svg","alt":"Ghe","caption":"Đội ghe nữ Duy Vinh"},
              {"src":"b.svg","alt":"Trống"}]}]}"#;
        let texts = Texts::of(&contract::parse_article(json).unwrap());
        assert!(texts.body.contains("Lễ hội Bà Thu Bồn\n"), "{}", texts.body);
        assert!(
            texts.body.contains("Đội ghe nữ Duy Vinh\n"),
            "{}",
            texts.body
        );
        // The alt is the image's name, not the article's text (as for an image block).
        assert!(!texts.body.contains("Ghe\n"), "{}", texts.body);
    }
}
