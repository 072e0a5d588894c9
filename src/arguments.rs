//! The words of the command line → what clap parses: `search` as the default command, query
//! words that start with a dash, and mistyped command names.
//!
//! - When the first word that is neither an option nor an option's value is not a command name,
//!   `search` is implied: `news-search --json "export controls"` is
//!   `news-search search --json "export controls"`.
//! - In a search, every word that is not a known option is a query word, even one that starts
//!   with a dash (`-prices`, a pasted `- Reuters`): options are moved before a `--` and the
//!   query words after it, so clap never reads query text as an unknown option.
//! - A first word that looks like a mistyped command (`indx`, `stat`, `serach`) is an error
//!   that suggests the command; the word can still be searched with `--` or `search`.

use std::ffi::OsString;

use clap::CommandFactory;

use crate::cli::Cli;

/// A first word that is close to a command name but is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistyped {
    /// What was typed.
    pub word: String,
    /// The command it is close to.
    pub command: String,
}

impl std::fmt::Display for Mistyped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown command `{word}`; did you mean `{command}`? To search for the word: \
             `news-search -- {word}` or `news-search search {word}`",
            word = self.word,
            command = self.command
        )
    }
}

impl std::error::Error for Mistyped {}

/// An option clap knows: its names and whether it takes a value.
struct Known {
    long: Option<String>,
    short: Option<char>,
    takes_value: bool,
}

/// Rewrites the command line for clap (see the module doc).
pub fn prepare(args: Vec<OsString>) -> Result<Vec<OsString>, Mistyped> {
    let mut command = Cli::command();
    command.build();
    let names: Vec<String> = command
        .get_subcommands()
        .flat_map(|c| {
            std::iter::once(c.get_name().to_string()).chain(c.get_all_aliases().map(str::to_string))
        })
        .collect();
    let search = command.find_subcommand("search");
    let known: Vec<Known> = command
        .get_arguments()
        .chain(search.into_iter().flat_map(|s| s.get_arguments()))
        .filter(|a| !a.is_positional())
        .map(|a| Known {
            long: a.get_long().map(str::to_string),
            short: a.get_short(),
            takes_value: a.get_action().takes_values(),
        })
        .collect();
    let mut i = 1;
    while i < args.len() {
        let word = args[i].to_string_lossy();
        if word == "--" {
            return Ok(as_search(args, i, &known));
        }
        match option(&word, &known) {
            Some(takes_next) => i += if takes_next { 2 } else { 1 },
            None if word == "search" => {
                let mut rest = args;
                rest.remove(i);
                return Ok(as_search(rest, i, &known));
            }
            None if names.iter().any(|n| *n == word) => return Ok(args),
            None => {
                if let Some(command) = close_command(&word, &names) {
                    return Err(Mistyped {
                        word: word.into_owned(),
                        command,
                    });
                }
                return Ok(as_search(args, i, &known));
            }
        }
    }
    // Options only: a search without a query (reported as such) unless help or version is asked.
    let asks_help = args.iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        matches!(a.as_ref(), "-h" | "--help" | "-V" | "--version")
    });
    if args.len() > 1 && !asks_help {
        let at = args.len();
        return Ok(as_search(args, at, &known));
    }
    Ok(args)
}

/// The command line of a search whose query may start at `from`: the program, `search`, every
/// option (with its value) in order, then `--` and the query words.
fn as_search(args: Vec<OsString>, from: usize, known: &[Known]) -> Vec<OsString> {
    let mut options: Vec<OsString> = Vec::new();
    let mut words: Vec<OsString> = Vec::new();
    let mut args = args.into_iter();
    let program = args.next().unwrap_or_default();
    let mut only_words = false;
    let mut value_next = false;
    for (position, arg) in (1..).zip(args) {
        let word = arg.to_string_lossy().into_owned();
        if value_next {
            options.push(arg);
            value_next = false;
        } else if only_words {
            words.push(arg);
        } else if word == "--" {
            only_words = true;
        } else if let Some(takes_next) = option(&word, known) {
            options.push(arg);
            value_next = takes_next;
        } else if position < from {
            // A word before the query that is no option: leave it to clap to report.
            options.push(arg);
        } else {
            words.push(arg);
        }
    }
    let mut out = vec![program, OsString::from("search")];
    out.extend(options);
    if !words.is_empty() {
        out.push(OsString::from("--"));
        out.extend(words);
    }
    out
}

