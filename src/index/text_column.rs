//! Reading many texts of a text fast column at once.
//!
//! A text column stores term ordinals per document and the texts in a dictionary of compressed
//! blocks. Looking texts up one ordinal at a time decompresses a block each time: reading the
//! manifest of 1M articles, or the ids of 750k matching articles for a timeline, spent most of
//! its time creating zstd contexts (`perf`). [`texts_of_ords`] sorts the ordinals and reads the
//! dictionary once, in order.

use std::io;

use tantivy::columnar::StrColumn;

/// The texts of the given ordinals of `column`, as (ordinal, text) sorted by ordinal without
/// repeats; an ordinal the dictionary lacks is left out. Look one up with [`text_of`].
pub fn texts_of_ords(
    column: &StrColumn,
    ords: impl IntoIterator<Item = u64>,
) -> io::Result<Vec<(u64, String)>> {
    let mut ords: Vec<u64> = ords.into_iter().collect();
    ords.sort_unstable();
    ords.dedup();
    let mut texts = Vec::with_capacity(ords.len());
    column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        texts.push(String::from_utf8_lossy(bytes).into_owned());
    })?;
    // The dictionary stops at the first ordinal it lacks: the texts found are the first ones.
    Ok(ords.into_iter().zip(texts).collect())
}

/// The text of `ord` in a table made by [`texts_of_ords`].
pub fn text_of(table: &[(u64, String)], ord: u64) -> Option<&str> {
    let at = table.binary_search_by_key(&ord, |&(o, _)| o).ok()?;
    table.get(at).map(|(_, text)| text.as_str())
}
