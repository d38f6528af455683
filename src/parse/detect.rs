//! Recognises which command printed a captured log (`wparup parse auto`).
//!
//! The command named in a transcript step or a pasted prompt (`# syncwpar -D …`) wins; otherwise
//! the first landmark found decides: a `startwpar:`/`syncwpar:`… message prefix, lswpar's `#name`
//! header, `-L` rule or table header, syncwpar's section and success lines, migwpar's
//! `Shared /usr WPAR list:`, inuwpar/installp blocks (syncwpar, which embeds them).

use serde::Serialize;

use super::wparcmd::OpCommand;

/// A parser family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// `lswpar`.
    Lswpar,
    /// One of the operation commands.
    Op(OpCommand),
}

impl Family {
    /// From a family or command name.
    pub fn from_name(s: &str) -> Option<Family> {
        let base = s.rsplit('/').next().unwrap_or(s);
        if base == "lswpar" {
            return Some(Family::Lswpar);
        }
        OpCommand::from_name(base).map(Family::Op)
    }

    /// The command name.
    pub fn name(self) -> &'static str {
        match self {
            Family::Lswpar => "lswpar",
            Family::Op(c) => c.name(),
        }
    }
}

/// Looks at one line; `Some` when it settles the family.
pub fn from_line(line: &[u8]) -> Option<Family> {
    let t = line.trim_ascii();
    for (prefix, fam) in [
        (&b"startwpar:"[..], Family::Op(OpCommand::Startwpar)),
        (b"stopwpar:", Family::Op(OpCommand::Stopwpar)),
        (b"rebootwpar:", Family::Op(OpCommand::Rebootwpar)),
        (b"migwpar:", Family::Op(OpCommand::Migwpar)),
        (b"syncwpar:", Family::Op(OpCommand::Syncwpar)),
        (b"lswpar:", Family::Lswpar),
        (b"#name:", Family::Lswpar),
        (b"Shared /usr WPAR list:", Family::Op(OpCommand::Migwpar)),
        (
            b"Synchronizing workload partition",
            Family::Op(OpCommand::Syncwpar),
        ),
        (b"Workload partition ", Family::Op(OpCommand::Syncwpar)),
        (b"inuwpar:", Family::Op(OpCommand::Syncwpar)),
        (b"installp:", Family::Op(OpCommand::Syncwpar)),
        (b"FILESET STATISTICS", Family::Op(OpCommand::Syncwpar)),
        (b"Installation Summary", Family::Op(OpCommand::Syncwpar)),
        (b"syncroot:", Family::Op(OpCommand::Syncwpar)),
    ] {
        if t.starts_with(prefix) {
            return Some(fam);
        }
    }
    if t.len() >= 60 && t.iter().all(|b| *b == b'=') {
        return Some(Family::Lswpar);
    }
    if t.starts_with(b"Name") && super::contains(t, b"State") && super::contains(t, b"Type") {
        return Some(Family::Lswpar);
    }
    // `#state:name:…` (any header order)
    if t.starts_with(b"#") && t.contains(&b':') && super::contains(&t.to_ascii_lowercase(), b"name")
    {
        return Some(Family::Lswpar);
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
            Some(Family::Op(OpCommand::Startwpar))
        );
        assert_eq!(from_line(b"#name:state:type"), Some(Family::Lswpar));
        assert_eq!(from_line(b"hello"), None);
    }
}
