//! Writing XML into memory with quick-xml, which escapes what it writes: the sitemaps'
//! and the feeds' shared first steps.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// An XML document being written into memory.
pub type Xml = Writer<Vec<u8>>;

/// A new document, indented, with its UTF-8 declaration.
pub fn writer() -> Xml {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .expect("writing to memory");
    w
}

/// The element `name` holding the text `value`.
pub fn text(w: &mut Xml, name: &str, value: &str) {
    w.create_element(name)
        .write_text_content(BytesText::new(value))
        .expect("writing to memory");
}
