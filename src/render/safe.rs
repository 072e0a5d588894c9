//! Text that cannot drive a terminal: scraped pages are hostile input, and an escape sequence
//! in a headline could clear the screen, set the window title or write the clipboard (OSC 52).
//!
//! [`terminal`] replaces every control character of a field before it is printed: C0 controls
//! (`ESC`, `BEL`, backspace, carriage return…) by their visible Unicode control pictures (`␛`,
//! `␇`, `␈`, `␍`), `DEL` by `␡`, and C1 controls (U+0080–U+009F, among them the one-character
//! CSI U+009B) by `�`. Newlines and tabs stay where a field may hold them (`multiline`); in a
//! one-line field they become spaces. An escape sequence is thus shown, never obeyed. [`Json`]
//! is a `serde_json` formatter that also writes C1 controls as `\u00XX` escapes (serde_json
//! escapes C0 itself), so JSON piped to a terminal is as safe.

use std::borrow::Cow;
use std::io;

/// Whether a character must not reach a terminal as it is.
fn is_unsafe(c: char, multiline: bool) -> bool {
    c.is_control() && !(multiline && matches!(c, '\n' | '\t'))
}

/// `text` with every control character shown instead of obeyed (see the module doc).
pub fn terminal(text: &str, multiline: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, multiline)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !is_unsafe(c, multiline) => c,
                '\n' | '\t' => ' ',
                '\u{7f}' => '\u{2421}',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                _ => '\u{fffd}',
            })
            .collect(),
    )
}

/// A one-line field for the terminal: [`terminal`] with newlines and tabs as spaces.
pub fn line(text: &str) -> Cow<'_, str> {
    terminal(text, false)
}

/// serde_json's compact output, with C1 controls (U+0080–U+009F) escaped as `\u00XX`.
pub struct Json;

impl serde_json::ser::Formatter for Json {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if ('\u{80}'..='\u{9f}').contains(&c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(line("plain text"), "plain text");
        assert_eq!(line("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(
            line("\u{1b}]52;c;aGk=\u{7}x"),
            "\u{241b}]52;c;aGk=\u{2407}x"
        );
        assert_eq!(
            line("csi\u{9b}31m del\u{7f} bs\u{8}"),
            "csi\u{fffd}31m del\u{2421} bs\u{2408}"
        );
        assert_eq!(line("two\nlines\ttab"), "two lines tab");
        assert_eq!(
            terminal("two\nlines\ttab\r", true),
            "two\nlines\ttab\u{240d}"
        );
    }

    #[test]
    fn json_escapes_c1_controls() {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, Json);
        serde::Serialize::serialize(&"a\u{9b}2J\u{1b}b\u{85}é", &mut serializer).expect("json");
        let text = String::from_utf8(out).expect("utf8");
        assert_eq!(text, "\"a\\u009b2J\\u001bb\\u0085é\"");
        let back: String = serde_json::from_str(&text).expect("parse");
        assert_eq!(back, "a\u{9b}2J\u{1b}b\u{85}é");
    }
}
