//! Properties over arbitrary input (proptest): the readers never panic, whatever arrives,
//! and the writers never let markup or a script URL through.

use contract::json;
use contract::url::safe_href;
use contract::{parse_article, parse_comment_page, parse_summaries};
use proptest::prelude::*;
use serde_json::Value;

/// Arbitrary JSON documents, nested up to a few levels, with the contract's field names
/// among the keys so that the decoders get past their first checks.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("slug".to_string()),
        Just("title".to_string()),
        Just("category".to_string()),
        Just("published_at".to_string()),
        Just("authors".to_string()),
        Just("body".to_string()),
        Just("type".to_string()),
        Just("items".to_string()),
        Just("total".to_string()),
        Just("html".to_string()),
        Just("level".to_string()),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        Just(Value::String("paragraph".into())),
        Just(Value::String("a-1".into())),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

const SEED: &str = include_str!(
    "../../../public/api/articles/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022.json"
);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_is_read_or_refused_never_a_panic(s in any::<String>()) {
        let _ = parse_article(&s);
        let _ = parse_summaries(&s);
        let _ = parse_comment_page(&s);
    }

    #[test]
    fn any_json_document_is_taken_as_json_then_read_or_refused(v in json_value()) {
        let text = serde_json::to_string(&v).unwrap();
        prop_assert!(json::parse(&text).is_ok(), "valid JSON refused: {}", text);
        let _ = parse_article(&text);
        let _ = parse_summaries(&text);
        let _ = parse_comment_page(&text);
    }

    #[test]
    fn a_damaged_real_article_is_read_or_refused(cut in 0..SEED.len(), byte in any::<u8>(), at in 0..SEED.len()) {
        let mut bytes = SEED.as_bytes().to_vec();
        bytes.insert(at, byte);
        bytes.truncate(cut.max(1));
        let _ = parse_article(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn strings_round_trip_through_the_writer(s in any::<String>()) {
        let mut out = String::new();
        json::write_string(&mut out, &s);
        prop_assert!(!out.contains('<'), "a `<` could end a script element");
        let back: String = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(back, s);
    }

    #[test]
    fn a_kept_href_is_never_a_script_url(prefix in "[ \\t\\n\\x01]{0,3}", scheme in "(?i)(java|vb)?script|data|https?|", rest in any::<String>()) {
        let raw = format!("{prefix}{scheme}:{rest}");
        if let Some(kept) = safe_href(&raw) {
            let squashed: String = kept
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for bad in ["javascript:", "vbscript:", "data:"] {
                prop_assert!(!squashed.starts_with(bad), "{:?} kept as {:?}", raw, kept);
            }
        }
    }
}
