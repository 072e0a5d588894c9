//! Bytes → text: UTF-8 when it is, Windows-1252 when it is not, nothing when it is binary.
//!
//! Real corpora hold Latin-1/Windows-1252 files (a raw `£` byte in the BBC set). Such files are
//! decoded with a warning rather than dropped; files with NUL bytes are binary and skipped.

use encoding_rs::WINDOWS_1252;

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
}

/// Decodes file bytes into text, reusing the bytes' memory when they are UTF-8 already (a
/// file's bytes and its text are never both held: a 13 MB CSV export would hold 26 MB).
pub fn decode(mut bytes: Vec<u8>) -> Decoded {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Decoded::Binary;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Decoded::Empty;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Utf8(text),
        Err(err) => {
            let (text, _, _) = WINDOWS_1252.decode(err.as_bytes());
            Decoded::Legacy(text.into_owned())
        }
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
    fn empty_and_binary() {
        assert_eq!(decode(Vec::new()), Decoded::Empty);
        assert_eq!(decode(b" \n\t".to_vec()), Decoded::Empty);
        assert_eq!(decode(b"PK\x03\x04\x00\x00".to_vec()), Decoded::Binary);
    }
}
