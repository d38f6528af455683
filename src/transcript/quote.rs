//! Quoting: command lines (POSIX words plus `$'…'` for bytes) and output lines (`\\`, `\xHH`).

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

/// Does this line need the escaped form?
pub(crate) fn needs_escape(b: &[u8]) -> bool {
    // Fast path: printable ASCII (and TAB), the bulk of every AIX log.
    if b.iter().all(|&c| (0x20..0x7f).contains(&c) || c == b'\t') {
        return false;
    }
    match std::str::from_utf8(b) {
        Ok(s) => s.chars().any(|c| c.is_control() && c != '\t'),
        Err(_) => true,
    }
}

/// `\\` for a backslash, `\xHH` for control characters and bytes that are not UTF-8.
pub fn escape(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => s.push_str("\\\\"),
                '\t' => s.push('\t'),
                c if c.is_control() => {
                    let mut buf = [0u8; 4];
                    for byte in c.encode_utf8(&mut buf).bytes() {
                        s.push_str(&format!("\\x{byte:02x}"));
                    }
                }
                c => s.push(c),
            }
        }
        for byte in chunk.invalid() {
            s.push_str(&format!("\\x{byte:02x}"));
        }
    }
    s
}

/// Reverses [`escape`].
pub fn unescape(b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some(b'\\') => {
                out.push(b'\\');
                i += 2;
            }
            Some(b'x') => {
                let hex = b
                    .get(i + 2..i + 4)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or("bad `\\xHH` escape (two hex digits expected)")?;
                out.push(hex);
                i += 4;
            }
            _ => {
                return Err(
                    "bad escape: only `\\\\` and `\\xHH` are allowed in `#~|` lines".into(),
                );
            }
        }
    }
    Ok(out)
}
