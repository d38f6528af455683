//! The parsers never panic and are deterministic, whatever the bytes: arbitrary input, and every
//! fixture truncated, with lines swapped, CRLF endings, non-UTF-8 bytes and very long lines.

use proptest::prelude::*;
use wparup::parse::lswpar::LswparParser;
use wparup::parse::wparcmd::OpParser;
use wparup::parse::{installp_list, lslpp, oslevel};
use wparup::program::Program;

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
