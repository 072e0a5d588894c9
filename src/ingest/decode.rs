//! Bytes → text: UTF-8 when it is, UTF-16 or UTF-32 when a byte-order mark says so,
//! Windows-1252 when it is none of these, nothing when it is not text.
//!
//! Real corpora hold Latin-1/Windows-1252 files (a raw `£` byte in the BBC set). Such files are
//! decoded with a warning rather than dropped. Files with NUL bytes (and no UTF-16/32 mark) are
//! binary; so is text in which more than one character in [`CONTROL_SHARE`] of the first
//! [`SAMPLE_CHARS`] is a control character (random bytes without NULs are about one in nine).

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

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
    /// Not UTF-8: decoded as Windows-1252 (a superset of Latin-1's printable range).
    Legacy(String),
    /// Empty or white space only.
    Empty,
    /// Holds NUL bytes: not a text file.
    Binary,
    /// Decodes, but too many of its characters are controls: not text.
    NotText,
}

/// Decodes file bytes into text, reusing the bytes' memory when they are UTF-8 already (a
/// file's bytes and its text are never both held: a 13 MB CSV export would hold 26 MB).
pub fn decode(mut bytes: Vec<u8>) -> Decoded {
    if let Some(text) = decode_wide(&bytes) {
        return judged(Decoded::Utf8(text));
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
            let (text, _, _) = WINDOWS_1252.decode(err.as_bytes());
            Decoded::Legacy(text.into_owned())
        }
    })
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
        Decoded::Utf8(text) | Decoded::Legacy(text) => text,
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
        assert_eq!(decode("£5".into()), Decoded::Utf8("£5".into()));
        assert_eq!(
            decode(b"\xEF\xBB\xBFhi".to_vec()),
            Decoded::Utf8("hi".into())
        );
    }

    #[test]
    fn latin1_pound_sign() {
        assert_eq!(
            decode(b"cost \xA35m".to_vec()),
            Decoded::Legacy("cost £5m".into())
        );
    }

    #[test]
    fn utf16_and_utf32_with_a_byte_order_mark() {
        let text = "Zürich — news";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le), Decoded::Utf8(text.into()));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be), Decoded::Utf8(text.into()));
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        le32.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(decode(le32), Decoded::Utf8(text.into()));
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
        assert_eq!(decode(bytes), Decoded::NotText);
        assert!(matches!(
            decode(b"Tabs\tand\r\nlines\x0c".to_vec()),
            Decoded::Utf8(_)
        ));
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(Vec::new()), Decoded::Empty);
        assert_eq!(decode(b" \n\t".to_vec()), Decoded::Empty);
        assert_eq!(decode(b"PK\x03\x04\x00\x00".to_vec()), Decoded::Binary);
    }
}
