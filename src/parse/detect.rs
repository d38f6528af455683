//! Recognises which command printed a captured log (`wparup parse auto`).
//!
//! The command named in a transcript step or a pasted prompt (`# syncwpar -D …`) wins; otherwise
//! the first landmark found decides: a `startwpar:`/`syncwpar:`… message prefix, lswpar's `#name`
//! header, `-L` rule or table header, syncwpar's section and success lines, migwpar's
//! `Shared /usr WPAR list:`, inuwpar/installp blocks (syncwpar, which embeds them).

use crate::program::Program;

/// Looks at one line; `Some` when it settles the family.
pub fn from_line(line: &[u8]) -> Option<Program> {
    let t = line.trim_ascii();
    // mkwpar/wparexec's last word, before the syncwpar-style `Workload partition …` lines.
    if t.starts_with(b"Workload partition ") && t.ends_with(b" created successfully.") {
        return Some(Program::Startwpar);
    }
    for (prefix, fam) in [
        (&b"startwpar:"[..], Program::Startwpar),
        (b"stopwpar:", Program::Stopwpar),
        (b"rebootwpar:", Program::Rebootwpar),
        (b"migwpar:", Program::Migwpar),
        (b"syncwpar:", Program::Syncwpar),
        (b"lswpar:", Program::Lswpar),
        (b"#name:", Program::Lswpar),
        (b"Shared /usr WPAR list:", Program::Migwpar),
        (b"Synchronizing workload partition", Program::Syncwpar),
        (b"Workload partition ", Program::Syncwpar),
        (b"inuwpar:", Program::Syncwpar),
        (b"installp:", Program::Syncwpar),
        (b"FILESET STATISTICS", Program::Syncwpar),
        (b"Installation Summary", Program::Syncwpar),
        (b"syncroot:", Program::Syncwpar),
        (b"Starting workload partition", Program::Startwpar),
        (b"Mounting all workload partition", Program::Startwpar),
        (b"Loading workload partition", Program::Startwpar),
        (b"Stopping workload partition", Program::Stopwpar),
        (b"Shutting down all workload partition", Program::Stopwpar),
    ] {
        if t.starts_with(prefix) {
            return Some(fam);
        }
    }
    if t.len() >= 60 && t.iter().all(|b| *b == b'=') {
        return Some(Program::Lswpar);
    }
    if t.starts_with(b"Name") && super::contains(t, b"State") && super::contains(t, b"Type") {
        return Some(Program::Lswpar);
    }
    // `#state:name:…` (any header order)
    if t.starts_with(b"#") && t.contains(&b':') && super::contains(&t.to_ascii_lowercase(), b"name")
    {
        return Some(Program::Lswpar);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landmarks() {
        assert_eq!(
            from_line(b"startwpar: 0960-667 The operating system level"),
            Some(Program::Startwpar)
        );
        assert_eq!(from_line(b"#name:state:type"), Some(Program::Lswpar));
        assert_eq!(from_line(b"hello"), None);
    }
}
