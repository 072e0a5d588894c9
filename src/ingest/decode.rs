//! Bytes → text: UTF-16 or UTF-32 when a byte-order mark says so; for a web page, the charset
//! its `<meta>` declares (`<meta charset>`, `http-equiv="Content-Type"`), as a browser's prescan
//! reads it; else UTF-8 when it is; else the encoding `chardetng` (Firefox's detector) finds
//! most likely; nothing when it is not text.
//!
//! Real corpora hold Latin-1/Windows-1252 files (a raw `£` byte in the BBC set) and pages in
//! Shift_JIS, EUC-JP, GB2312, ISO-8859-x or windows-125x. A declared charset is trusted (no
//! warning); a detected one is decoded with a warning rather than dropped. Files with NUL bytes (and no UTF-16/32 mark) are
//! binary; so is text in which more than one character in [`CONTROL_SHARE`] of the first
//! [`SAMPLE_CHARS`] is a control character (random bytes without NULs are about one in nine).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use memchr::memmem;

/// Share (percent) of non-ASCII bytes from which an undeclared legacy text is decoded in the
/// encoding `chardetng` detects rather than in Windows-1252.
const DETECT_PERCENT: usize = 15;

/// A text with more control characters (tabs, newlines, form feeds aside) than one in this
/// many is not text.
pub const CONTROL_SHARE: usize = 20;
/// Characters looked at to decide whether a text is text.
const SAMPLE_CHARS: usize = 65_536;

/// The outcome of decoding one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Valid UTF-8 (a byte-order mark removed).
    Utf8(String),
    /// Not UTF-8 and no charset declared: decoded in the encoding detected (its name).
    Legacy(String, &'static str),
    /// Decoded in the charset the page declares (its name).
    Declared(String, &'static str),
    /// Empty or white space only.
    Empty,
    /// Holds NUL bytes: not a text file.
    Binary,
    /// Decodes, but too many of its characters are controls: not text.
    NotText,
}

/// Decodes file bytes into text, reusing the bytes' memory when they are UTF-8 already (a
/// file's bytes and its text are never both held: a 13 MB CSV export would hold 26 MB).
/// With `page`, a charset the bytes' `<meta>` declares is used ([`declared_charset`]).
pub fn decode(mut bytes: Vec<u8>, page: bool) -> Decoded {
    if let Some(text) = decode_wide(&bytes) {
        return judged(Decoded::Utf8(text));
    }
    // A declared legacy charset is believed unless the bytes are valid UTF-8 beyond ASCII: a
    // page re-encoded to UTF-8 by whoever saved it often keeps its old declaration, and legacy
    // text is almost never valid UTF-8 by chance.
    let utf8_beyond_ascii = !bytes.is_ascii() && std::str::from_utf8(&bytes).is_ok();
    if page
        && !utf8_beyond_ascii
        && !bytes.starts_with(b"\xEF\xBB\xBF")
        && let Some(encoding) = declared_charset(&bytes).filter(|e| *e != UTF_8)
    {
        let (text, _, _) = encoding.decode(&bytes);
        return judged(Decoded::Declared(text.into_owned(), encoding.name()));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Decoded::Binary;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Decoded::Empty;
    }
    judged(match String::from_utf8(bytes) {
        Ok(text) => Decoded::Utf8(text),
        Err(err) => {
            let bytes = err.as_bytes();
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            // Not UTF-8 (it failed to be), and no top-level domain to hint with. A text of
            // mostly ASCII with a few other bytes (a `£` in English copy) is too little evidence
            // for the detector, which may then pick a Central European code page: such text is
            // read as Windows-1252, the commonest legacy encoding of news; the detector decides
            // when non-ASCII bytes are frequent (Cyrillic, Greek, Chinese, Japanese…).
            let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
            let high = bytes.iter().filter(|b| !b.is_ascii()).count();
            let encoding = if high * 100 >= bytes.len() * DETECT_PERCENT {
                guess
            } else {
                WINDOWS_1252
            };
            let (text, _, _) = encoding.decode(bytes);
            Decoded::Legacy(text.into_owned(), encoding.name())
        }
    })
}

/// The charset a page declares in its first 4 KB (where HTML requires the declaration):
/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">`; labels
/// are resolved as browsers resolve them (`latin1` and `iso-8859-1` are windows-1252, `gb2312`
/// is GBK).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = memmem::find(&lower[from..], b"<meta").map(|at| from + at) {
        let end = memchr::memchr(b'>', &lower[at..]).map_or(lower.len(), |e| at + e);
        let tag = &lower[at..end];
        if let Some(pos) = memmem::find(tag, b"charset") {
            let rest = &tag[pos + b"charset".len()..];
            let rest = rest.strip_prefix(b"=").or_else(|| {
                let trimmed = rest.trim_ascii_start();
                trimmed.strip_prefix(b"=")
            });
            if let Some(value) = rest {
                let value = value.trim_ascii_start();
                let value = value
                    .strip_prefix(b"\"")
                    .or(value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let len = value
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(value.len());
                if let Some(encoding) = Encoding::for_label(&value[..len]) {
                    return Some(encoding);
                }
            }
        }
        from = end;
    }
    None
}

