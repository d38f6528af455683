//! The parsers never panic and are deterministic, whatever the bytes: arbitrary input, and every
//! fixture truncated, with lines swapped, CRLF endings, non-UTF-8 bytes and very long lines.

use proptest::prelude::*;
use wparup::testing::parse::lswpar::LswparParser;
use wparup::testing::parse::op::{OpParser, OpResult};
use wparup::testing::parse::{installp_list, lslpp, oslevel};
use wparup::testing::program::Program;

fn fixture_bodies() -> Vec<Vec<u8>> {
    let mut v = Vec::new();
    for dir in ["lswpar", "startwpar", "stopwpar", "migwpar", "syncwpar"] {
        for e in std::fs::read_dir(super::util::root().join("fixtures").join(dir)).unwrap() {
            v.push(std::fs::read(e.unwrap().path()).unwrap());
        }
    }
    v
}

fn all_parsers(input: &[u8]) {
    for cmd in [Program::Syncwpar, Program::Migwpar, Program::Startwpar] {
        let a = OpParser::parse(cmd, input, false);
        let b = OpParser::parse(cmd, input, false);
        assert_eq!(a, b, "deterministic");
        assert_eq!(a, line_by_line(cmd, input), "in runs = line by line");
        let lines = input.split(|b| *b == b'\n').count() as u64 - u64::from(input.ends_with(b"\n"));
        assert_eq!(
            a.lines,
            if input.is_empty() { 0 } else { lines },
            "every line seen"
        );
        let crs = input.iter().filter(|b| **b == b'\r').count() as u64;
        assert!(a.bytes + crs >= input.len() as u64, "every byte counted");
    }
    let a = LswparParser::parse(input, None);
    assert_eq!(a, LswparParser::parse(input, None));
    let _ = LswparParser::parse(input, Some(&["name", "state"]));
    let _ = lslpp::parse(input);
    let _ = installp_list::parse(input);
    let _ = oslevel::parse(input);
}

/// The reference reading: every line through `push_line`, no run, no banner memo.
fn line_by_line(cmd: Program, input: &[u8]) -> OpResult {
    let mut p = OpParser::new(cmd);
    for l in wparup::testing::parse::lines(input) {
        p.push_line(l);
    }
    p.finish(false)
}

/// A reader that hands out at most `step` bytes per read (a pipe, a slow child).
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Lines an installp log is made of, banners above all: the same body again and again, bodies
/// that differ by one byte, a message id or an elision inside a body, a body cut short, CRLF.
const LOG_LINES: &[&str] = &[
    "installp:  APPLYING software for:",
    "        bos.rte.libc 7.1.0.3",
    "",
    "  ",
    ". . . . . << Copyright notice for bos >> . . . . . . .",
    " Licensed Materials - Property of IBM",
    " 5765G6200",
    "   Copyright International Business Machines Corp. 1985, 2010.",
    "   Copyright Internat1onal Business Machines Corp. 1985, 2010.",
    " All rights reserved.",
    " US Government Users Restricted Rights - Use, duplication or disclosure",
    ". . . . . << End of copyright notice for bos >>. . . .",
    "Filesets processed:  6 of 291  (Total time:  2 mins 4 secs).",
    "0503-008 installp: There is not enough free disk space in filesystem",
    "/usr (930568 more 512-byte blocks are required).",
    "syncwpar: 0960-580 Synchronization operation halted due to a cycle detected.",
    "...",
    "Installation Summary",
    "Return Status = SUCCESS.",
    "caf\u{e9} \u{ff}",
    // The prefilter's shapes and their near misses (`src/parse/op/fast.rs`): rows indented by
    // a TAB, by spaces, with two spaces or a trailing one, a bad level, a non-ASCII name; the
    // APPLYING line with a trailing blank; progress lines with an id, a trailer's end, none of
    // the usual words; a banner of another product with a known body; tables to be inside.
    "\tbos.perf.client1 7.1.2.38",
    "        X11.base.client1 7.1.3.17 ",
    "        X11.base.client1  7.1.3.17",
    "   bos.rte 7.1.0.3",
    "        bos.rte 7.1.a",
    "        bos.rte",
    "        \u{e9}t\u{e9} 7.1.0.3",
    "installp:  APPLYING software for: ",
    "Filesets processed:  7 of 291  (Total time:  0503-008 secs).",
    "Filesets processed: 1 of 2 Return Status = FAILURE.",
    "Filesets processed: x of y",
    "Filesets processed:  8 of 291",
    "Filesets processed:  9 of 291  (Total time:  2 mins 4 secs). ",
    ". . . . . << Copyright notice for vac >> . . . . . . .",
    "FILESET STATISTICS",
    "syncwpar: 0960-582 The following filesets could not be synchronized",
    "installp:  COMMITTING software for:",
    "0513-071 The ctrmc Subsystem has been added",
];

/// Blocks of `LOG_LINES` as installp prints them around each fileset: a list and its rows
/// (ended by a blank line, or not), the progress line, a banner, each with its near misses and
/// the states around them (a pending space figure, a table, a list without rows).
const INSTALLP_BLOCKS: &[&[usize]] = &[
    &[0, 1, 2, 2],
    &[0, 20, 1, 2],
    &[0, 1, 2, 1],
    &[0, 2, 1],
    &[0, 1, 0, 20],
    &[36, 1, 2],
    &[0, 21, 2],
    &[0, 22, 2],
    &[0, 23, 2],
    &[0, 24, 1],
    &[0, 25, 1],
    &[0, 26, 1],
    &[27, 1, 2],
    &[12, 2],
    &[28, 2],
    &[29],
    &[30, 12],
    &[31, 32],
    &[13, 12, 12],
    &[13, 0, 1, 2],
    &[13, 2, 4, 5, 2, 6, 7, 9, 10, 11],
    &[34, 1, 12, 2],
    &[35, 1, 2, 12],
    &[17, 1, 0, 1, 2],
    &[4, 5, 2, 6, 7, 9, 10, 11, 2, 12, 2],
    &[33, 5, 2, 6, 7, 9, 10, 11, 2, 12, 2],
    &[16, 4, 5, 2, 6, 7, 9, 10, 11],
    &[0, 1, 4, 5, 2, 6, 7, 9, 10, 11],
    &[37, 4, 5, 2, 6, 7, 9, 10, 11, 19],
    &[37, 12, 19],
    &[37, 0, 19],
];

