//! Month and weekday names in the languages news archives are mostly written in: English,
//! German, French, Spanish, Portuguese, Italian, Dutch, Russian and Arabic (months only).
//!
//! A month is read from its full name or from a prefix of at least three letters (`Sept`,
//! `janv`, `Okt`) when every name it starts agrees on the month (`jui` could be `juin` or
//! `juillet`, so it is none) and it is not an everyday word (`ago`, `set`, `out`). Weekdays are
//! read from English names and their prefixes, and from the full names of the other languages
//! only, since their prefixes clash with months (`mar` is Tuesday in French and March in
//! English). Words come lower-cased.

use chrono::Weekday;

/// Month names, full forms (and genitive forms, as Russian dates write them), with the month.
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Russian, nominative and genitive
    ("январь", 1),
    ("января", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("март", 3),
    ("марта", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июль", 7),
    ("июля", 7),
    ("август", 8),
    ("августа", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("декабрь", 12),
    ("декабря", 12),
];

/// Month names read only in full: Arabic, as Egypt and the Gulf write them (from the Latin
/// names) and as the Levant and Iraq do (the Syriac names; their two-word January, October,
/// November and December are left out), each with and without its hamza. Their prefixes are
/// everyday words.
const WHOLE_MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("إبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("اذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("ايلول", 9),
];

/// Prefixes of month names that are everyday words, never read as months.
const NOT_MONTHS: &[&str] = &["ago", "set", "out", "gen", "mag", "lug"];

/// English weekday names, read from prefixes of three letters or more too.
const ENGLISH_WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Weekday names of the other languages, read in full only.
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("montag", Weekday::Mon),
    ("dienstag", Weekday::Tue),
    ("mittwoch", Weekday::Wed),
    ("donnerstag", Weekday::Thu),
    ("freitag", Weekday::Fri),
    ("samstag", Weekday::Sat),
    ("sonntag", Weekday::Sun),
    ("lundi", Weekday::Mon),
    ("mardi", Weekday::Tue),
    ("mercredi", Weekday::Wed),
    ("jeudi", Weekday::Thu),
    ("vendredi", Weekday::Fri),
    ("samedi", Weekday::Sat),
    ("dimanche", Weekday::Sun),
    ("lunes", Weekday::Mon),
    ("martes", Weekday::Tue),
    ("miércoles", Weekday::Wed),
    ("jueves", Weekday::Thu),
    ("viernes", Weekday::Fri),
    ("sábado", Weekday::Sat),
    ("domingo", Weekday::Sun),
    ("lunedì", Weekday::Mon),
    ("martedì", Weekday::Tue),
    ("mercoledì", Weekday::Wed),
    ("giovedì", Weekday::Thu),
    ("venerdì", Weekday::Fri),
    ("sabato", Weekday::Sat),
    ("domenica", Weekday::Sun),
    ("maandag", Weekday::Mon),
    ("dinsdag", Weekday::Tue),
    ("woensdag", Weekday::Wed),
    ("donderdag", Weekday::Thu),
    ("vrijdag", Weekday::Fri),
    ("zaterdag", Weekday::Sat),
    ("zondag", Weekday::Sun),
];

/// Words of the other languages that stand around a date on a date line: labels
/// (`Veröffentlicht am`, `publié le`, `publicado el`, `Stand:`), and the words around a time
/// (`um 13:10 Uhr`, `à 9h30`, `klo 12.45`).
pub const LABEL_WORDS: &[&str] = &[
    "veröffentlicht",
    "aktualisiert",
    "erstellt",
    "geändert",
    "stand",
    "am",
    "um",
    "uhr",
    "vom",
    "publié",
    "mis",
    "jour",
    "le",
    "à",
    "publicado",
    "actualizado",
    "el",
    "las",
    "de",
    "pubblicato",
    "aggiornato",
    "il",
    "alle",
    "ore",
    "gepubliceerd",
    "bijgewerkt",
    "op",
    "om",
    "klo",
    "опубликовано",
    "обновлено",
    "в",
];

/// The month a word names (`may`, `Sept`, `märz`, `janv`, `октября`), or `None`.
pub fn month(word: &str) -> Option<u32> {
    let whole = |(name, _): &&(&str, u32)| *name == word;
    if let Some(&(_, month)) = MONTHS
        .iter()
        .find(whole)
        .or_else(|| WHOLE_MONTHS.iter().find(whole))
    {
        return Some(month);
    }
    if word.chars().count() < 3 || NOT_MONTHS.contains(&word) {
        return None;
    }
    let mut months = MONTHS
        .iter()
        .filter(|(name, _)| name.starts_with(word))
        .map(|&(_, month)| month);
    let first = months.next()?;
    months.all(|m| m == first).then_some(first)
}

/// The weekday a word names (`wed`, `thurs`, `Wednesday`, `jeudi`, `Mittwoch`), or `None`.
pub fn weekday(word: &str) -> Option<Weekday> {
    let english = ENGLISH_WEEKDAYS
        .iter()
        .find(|(name, _)| word.len() >= 3 && name.starts_with(word));
    english
        .or_else(|| WEEKDAYS.iter().find(|(name, _)| *name == word))
        .map(|&(_, weekday)| weekday)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_months_in_eight_languages() {
        for (word, want) in [
            ("may", Some(5)),
            ("sept", Some(9)),
            ("mar", Some(3)),
            ("märz", Some(3)),
            ("okt", Some(10)),
            ("janv", Some(1)),
            ("juin", Some(6)),
            ("juil", Some(7)),
            ("août", Some(8)),
            ("junio", Some(6)),
            ("março", Some(3)),
            ("giugno", Some(6)),
            ("mei", Some(5)),
            ("maart", Some(3)),
            ("октября", Some(10)),
            ("أكتوبر", Some(10)),
            ("نيسان", Some(4)),
            ("jui", None),
            ("ago", None),
            ("set", None),
            ("out", None),
            ("ma", None),
            ("monday", None),
            ("أكتو", None),
        ] {
            assert_eq!(month(word), want, "{word}");
        }
    }

    #[test]
    fn reads_weekdays_without_taking_month_prefixes() {
        assert_eq!(weekday("wed"), Some(Weekday::Wed));
        assert_eq!(weekday("jeudi"), Some(Weekday::Thu));
        assert_eq!(weekday("mittwoch"), Some(Weekday::Wed));
        assert_eq!(weekday("mar"), None);
        assert_eq!(weekday("jeu"), None);
    }
}
