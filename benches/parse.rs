//! Parser throughput on a generated ~100 MB syncwpar log with a real syncwpar's line mix (see
//! `generate`; `benches/ratio.sh` compares the CLI with `wc -l` on the same mix). Run with `cargo bench`; the figures go in the
//! release notes, never into tests.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::ops::ControlFlow;

use wparup::testing::parse::op::OpParser;
use wparup::testing::parse::{for_each_line, for_each_run};
use wparup::testing::program::Program;

/// Builds the log: the line kinds of a real syncwpar run (the seed and the published installp
/// transcripts), in real proportions, as `benches/gen-syncwpar-log.sh` writes them: per fileset
/// an `installp:  APPLYING software for:` block, a copyright banner, blank lines and a
/// `Filesets processed:` line; then a 20,000-row Installation Summary and the trailer.
fn generate(target: usize) -> Vec<u8> {
    let mut v: Vec<u8> = Vec::with_capacity(target + 4_000_000);
    let push = |v: &mut Vec<u8>, s: &str| {
        v.extend_from_slice(s.as_bytes());
        v.push(b'\n');
    };
    let stars = "*******************************************************************************";
    push(&mut v, stars);
    push(&mut v, "Synchronizing workload partition wp_name (1 of 1).");
    push(&mut v, stars);
    let summary_bytes = 20_000 * 80 + 2_000;
    let mut n = 0u64;
    while v.len() + summary_bytes < target {
        n += 1;
        push(&mut v, "installp:  APPLYING software for:");
        push(
            &mut v,
            &format!("        bos.fileset{} 7.1.0.{}", n % 900, n % 50),
        );
        push(&mut v, "");
        push(&mut v, "");
        push(
            &mut v,
            ". . . . . << Copyright notice for bos >> . . . . . . .",
        );
        push(&mut v, " Licensed Materials - Property of IBM");
        push(&mut v, "");
        push(&mut v, " 5765G6200");
        push(
            &mut v,
            "   Copyright International Business Machines Corp. 1985, 2010.",
        );
        push(
            &mut v,
            "   Copyright AT&T 1984, 1985, 1986, 1987, 1988, 1989.",
        );
        push(&mut v, "");
        push(&mut v, " All rights reserved.");
        push(
            &mut v,
            " US Government Users Restricted Rights - Use, duplication or disclosure",
        );
        push(
            &mut v,
            " restricted by GSA ADP Schedule Contract with IBM Corp.",
        );
        push(
            &mut v,
            ". . . . . << End of copyright notice for bos >>. . . .",
        );
        push(&mut v, "");
        push(
            &mut v,
            &format!(
                "Filesets processed:  {} of 20000  (Total time:  {} mins {} secs).",
                n % 20000,
                n / 300,
                n % 60
            ),
        );
        push(&mut v, "");
    }
    push(
        &mut v,
        "Finished processing all filesets.  (Total time:  52 mins 8 secs).",
    );
    push(
        &mut v,
        "+-----------------------------------------------------------------------------+",
    );
    push(&mut v, "                                Summaries:");
    push(
        &mut v,
        "+-----------------------------------------------------------------------------+",
    );
    push(&mut v, "Installation Summary");
    push(&mut v, "--------------------");
    push(
        &mut v,
        "Name                        Level           Part        Event       Result",
    );
    push(
        &mut v,
        "-------------------------------------------------------------------------------",
    );
    for r in 0..20_000 {
        push(
            &mut v,
            &format!(
                "bos.fileset{r:05}             7.1.0.{}         USR         APPLY       SUCCESS",
                r % 50
            ),
        );
    }
    push(&mut v, "");
    push(
        &mut v,
        "Workload partition wp_name synchronized successfully.",
    );
    push(&mut v, "Return Status = SUCCESS.");
    v
}

/// `wparup parse`'s way: runs of whole lines, the prefilter and the banner memo.
fn in_runs(log: &[u8]) -> u64 {
    let mut p = OpParser::new(Program::Syncwpar);
    for_each_run(log, |run| {
        p.push_lines(run);
        ControlFlow::Continue(())
    })
    .unwrap_or_default();
    p.finish(true).lines
}

/// A live run's way: one line at a time, the general path.
fn line_by_line(log: &[u8]) -> u64 {
    let mut p = OpParser::new(Program::Syncwpar);
    for_each_line(log, |l| p.push_line(l)).unwrap_or_default();
    p.finish(true).lines
}

fn bench(c: &mut Criterion) {
    let log = generate(100 * 1024 * 1024);
    let mut g = c.benchmark_group("syncwpar-100MB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(log.len() as u64));
    g.bench_function("batch: OpParser::parse (runs, prefilter)", |b| {
        b.iter(|| {
            let r = OpParser::parse(Program::Syncwpar, &log, true);
            assert_eq!(r.installation_summary.len(), 20_000);
            r.lines
        });
    });
    g.bench_function(
        "streaming runs: for_each_run + push_lines (`wparup parse`)",
        |b| {
            b.iter(|| in_runs(&log));
        },
    );
    g.bench_function(
        "line by line: for_each_line + push_line (a live run)",
        |b| {
            b.iter(|| line_by_line(&log));
        },
    );
    // A replay of the same output: the transcript reader (its fast lane for plain lines) feeding
    // the parser line by line, as `wparup replay` and every CI replay do.
    let dir = std::env::temp_dir().join(format!("wparup-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let transcript = dir.join("replay.txt");
    let mut t = b"#! wparup-transcript: 1\n#! ---\n# syncwpar wp_name\n".to_vec();
    t.extend_from_slice(&log);
    t.extend_from_slice(b"#! exit: 0\n");
    std::fs::write(&transcript, &t).unwrap_or_default();
    g.bench_function(
        "replay: transcript reader + push_line (`wparup replay`)",
        |b| {
            b.iter(|| {
                use wparup::testing::exec::{Executor, Invocation, OutputLine};
                let replay = wparup::testing::exec::replay::Replay::load(&transcript, true)
                    .unwrap_or_else(|e| panic!("{e}"));
                let mut p = OpParser::new(Program::Syncwpar);
                let inv = Invocation::new(Program::Syncwpar, ["wp_name"]);
                replay
                    .run(&inv, &mut |l: &OutputLine| p.push_line(&l.bytes))
                    .unwrap_or_else(|e| panic!("{e}"));
                p.finish(true).lines
            });
        },
    );
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
    // Any log as well: `WPARUP_BENCH_LOG=FILE cargo bench` (e.g. the generator's harder mix,
    // `sh benches/gen-syncwpar-log.sh 100 varied > FILE`, or a real run's log).
    if let Some(path) = std::env::var_os("WPARUP_BENCH_LOG") {
        let log = std::fs::read(&path).unwrap_or_else(|e| panic!("WPARUP_BENCH_LOG: {e}"));
        let mut g = c.benchmark_group("WPARUP_BENCH_LOG");
        g.sample_size(10);
        g.throughput(Throughput::Bytes(log.len() as u64));
        g.bench_function("streaming runs: for_each_run + push_lines", |b| {
            b.iter(|| in_runs(&log));
        });
        g.bench_function("line by line: for_each_line + push_line", |b| {
            b.iter(|| line_by_line(&log));
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
