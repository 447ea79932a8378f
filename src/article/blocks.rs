//! One small component per block type; an unknown block renders nothing.

use contract::{Block, Image};
use leptos::prelude::*;

use super::sanitize::sanitize;
use crate::config::Config;
use crate::text;

/// The article body, block by block.
#[component]
pub fn Body(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Paragraph { html } => view! { <Paragraph html/> }.into_any(),
            Block::Heading { text, level } => view! { <Heading text level/> }.into_any(),
            Block::Image(image) => view! { <Figure image lazy=true/> }.into_any(),
            Block::Quote { text, cite } => view! { <Quote text cite/> }.into_any(),
            Block::Unknown => ().into_any(),
        })
        .collect_view()
}

/// A paragraph of sanitised inline HTML.
#[component]
pub fn Paragraph(html: String) -> impl IntoView {
    let config = expect_context::<Config>();
    view! { <p inner_html=sanitize(&html, &config.base_path)></p> }
}

/// A subheading: level 3 stays 3, anything else is 2 (the title is the only `h1`).
#[component]
pub fn Heading(text: String, level: u8) -> impl IntoView {
    if level == 3 {
        view! { <h3 class="na-h3">{text}</h3> }.into_any()
    } else {
        view! { <h2 class="na-h2">{text}</h2> }.into_any()
    }
}

/// An image with its caption and credit; its box is reserved from width and height.
#[component]
pub fn Figure(image: Image, lazy: bool) -> impl IntoView {
    let config = expect_context::<Config>();
    let Image {
        src,
        alt,
        caption,
        credit,
        width,
        height,
    } = image;
    let src = contract::html::safe_href(&src).map(|s| config.api_url(&s))?;
    let has_caption = caption.is_some() || credit.is_some();
    Some(view! {
        <figure class="na-figure">
            <img
                src=src
                alt=alt
                width=width.map(|w| w.to_string())
                height=height.map(|h| h.to_string())
                loading=lazy.then_some("lazy")
                decoding="async"
            />
            {has_caption
                .then(|| {
                    view! {
                        <figcaption>
                            {caption}
                            {credit
                                .map(|c| {
                                    view! {
                                        <span class="na-credit">{format!(" {} {c}", text::PHOTO_CREDIT)}</span>
                                    }
                                })}
                        </figcaption>
                    }
                })}
        </figure>
    })
}

/// A pull quote, with its source when given.
#[component]
pub fn Quote(text: String, cite: Option<String>) -> impl IntoView {
    view! {
        <blockquote class="na-quote">
            <p>{text}</p>
            {cite.map(|c| view! { <footer><cite>{c}</cite></footer> })}
        </blockquote>
    }
}
