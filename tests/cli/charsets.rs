//! Pages in legacy charsets: one per family, written by the test in that charset with the
//! `<meta>` declaration a real page carries, must come back as the text they hold.

use super::{Sandbox, stderr, stdout};

/// A saved page: its headline and paragraphs, in `encoding`, declaring `label` as `declare`
/// writes it.
fn page(
    encoding: &'static encoding_rs::Encoding,
    declare: &str,
    headline: &str,
    body: &str,
) -> Vec<u8> {
    let html = format!(
        "<html><head>{declare}<title>{headline}</title></head><body><article><h1>{headline}</h1>\
         <p>{body}</p><p>{body}</p></article></body></html>"
    );
    let (bytes, _, unmappable) = encoding.encode(&html);
    assert!(!unmappable, "{} cannot hold the text", encoding.name());
    bytes.into_owned()
}

#[test]
fn pages_in_legacy_charsets_decode_correctly() {
    let cases: [(&'static encoding_rs::Encoding, &str, &str, &str); 6] = [
        (
            encoding_rs::ISO_8859_2,
            "<meta charset=\"iso-8859-2\">",
            "Zażółć gęślą jaźń: rząd ogłasza reformę",
            "Rząd w Warszawie ogłosił w środę nowy pakiet reform dla przedsiębiorców i rolników.",
        ),
        (
            encoding_rs::WINDOWS_1251,
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
            "Москва объявила о новых мерах",
            "Правительство в среду объявило о новых мерах поддержки малого бизнеса и экономики.",
        ),
        (
            encoding_rs::WINDOWS_1252,
            "<meta charset=\"windows-1252\">",
            "Café prices rise in Zürich — “sharply”",
            "Prices at cafés in Zürich rose by 4% in the year to March, the statistics office said.",
        ),
        (
            encoding_rs::SHIFT_JIS,
            "<meta charset=\"Shift_JIS\">",
            "東京都が新たな経済対策を発表",
            "東京都は本日、中小企業を支援するための新しい経済対策を発表しました。",
        ),
        (
            encoding_rs::EUC_JP,
            "<meta http-equiv=\"content-type\" content=\"text/html;charset=EUC-JP\">",
            "大阪で新しい橋が開通",
            "大阪市で新しい橋が開通し、多くの市民が渡り初めに参加しました。",
        ),
        (
            encoding_rs::GBK,
            "<meta charset=\"gb2312\">",
            "北京发布新的交通规划",
            "北京市政府今天发布了新的城市交通规划，以缓解交通拥堵。",
        ),
    ];
    let sb = Sandbox::new();
    for (i, (encoding, declare, headline, body)) in cases.iter().enumerate() {
        sb.write(
            &format!("pages/{i}.html"),
            &page(encoding, declare, headline, body),
        );
    }
    // The same Cyrillic page without a declaration: the detector reads it.
    let (_, _, cyrillic_headline, cyrillic_body) = cases[1];
    sb.write(
        "pages/undeclared.html",
        &page(
            encoding_rs::WINDOWS_1251,
            "",
            cyrillic_headline,
            cyrillic_body,
        ),
    );
    let out = sb.run(&["parse", "--json", "pages"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let articles: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let of = |name: &str| {
        articles
            .iter()
            .find(|a| a["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("no article from {name}: {}", stderr(&out)))
    };
    for (i, (encoding, _, headline, body)) in cases.iter().enumerate() {
        let article = of(&format!("{i}.html"));
        assert_eq!(article["headline"], *headline, "{}", encoding.name());
        assert!(
            article["body"].as_str().is_some_and(|b| b.contains(body)),
            "{}: {}",
            encoding.name(),
            article["body"]
        );
    }
    assert_eq!(of("undeclared.html")["headline"], cyrillic_headline);
    assert!(
        stderr(&out)
            .contains("undeclared.html: not valid UTF-8, decoded as windows-1251 (detected)"),
        "{}",
        stderr(&out)
    );
}
