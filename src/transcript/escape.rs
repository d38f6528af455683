//! Escaping of output lines in a transcript: `\\` for a backslash, `\xHH` for control characters
//! and bytes that are not UTF-8.

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
