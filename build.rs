//! Renders the page's frame (`page::layout::app_frame`) at build time for the app, which sets
//! it as it is (`app::mount`): its HTML is written once, in `crates/page`, and the wasm
//! carries the string instead of the template's code (about 250 B of the first view).

fn main() {
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("frame.html");
    std::fs::write(out, page::layout::app_frame().into_string()).expect("frame.html");
    // A change in `page` rebuilds this script, which then runs again.
    println!("cargo:rerun-if-changed=build.rs");
}
