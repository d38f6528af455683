//! Word-at-a-time byte scans for the parsers' per-line hot paths: where a line ends and whether
//! it is ASCII (in one pass), where a line's first blank is, how it trims.
//!
//! Portable on purpose: eight bytes at a time in a `u64`, read little-endian whatever the
//! machine (AIX on POWER is big-endian), no target-specific instructions. On the short lines of
//! an installp log this beats a vectorised search, whose set-up costs more than the line.
//!
//! The trick (the classic "has a zero byte" test): `(w - 0x0101…) & !w & 0x8080…` marks each
//! zero byte of `w` by its high bit. A borrow can only mark a byte *above* a zero byte, never
//! below one, so the lowest mark is exact, and that is the only one these scans read. The same
//! holds for "a byte below `n`" (`n` ≤ 128) with `n` in every byte instead of `0x01`.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The word of `b` at `at` (8 bytes, the first as the lowest), if there are 8 bytes there.
#[inline(always)]
fn word(b: &[u8], at: usize) -> Option<u64> {
    let w: [u8; 8] = b.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// The bytes of `w` below `n` (`n` ≤ 128), each marked by its high bit; exact for the lowest.
#[inline(always)]
fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH
}

/// The index of the lowest marked byte of a non-zero mark word.
#[inline(always)]
fn lowest(marks: u64) -> usize {
    (marks.trailing_zeros() / 8) as usize
}

/// The first `\n` of `buf` (if any), and whether every byte before it (or every byte, when there
/// is none) is ASCII.
#[inline]
pub fn line_end(buf: &[u8]) -> (Option<usize>, bool) {
    let (end, ascii, _) = scan_line::<false>(buf);
    (end, ascii)
}

/// [`line_end`], also saying whether a `-` is before the newline (a line without one holds no
/// message id, so its search can be skipped).
#[inline]
pub fn line_end_dash(buf: &[u8]) -> (Option<usize>, bool, bool) {
    scan_line::<true>(buf)
}

/// The one pass of [`line_end`] and [`line_end_dash`] (the dash marks compiled in only when
/// `DASH`).
#[inline(always)]
fn scan_line<const DASH: bool>(buf: &[u8]) -> (Option<usize>, bool, bool) {
    const NEWLINES: u64 = ONES * b'\n' as u64;
    const DASHES: u64 = ONES * b'-' as u64;
    let (mut high, mut dash) = (0u64, 0u64);
    let words = buf.chunks_exact(8);
    let tail = words.remainder();
    for (i, c) in words.enumerate() {
        let Ok(bytes) = <[u8; 8]>::try_from(c) else {
            continue;
        };
        let w = u64::from_le_bytes(bytes);
        let nl = below(w ^ NEWLINES, 1);
        if nl != 0 {
            let k = lowest(nl);
            // Only the bytes before the newline count. For the dash, the bytes from the
            // newline on are made non-dashes: a mark there could only be a borrow from a real
            // dash below it.
            let after = u64::MAX << (8 * k);
            let before = w & !after;
            if DASH {
                dash |= below((w ^ DASHES) | after, 1);
            }
            return (Some(8 * i + k), (high | before) & HIGH == 0, dash != 0);
        }
        high |= w;
        if DASH {
            dash |= below(w ^ DASHES, 1);
        }
    }
    let at = buf.len() - tail.len();
    let end = tail.iter().position(|&b| b == b'\n');
    let rest = tail.get(..end.unwrap_or(tail.len())).unwrap_or_default();
    (
        end.map(|k| at + k),
        high & HIGH == 0 && rest.is_ascii(),
        DASH && (dash != 0 || rest.contains(&b'-')),
    )
}

/// The index of the first blank (`u8::is_ascii_whitespace`) of `b`.
#[inline]
pub fn first_blank(b: &[u8]) -> Option<usize> {
    // Bytes up to `' '` are blanks or control bytes; a control byte that is not a blank sends
    // the search on byte by byte (never in real output).
    let mut at = 0;
    while let Some(w) = word(b, at) {
        let low = below(w, b' ' + 1);
        if low != 0 {
            let k = at + lowest(low);
            if b.get(k).is_some_and(u8::is_ascii_whitespace) {
                return Some(k);
            }
            return b
                .get(k..)
                .and_then(|r| r.iter().position(u8::is_ascii_whitespace))
                .map(|p| k + p);
        }
        at += 8;
    }
    b.get(at..)
        .and_then(|r| r.iter().position(u8::is_ascii_whitespace))
        .map(|p| at + p)
}

