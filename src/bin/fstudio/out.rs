//! Standard output that tolerates a closed pipe: `fstudio rules | head -1` must end
//! quietly, not panic as `print!` does. After the reader goes away, further output is
//! dropped and the command finishes with its usual exit code.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard output as is.
pub fn print(text: &str) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = io::stdout().lock();
    let result = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => CLOSED.store(true, Ordering::Relaxed),
        Err(e) => {
            CLOSED.store(true, Ordering::Relaxed);
            eprintln!("fstudio: cannot write to standard output: {e}");
        }
    }
}

/// Writes `text` and a newline to standard output.
pub fn println(text: &str) {
    print(&format!("{text}\n"));
}
