//! Times as readers of the portal see them: Vietnam time inside `<time datetime>`.

use maud::{html, Markup};

/// `<time datetime>` with the Vietnam time in `format`, or nothing for a malformed timestamp.
pub fn time(rfc3339: &str, format: fn(&str) -> Option<String>) -> Markup {
    html! {
        @if let Some(shown) = format(rfc3339) {
            time datetime=(rfc3339) { (shown) }
        }
    }
}