/// The index of the first byte of `b` that is a blank, a control byte or not ASCII: where a
/// plain word (a fileset's name) ends.
#[inline]
pub fn name_end(b: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(w) = word(b, at) {
        let marks = below(w, b' ' + 1) | (w & HIGH);
        if marks != 0 {
            return Some(at + lowest(marks));
        }
        at += 8;
    }
    b.get(at..)
        .and_then(|r| r.iter().position(|&c| c <= b' ' || !c.is_ascii()))
        .map(|p| at + p)
}

/// `b` without its leading blanks (`u8::is_ascii_whitespace`), runs of spaces skipped eight
/// at a time.
#[inline]
pub fn skip_blanks(b: &[u8]) -> &[u8] {
    const SPACES: u64 = ONES * b' ' as u64;
    let mut t = b;
    while word(t, 0) == Some(SPACES) {
        t = t.get(8..).unwrap_or_default();
    }
    t.trim_ascii_start()
}

/// `<[u8]>::trim_ascii`: blanks skipped as [`skip_blanks`] does, the end trimmed only when it is one.
#[inline]
pub fn trim(line: &[u8]) -> &[u8] {
    let t = skip_blanks(line);
    match t.last() {
        Some(&z) if z > b' ' => t,
        _ => t.trim_ascii_end(),
    }
}

/// A fileset level: digits and dots, at least one dot, at least 3 bytes, a digit first
/// (`11.1.0.7`). A word at a time: every fileset row of every list asks it.
#[inline]
pub fn is_level(s: &[u8]) -> bool {
    if s.len() < 3 || !s.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    // Words at 0, 8, 16, … and the last 8 bytes (overlapping: only "any dot" is wanted, not
    // how many); a level shorter than a word is padded with digits.
    let mut dots = 0u64;
    let mut at = 0;
    while at < s.len() {
        let w = match word(s, at) {
            Some(w) => w,
            None if s.len() >= 8 => word(s, s.len() - 8).unwrap_or_default(),
            None => {
                let mut a = [b'0'; 8];
                for (d, &b) in a.iter_mut().zip(s) {
                    *d = b;
                }
                u64::from_le_bytes(a)
            }
        };
        let (bad, dot) = level_word(w);
        if bad {
            return false;
        }
        dots |= dot;
        at += 8;
    }
    dots != 0
}

