//! Paging long output through `$PAGER`, as `git` does: only when stdout is a terminal, with
//! `less -FRX` behaviour by default (quit when it fits one screen, keep colours, leave the text
//! on screen), and straight to stdout when no pager can be started.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// Writes `text` through the user's pager (`$PAGER`, else `less`), or to stdout when `$PAGER`
/// is empty or `cat`, or the pager cannot be started.
pub fn page(text: &[u8]) -> io::Result<()> {
    let pager = std::env::var("PAGER").unwrap_or_else(|_| "less".to_string());
    let pager = pager.trim();
    if pager.is_empty() || pager == "cat" {
        return io::stdout().lock().write_all(text);
    }
    let mut command = Command::new("sh");
    command.arg("-c").arg(pager).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let Ok(mut child) = command.spawn() else {
        return io::stdout().lock().write_all(text);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before reading it all (`q` in less): not an error.
        match stdin.write_all(text) {
            Err(err) if err.kind() != io::ErrorKind::BrokenPipe => return Err(err),
            _ => {}
        }
    }
    child.wait()?;
    Ok(())
}
