//! Untrusted input: arbitrary bytes and strings never panic the loader or
//! the extractors, and no control character survives loading.

use dealscope::corpus::load::decode;
use dealscope::corpus::parse::parse_article;
use dealscope::extract::text::is_control;
use proptest::prelude::*;

/// Text that looks like an article: words, numbers with separators,
/// currency signs, accents, escapes and line breaks.
fn article_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Nvidia ".to_string()),
        Just("Corée du Sud ".to_string()),
        Just("5,5 milliards de dollars. ".to_string()),
        Just("260\u{a0}000 puces ".to_string()),
        Just("$1.5 billion ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just(" date 2024-12 ".to_string()),
        Just("Résumé : ".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{1b}]0;title\u{7}".to_string()),
        Just("Laisser un commentaire\n".to_string()),
        "[a-zA-Zéèàç0-9 ,.%€$'’-]{0,20}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(decoded) = decode(&bytes) {
            prop_assert!(!decoded.text.chars().any(|c| is_control(c) && c != '\n' && c != '\t'));
            let article = parse_article("id", "test", &decoded.text);
            prop_assert!(!article.title.contains('\n'));
        }
    }

    #[test]
    fn article_like_text_never_panics(text in article_like()) {
        let decoded = decode(text.as_bytes());
        if let Ok(decoded) = decoded {
            prop_assert!(!decoded.text.contains(char::from(0x1b)), "escape survived");
            prop_assert!(!decoded.text.contains('\r'));
            let article = parse_article("id", "test", &decoded.text);
            for figure in &article.figures {
                prop_assert!(figure.value.is_finite());
            }
            let json = serde_json::to_string(&article).unwrap();
            prop_assert!(!json.is_empty());
        }
    }
}