/// Does a word of a level hold a byte that is neither a digit nor a dot, and where are its
/// dots? (Exact per byte: no borrow or carry crosses a byte.)
#[inline(always)]
fn level_word(w: u64) -> (bool, u64) {
    let low7 = !HIGH;
    // Digits become 0..=9, `.` becomes 0x1e.
    let x = w ^ (ONES * u64::from(b'0'));
    let ten_or_more = ((x & low7).wrapping_add(ONES * (0x80 - 10)) | x) & HIGH;
    let y = x ^ (ONES * 0x1e);
    let not_dot = ((y & low7).wrapping_add(ONES * 0x7f) | y) & HIGH;
    (ten_or_more & not_dot != 0, !not_dot & HIGH)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape near the word boundaries: each position of the newline in lines of 0 to 40
    /// bytes, with a non-ASCII byte before it, after it, or nowhere.
    #[test]
    fn line_end_matches_the_obvious_answer() {
        for len in 0..40 {
            for nl in (0..len).map(Some).chain([None]) {
                for high in (0..len).map(Some).chain([None]) {
                    let mut b: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                    if let Some(h) = high {
                        b[h] = 0xe9;
                    }
                    if let Some(n) = nl {
                        b[n] = b'\n';
                    }
                    let want_nl = b.iter().position(|&x| x == b'\n');
                    let upto = want_nl.unwrap_or(b.len());
                    assert_eq!(line_end(&b), (want_nl, b[..upto].is_ascii()), "{b:?}");
                }
            }
        }
        // A newline after bytes whose borrow could mark it wrongly (0x01 above a zero byte).
        assert_eq!(line_end(b"\x0b\x01\x0a\x0b\n"), (Some(2), true));
        assert_eq!(
            line_end(b"\x80\x80\x80\x80\x80\x80\x80\x80\n"),
            (Some(8), false)
        );
    }

    #[test]
    fn line_end_dash_matches_the_obvious_answer() {
        for len in 0..30 {
            for nl in (0..len).map(Some).chain([None]) {
                for dash in (0..len).map(Some).chain([None]) {
                    let mut b: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                    if let Some(d) = dash {
                        b[d] = b'-';
                    }
                    if let Some(n) = nl {
                        b[n] = b'\n';
                    }
                    let want_nl = b.iter().position(|&x| x == b'\n');
                    let line = &b[..want_nl.unwrap_or(b.len())];
                    assert_eq!(
                        line_end_dash(&b),
                        (want_nl, line.is_ascii(), line.contains(&b'-')),
                        "{b:?}"
                    );
                }
            }
        }
        // Bytes next to a dash that a borrow could mark (`.` is `-` + 1).
        assert_eq!(line_end_dash(b"..-.....\n"), (Some(8), true, true));
        assert_eq!(line_end_dash(b".........\n"), (Some(9), true, false));
        assert_eq!(line_end_dash(b"\xe9.......\n-"), (Some(8), false, false));
    }

    #[test]
    fn first_blank_matches_the_obvious_answer() {
        let cases: [&[u8]; 12] = [
            b"",
            b"bos.rte",
            b"bos.rte 7.1.0.3",
            b"X11.base.client1\t7.1.3.17",
            b"a\x01b c",
            b"a\x01b\x0bc\x0cd",
            b"abcdefgh",
            b"abcdefghi j",
            b"abcdefg\x7f h",
            b"\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9 x",
            b"\x00\x00\x00\x00\x00\x00\x00\x00\n",
            b"01234567890123456789\r",
        ];
        for b in cases {
            assert_eq!(
                first_blank(b),
                b.iter().position(u8::is_ascii_whitespace),
                "{b:?}"
            );
        }
    }

    #[test]
    fn is_level_matches_the_obvious_answer() {
        let obvious = |s: &[u8]| {
            s.len() >= 3
                && s.first().is_some_and(u8::is_ascii_digit)
                && s.contains(&b'.')
                && s.iter().all(|b| b.is_ascii_digit() || *b == b'.')
        };
        let mut cases: Vec<Vec<u8>> = [
            &b"7.1.0.3"[..],
            b"11.1.0.7",
            b"7.1.3.17",
            b"7.2.5.100",
            b"12.0.0.1",
            b"710",
            b"7.1",
            b"7.",
            b".7.1",
            b"7.1.a",
            b"7.1.0.3 ",
            b"7.1/0.3",
            b"7/.1.0.3",
            b"1234567890123.1",
            b"12345678901234567",
            b"1.345678901234567",
            b"7.1.0.\xae",
            b"7.1.0.\x1e",
            b"",
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        // Every byte value in every position of a 9-byte level.
        for at in 0..9 {
            for b in 0..=255u8 {
                let mut l = b"7.1.3.170".to_vec();
                l[at] = b;
                cases.push(l);
            }
        }
        for c in cases {
            assert_eq!(is_level(&c), obvious(&c), "{c:?}");
        }
    }

    #[test]
    fn name_end_matches_the_obvious_answer() {
        for len in 0..20 {
            for at in (0..len).map(Some).chain([None]) {
                for b in [b' ', b'\t', b'\n', 0, 0x1f, b'!', 0x7f, 0x80, 0xe9, 0xff] {
                    let mut v: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                    if let Some(a) = at {
                        v[a] = b;
                    }
                    let want = v.iter().position(|&c| c <= b' ' || c >= 0x80);
                    assert_eq!(name_end(&v), want, "{v:?}");
                }
            }
        }
    }

    #[test]
    fn skip_blanks_is_trim_ascii_start() {
        for b in [
            &b""[..],
            b"                    USR",
            b"        ",
            b"         \t\x0cx ",
            b"\x0b        x",
            b"x",
            b"                 ",
        ] {
            assert_eq!(skip_blanks(b), b.trim_ascii_start(), "{b:?}");
        }
    }

    #[test]
    fn trim_is_trim_ascii() {
        for b in [
            &b""[..],
            b"        bos.rte 7.1.0.3",
            b"                 x ",
            b"        ",
            b"         \x0bx",
            b" ",
            b"a",
            b" a ",
            b"\ta\r",
            b"\x01a\x01",
            b"a b",
            b"\x0ba\x0b",
        ] {
            assert_eq!(trim(b), b.trim_ascii(), "{b:?}");
        }
    }
}
