//! Compression: the build's precompressed `.br`/`.gz` siblings (written by `news-server
//! compress`, and by `prerender`) sent by tower-http's `ServeFile`, and the answers made per
//! request compressed by the router's `CompressionLayer`.

mod common;

use std::io::Read;

use common::*;

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("brotli");
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

fn varies_on_encoding(r: &Resp) -> bool {
    header_values(r, "vary")
        .iter()
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
}

#[test]
fn a_wasm_file_comes_as_its_brotli_sibling_with_its_own_type() {
    let s = Server::start(&[]);
    let dist = s.dir.0.join("dist");
    let name = "news-app-0123456789abcdef_bg.wasm";
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0"
        .iter()
        .copied()
        .chain((0..20_000u32).map(|i| (i % 7) as u8))
        .collect();
    std::fs::write(dist.join(name), &wasm).unwrap();
    let out = std::process::Command::new(BIN)
        .args(["compress", "--dist"])
        .arg(&dist)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let br = std::fs::read(dist.join(format!("{name}.br"))).unwrap();
    assert!(dist.join(format!("{name}.gz")).is_file());

    let path = format!("/{name}");
    let r = request(
        &s.addr,
        "GET",
        &path,
        &[("Accept-Encoding", "gzip, br")],
        b"",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(varies_on_encoding(&r), "{:?}", r.headers);
    assert_eq!(r.body, br, "the file written at build time");
    assert_eq!(unbrotli(&r.body), wasm);
    assert_nosniff(&r);

    let r = request(&s.addr, "GET", &path, &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(gunzip(&r.body), wasm);

    let r = request(&s.addr, "GET", &path, &[], b"");
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(r.body, wasm);
    assert!(varies_on_encoding(&r), "{:?}", r.headers);

    // A file rebuilt after its siblings were written: they belong to the old one.
    let newer: Vec<u8> = wasm.iter().map(|b| b.wrapping_add(1)).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(dist.join(name), &newer).unwrap();
    let r = request(&s.addr, "GET", &path, &[("Accept-Encoding", "br")], b"");
    assert_eq!(r.status, 200);
    let body = match r.header("content-encoding") {
        Some("br") => unbrotli(&r.body),
        None => r.body.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(body, newer, "never the stale sibling");
}

#[test]
fn json_answers_and_pages_are_compressed_for_readers_that_accept_it() {
    let s = Server::start(&[]);
    let path = format!("/api/articles/{KHOI}/comments.json");
    let plain = s.get(&path);
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    for (accept, decode) in [("br", unbrotli as fn(&[u8]) -> Vec<u8>), ("gzip", gunzip)] {
        let r = request(&s.addr, "GET", &path, &[("Accept-Encoding", accept)], b"");
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-encoding"), Some(accept));
        assert_eq!(
            r.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert!(varies_on_encoding(&r), "{:?}", r.headers);
        assert_eq!(decode(&r.body), plain.body);
    }
    // A refusal the contract describes is the same answer, compressed or not.
    let body = br#"{"author_name":"","body":"","website":""}"#;
    let r = request(
        &s.addr,
        "POST",
        &format!("/api/articles/{KHOI}/comments"),
        &[
            ("Content-Type", "application/json"),
            ("Accept-Encoding", "gzip"),
        ],
        body,
    );
    assert_eq!(r.status, 422);
    let errors: serde_json::Value = match r.header("content-encoding") {
        Some("gzip") => serde_json::from_slice(&gunzip(&r.body)).unwrap(),
        _ => r.json(),
    };
    assert!(errors["errors"]["author_name"].is_string(), "{errors}");

    // The app's shell, rewritten per request, is compressed on the way out.
    let r = request(&s.addr, "GET", "/", &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    let page = String::from_utf8(gunzip(&r.body)).unwrap();
    assert!(page.contains("data-views-endpoint"), "{page}");
}

#[test]
fn an_article_page_revalidates_whether_it_came_compressed_or_not() {
    let s = Server::start(&[]);
    let path = format!("/chinh-tri/{KHOI}");
    let first = request(&s.addr, "GET", &path, &[("Accept-Encoding", "br")], b"");
    assert_eq!(first.status, 200);
    assert_eq!(first.header("content-encoding"), Some("br"));
    let etag = first.header("etag").expect("an ETag").to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    for accept in ["br", "gzip", "identity"] {
        let again = request(
            &s.addr,
            "GET",
            &path,
            &[("Accept-Encoding", accept), ("If-None-Match", &etag)],
            b"",
        );
        assert_eq!(again.status, 304, "{accept}");
        assert!(again.body.is_empty());
        assert!(varies_on_encoding(&again), "{:?}", again.headers);
    }
}