/// Text of a file that starts with a UTF-32 or UTF-16 byte-order mark (UTF-32 first: its
/// little-endian mark begins with UTF-16's); `None` without one.
fn decode_wide(bytes: &[u8]) -> Option<String> {
    let utf32 = |big: bool| -> String {
        bytes[4..]
            .chunks_exact(4)
            .map(|c| {
                let unit = [c[0], c[1], c[2], c[3]];
                let value = if big {
                    u32::from_be_bytes(unit)
                } else {
                    u32::from_le_bytes(unit)
                };
                char::from_u32(value).unwrap_or('\u{fffd}')
            })
            .collect()
    };
    if bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Some(utf32(true));
    }
    if bytes.starts_with(b"\xFF\xFE\x00\x00") {
        return Some(utf32(false));
    }
    let encoding = if bytes.starts_with(b"\xFF\xFE") {
        UTF_16LE
    } else if bytes.starts_with(b"\xFE\xFF") {
        UTF_16BE
    } else {
        return None;
    };
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    Some(text.into_owned())
}

/// A decoded text, or [`Decoded::Empty`] / [`Decoded::NotText`] when it is no text.
fn judged(decoded: Decoded) -> Decoded {
    let text = match &decoded {
        Decoded::Utf8(text) | Decoded::Legacy(text, _) | Decoded::Declared(text, _) => text,
        _ => return decoded,
    };
    if text.chars().all(char::is_whitespace) {
        return Decoded::Empty;
    }
    let (mut chars, mut controls) = (0usize, 0usize);
    for c in text.chars().take(SAMPLE_CHARS) {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') || c == '\u{fffd}' {
            controls += 1;
        }
    }
    if controls * CONTROL_SHARE > chars {
        Decoded::NotText
    } else {
        decoded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("£5".into(), false), Decoded::Utf8("£5".into()));
        assert_eq!(
            decode(b"\xEF\xBB\xBFhi".to_vec(), false),
            Decoded::Utf8("hi".into())
        );
    }

    #[test]
    fn latin1_pound_sign() {
        assert_eq!(
            decode(b"The cost rose to \xA35m this year.".to_vec(), false),
            Decoded::Legacy("The cost rose to £5m this year.".into(), "windows-1252")
        );
    }

    #[test]
    fn utf16_and_utf32_with_a_byte_order_mark() {
        let text = "Zürich — news";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le, false), Decoded::Utf8(text.into()));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be, false), Decoded::Utf8(text.into()));
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        le32.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(decode(le32, false), Decoded::Utf8(text.into()));
    }

    #[test]
    fn random_bytes_without_nuls_are_not_text() {
        let mut state: u32 = 7;
        let bytes: Vec<u8> = (0..100_000)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((state >> 16) as u8).max(1)
            })
            .collect();
        assert_eq!(decode(bytes, false), Decoded::NotText);
        assert!(matches!(
            decode(b"Tabs\tand\r\nlines\x0c".to_vec(), false),
            Decoded::Utf8(_)
        ));
    }

    #[test]
    fn undeclared_non_latin_text_is_detected() {
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251
            .encode("Москва сегодня объявила о новых мерах поддержки экономики и бизнеса.");
        assert_eq!(
            decode(cyrillic.into_owned(), false),
            Decoded::Legacy(
                "Москва сегодня объявила о новых мерах поддержки экономики и бизнеса.".into(),
                "windows-1251"
            )
        );
        let (japanese, _, _) = encoding_rs::SHIFT_JIS
            .encode("東京都は本日、新しい経済対策を発表しました。市場は好意的に反応した。");
        assert!(matches!(
            decode(japanese.into_owned(), false),
            Decoded::Legacy(_, "Shift_JIS")
        ));
    }

    #[test]
    fn declared_charsets_are_read_as_browsers_read_them() {
        let page = |meta: &str| format!("<html><head>{meta}<title>x</title>").into_bytes();
        let name = |meta: &str| declared_charset(&page(meta)).map(Encoding::name);
        assert_eq!(name("<meta charset=\"Shift_JIS\">"), Some("Shift_JIS"));
        assert_eq!(name("<META CHARSET=euc-jp>"), Some("EUC-JP"));
        assert_eq!(
            name("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"),
            Some("GBK")
        );
        assert_eq!(name("<meta charset='iso-8859-1'/>"), Some("windows-1252"));
        assert_eq!(name("<meta name=\"description\" content=\"x\">"), None);
        // Re-encoded to UTF-8 with the old declaration kept: the bytes win.
        let saved = "<meta charset=\"iso-8859-1\"><title>Zürich café</title>"
            .as_bytes()
            .to_vec();
        assert_eq!(
            decode(saved, true),
            Decoded::Utf8("<meta charset=\"iso-8859-1\"><title>Zürich café</title>".into())
        );
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(Vec::new(), false), Decoded::Empty);
        assert_eq!(decode(b" \n\t".to_vec(), false), Decoded::Empty);
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00".to_vec(), false),
            Decoded::Binary
        );
    }
}
