//! Shell quoting of command lines: POSIX words, plus ksh93's and bash's `$'…'` for bytes that are
//! not printable UTF-8, and the reverse split. Used wherever wparup shows or records a command
//! line (logs, transcripts, hints, `Invocation`'s `Display`).

/// Quotes one word for a POSIX shell (and for [`argv_split`]).
pub fn shell_quote(w: &str) -> String {
    let plain = !w.is_empty()
        && w.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'_' | b'.' | b'/' | b'=' | b':' | b',' | b'+' | b'@' | b'%' | b'-'
                )
        });
    if plain {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

/// Quotes one argument given as bytes: [`shell_quote`] when it is printable UTF-8, else ksh93's
/// and bash's `$'…'` with `\xHH` for every byte that is not printable ASCII, so a name in
/// ISO8859-1 or holding a newline survives byte for byte ([`argv_split`] reads it back).
pub fn quote_bytes(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) if !s.chars().any(char::is_control) => shell_quote(s),
        _ => {
            let mut q = String::from("$'");
            for &c in b {
                match c {
                    b'\\' => q.push_str("\\\\"),
                    b'\'' => q.push_str("\\'"),
                    0x20..=0x7e => q.push(char::from(c)),
                    _ => q.push_str(&format!("\\x{c:02x}")),
                }
            }
            q.push('\'');
            q
        }
    }
}

/// Joins an argv given as OS strings (bytes on Unix), quoting each with [`quote_bytes`].
pub fn argv_join(argv: &[std::ffi::OsString]) -> String {
    use std::os::unix::ffi::OsStrExt;
    argv.iter()
        .map(|a| quote_bytes(a.as_bytes()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits what [`argv_join`] wrote (plain words, `'…'`, `"…"`, `\x`, and `$'…'` with `\xHH`,
/// `\n`, `\t`, `\\`, `\'`) back into the exact bytes.
pub fn argv_split(s: &str) -> Result<Vec<std::ffi::OsString>, String> {
    use std::os::unix::ffi::OsStringExt;
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut cur: Vec<u8> = Vec::new();
    let mut have = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        match c {
            b' ' | b'\t' => {
                if have {
                    out.push(std::ffi::OsString::from_vec(std::mem::take(&mut cur)));
                    have = false;
                }
            }
            b'$' if b.get(i) == Some(&b'\'') => {
                have = true;
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Err("unterminated $'…' in command line".into()),
                        Some(b'\'') => {
                            i += 1;
                            break;
                        }
                        Some(b'\\') => {
                            let (byte, used) = match b.get(i + 1) {
                                Some(b'x') => {
                                    let hex = b
                                        .get(i + 2..i + 4)
                                        .and_then(|h| std::str::from_utf8(h).ok())
                                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                                        .ok_or("bad \\xHH escape in $'…'")?;
                                    (hex, 4)
                                }
                                Some(b'n') => (b'\n', 2),
                                Some(b't') => (b'\t', 2),
                                Some(b'r') => (b'\r', 2),
                                Some(&other) => (other, 2),
                                None => return Err("unterminated $'…' in command line".into()),
                            };
                            cur.push(byte);
                            i += used;
                        }
                        Some(&other) => {
                            cur.push(other);
                            i += 1;
                        }
                    }
                }
            }
            b'\'' => {
                have = true;
                let end = b[i..]
                    .iter()
                    .position(|&x| x == b'\'')
                    .ok_or("unterminated single quote in command line")?;
                cur.extend_from_slice(&b[i..i + end]);
                i += end + 1;
            }
            b'"' => {
                have = true;
                loop {
                    match b.get(i) {
                        None => return Err("unterminated double quote in command line".into()),
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(b'\\') if matches!(b.get(i + 1), Some(b'"' | b'\\' | b'$' | b'`')) => {
                            cur.push(b[i + 1]);
                            i += 2;
                        }
                        Some(&other) => {
                            cur.push(other);
                            i += 1;
                        }
                    }
                }
            }
            b'\\' => {
                have = true;
                if let Some(&n) = b.get(i) {
                    cur.push(n);
                    i += 1;
                }
            }
            other => {
                have = true;
                cur.push(other);
            }
        }
    }
    if have {
        out.push(std::ffi::OsString::from_vec(cur));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argv_round_trips_byte_for_byte() {
        use std::ffi::OsString;
        use std::os::unix::ffi::OsStringExt;
        let argv: Vec<OsString> = vec![
            "wparup".into(),
            "--json".into(),
            "sync".into(),
            "wp_name".into(),
            "-d".into(),
            OsString::from_vec(b"/mnt/m\xe9dia/7100".to_vec()),
            "two words".into(),
            "it's".into(),
            "line\nbreak".into(),
            "back\\slash $x".into(),
            "".into(),
        ];
        let line = argv_join(&argv);
        assert!(line.contains("$'/mnt/m\\xe9dia/7100'"), "{line}");
        assert!(!line.contains('\n'), "one line: {line}");
        assert_eq!(argv_split(&line).unwrap(), argv);
        assert!(argv_split("a $'\\x4'").is_err());
        assert!(argv_split("a 'open").is_err());
    }
}