fn log_from(picks: &[(usize, bool)]) -> Vec<u8> {
    let mut v = Vec::new();
    for &(i, crlf) in picks {
        v.extend_from_slice(LOG_LINES[i % LOG_LINES.len()].as_bytes());
        v.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    v
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Swap(usize, usize),
    Crlf,
    Garbage(usize, Vec<u8>),
    LongLine(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        Just(Mutation::Crlf),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(a, g)| Mutation::Garbage(a, g)),
        (any::<usize>(), 1usize..300_000).prop_map(|(a, n)| Mutation::LongLine(a, n)),
    ]
}

fn apply(body: &[u8], m: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = body.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::Truncate(at) => body[..at % (body.len() + 1)].to_vec(),
        Mutation::Swap(a, b) => {
            lines.swap(a % n, b % n);
            lines.join(&b'\n')
        }
        Mutation::Crlf => lines.join(&b"\r\n"[..]),
        Mutation::Garbage(at, g) => {
            let mut v = body.to_vec();
            let at = at % (v.len() + 1);
            v.splice(at..at, g.iter().copied());
            v
        }
        Mutation::LongLine(at, len) => {
            lines.insert(at % n, vec![b'x'; *len]);
            lines.join(&b'\n')
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(input in proptest::collection::vec(any::<u8>(), 0..4096)) {
        all_parsers(&input);
    }

    /// Banners repeated, varied and broken, read in runs cut by reads of any size: the result is
    /// the line-by-line one.
    #[test]
    fn banner_runs_read_like_lines(
        picks in proptest::collection::vec((0usize..LOG_LINES.len() + 36, proptest::bool::weighted(0.1)), 0..400),
        step in 1usize..700,
    ) {
        // Mostly whole banners, so that bodies repeat: a plain one, one with a digit changed,
        // an elision, a message, a space shortfall, white space or CRLF inside, one cut short.
        const BANNERS: &[&[usize]] = &[
            &[4, 5, 2, 6, 7, 9, 10, 11],
            &[4, 5, 2, 6, 8, 9, 10, 11],
            &[4, 5, 16, 6, 7, 11],
            &[4, 5, 15, 7, 11],
            &[4, 13, 14, 6, 11],
            &[4, 3, 5, 3, 11],
            &[4, 5, 6],
            &[33, 5, 2, 6, 7, 9, 10, 11],
            &[33, 5, 2, 6, 8, 9, 10, 11],
        ];
        let mut lines = Vec::new();
        for (i, crlf) in picks {
            match i.checked_sub(LOG_LINES.len()) {
                Some(b) => {
                    let banner = BANNERS[b % BANNERS.len()];
                    lines.extend(banner.iter().enumerate().map(|(k, &l)| (l, crlf && k == 2)));
                }
                None => lines.push((i, crlf)),
            }
        }
        let input = log_from(&lines);
        let want = line_by_line(Program::Syncwpar, &input);
        prop_assert_eq!(&OpParser::parse(Program::Syncwpar, &input, false), &want);
        let mut p = OpParser::new(Program::Syncwpar);
        wparup::testing::parse::for_each_run(Trickle { data: &input, step }, |run| {
            p.push_lines(run);
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
        prop_assert_eq!(p.finish(false), want);
    }

    /// installp's per-fileset blocks and their near misses, in any order: what the prefilter
    /// reads (`src/parse/op/fast.rs`) gives the line-by-line result. Indexes into `LOG_LINES`.
    #[test]
    fn installp_blocks_read_like_lines(
        picks in proptest::collection::vec((0usize..INSTALLP_BLOCKS.len() + LOG_LINES.len(), proptest::bool::weighted(0.05)), 0..300),
        step in 1usize..700,
    ) {
        let mut lines = Vec::new();
        for (i, crlf) in picks {
            match INSTALLP_BLOCKS.get(i) {
                Some(block) => lines.extend(block.iter().map(|&l| (l, crlf))),
                None => lines.push((i - INSTALLP_BLOCKS.len(), crlf)),
            }
        }
        let input = log_from(&lines);
        let want = line_by_line(Program::Syncwpar, &input);
        let mut p = OpParser::new(Program::Syncwpar);
        wparup::testing::parse::for_each_run(Trickle { data: &input, step }, |run| {
            p.push_lines(run);
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
        prop_assert_eq!(p.finish(false), want);
    }

    #[test]
    fn mutated_fixtures(idx in any::<usize>(), m in mutation()) {
        let bodies = fixture_bodies();
        let body = &bodies[idx % bodies.len()];
        all_parsers(&apply(body, &m));
    }
}

#[test]
fn every_truncation_point_of_the_seed_cycle() {
    let body = std::fs::read(
        super::util::root().join("fixtures/syncwpar/seed-usr-full-0503-008-cycle-0960-580.txt"),
    )
    .unwrap();
    for at in 0..=body.len() {
        all_parsers(&body[..at]);
    }
}
