//! The writer of the regions the wasm renders. They are written over one `String` with a
//! function per region instead of maud's `html!`: measured with twiggy on the release wasm,
//! the same regions as maud templates cost 342 B more brotli (nested templates each build
//! and copy a string of their own, and every attribute toggle is a branch), and the first
//! view must stay within 100 KB. The rule of the templates holds here too: every value goes
//! through [`esc`] (maud's own escaper), and the markup around it is constant text;
//! `tests/properties.rs` and the server's XSS corpus check that nothing gets out.

/// Appends `s` escaped for text and double-quoted attribute values alike.
pub fn esc(out: &mut String, s: &str) {
    maud::Render::render_to(s, out)
}

/// Appends ` name="value"` with the value escaped.
pub fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    esc(out, value);
    out.push('"');
}

/// The width and height attributes that reserve an image's box, when it gives both.
pub fn size(out: &mut String, image: &contract::Image) {
    if let (Some(w), Some(h)) = (image.width, image.height) {
        // Numbers need no escaping.
        out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
}
