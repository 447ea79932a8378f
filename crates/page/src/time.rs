//! Times as readers of the portal see them: Vietnam time inside `<time datetime>`.

use crate::write::{attr, esc};

/// Appends `<time datetime>` with the Vietnam time in `format`, or nothing for a malformed
/// timestamp.
pub fn time(out: &mut String, rfc3339: &str, format: fn(&str) -> Option<String>) {
    if let Some(shown) = format(rfc3339) {
        out.push_str("<time");
        attr(out, "datetime", rfc3339);
        out.push('>');
        esc(out, &shown);
        out.push_str("</time>");
    }
}