/// Whether `word` is a known option; `Some(true)` when its value is the next word.
fn option(word: &str, known: &[Known]) -> Option<bool> {
    if let Some(long) = word.strip_prefix("--") {
        let (name, value) = match long.split_once('=') {
            Some((name, _)) => (name, true),
            None => (long, false),
        };
        let option = known.iter().find(|k| k.long.as_deref() == Some(name))?;
        return Some(option.takes_value && !value);
    }
    let shorts = word.strip_prefix('-')?;
    if shorts.is_empty() {
        return None;
    }
    for (at, c) in shorts.char_indices() {
        let option = known.iter().find(|k| k.short == Some(c))?;
        if option.takes_value {
            return Some(at + c.len_utf8() == shorts.len());
        }
    }
    Some(false)
}

/// The command a word seems to mistype: a prefix of at least four letters (`stat`), or the
/// name with one letter left out or two neighbours swapped (`indx`, `serach`). Longer words
/// (`shows`) are never taken for a command: they are more likely words to search.
fn close_command(word: &str, names: &[String]) -> Option<String> {
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    names
        .iter()
        .filter(|name| name.as_str() != "help")
        .find(|name| {
            (word.len() >= 4 && name.starts_with(word))
                || one_left_out(word, name)
                || swapped(word, name)
        })
        .cloned()
}

/// Whether `word` is `name` with one character left out.
fn one_left_out(word: &str, name: &str) -> bool {
    name.len() == word.len() + 1
        && (0..name.len()).any(|i| {
            name.is_char_boundary(i) && {
                let mut shorter = name.to_string();
                shorter.remove(i);
                shorter == word
            }
        })
}

/// Whether `word` is `name` with two neighbouring characters swapped.
fn swapped(word: &str, name: &str) -> bool {
    let (a, b) = (word.as_bytes(), name.as_bytes());
    if a.len() != b.len() || a == b {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(differ.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(args: &[&str]) -> Vec<String> {
        let args = std::iter::once("news-search")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        match prepare(args) {
            Ok(out) => out
                .into_iter()
                .skip(1)
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
            Err(err) => vec![format!("error: {err}")],
        }
    }

    #[test]
    fn search_is_the_default_command() {
        assert_eq!(
            prepared(&["--json", "export controls"]),
            ["search", "--json", "--", "export controls"]
        );
        assert_eq!(prepared(&["index", "corpus"]), ["index", "corpus"]);
        assert_eq!(prepared(&["--timeline"]), ["search", "--timeline"]);
        assert_eq!(prepared(&["--help"]), ["--help"]);
    }

    #[test]
    fn dashed_query_words_are_words_and_options_stay_options() {
        assert_eq!(
            prepared(&["oil", "-prices", "-n", "5", "--since=2025"]),
            ["search", "-n", "5", "--since=2025", "--", "oil", "-prices"]
        );
        assert_eq!(
            prepared(&["- Reuters said"]),
            ["search", "--", "- Reuters said"]
        );
        assert_eq!(
            prepared(&["search", "-n5", "-5 degrees"]),
            ["search", "-n5", "--", "-5 degrees"]
        );
        assert_eq!(prepared(&["--", "index"]), ["search", "--", "index"]);
    }

    #[test]
    fn mistyped_commands_are_caught_and_words_are_not() {
        for (typed, meant) in [
            ("indx", "index"),
            ("stat", "stats"),
            ("serach", "search"),
            ("prase", "parse"),
        ] {
            let out = prepared(&[typed, "x"]);
            assert!(
                out[0].contains(&format!("did you mean `{meant}`")),
                "{out:?}"
            );
        }
        for word in ["shows", "oil", "indexes", "Stat", "par"] {
            assert_eq!(prepared(&[word])[0], "search", "{word}");
        }
    }
}
