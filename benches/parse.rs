//! Parser throughput on a generated ~100 MB syncwpar log: thousands of installp progress lines
//! and an Installation Summary of ~20 000 rows. Run with `cargo bench`; the figures go in the
//! release notes, never into tests.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wparup::parse::for_each_line;
use wparup::parse::wparcmd::OpParser;
use wparup::program::Program;

/// Builds the log. Formats from the seed and the reference transcripts.
fn generate(target: usize) -> Vec<u8> {
    let mut v: Vec<u8> = Vec::with_capacity(target + 4_000_000);
    let push = |v: &mut Vec<u8>, s: &str| {
        v.extend_from_slice(s.as_bytes());
        v.push(b'\n');
    };
    push(
        &mut v,
        "*******************************************************************************",
    );
    push(&mut v, "Synchronizing workload partition wp_name (1 of 1).");
    push(
        &mut v,
        "*******************************************************************************",
    );
    push(&mut v, "FILESET STATISTICS");
    push(&mut v, "------------------");
    push(&mut v, "  20000  Selected to be installed, of which:");
    push(&mut v, "      20000  Passed pre-installation verification");
    push(&mut v, "  ----");
    push(&mut v, "  20000  Total to be installed");
    let summary_bytes = 20_000 * 90 + 2_000;
    let mut i = 0u64;
    while v.len() + summary_bytes < target {
        push(&mut v, "installp:  APPLYING software for:");
        for k in 0..40 {
            push(
                &mut v,
                &format!(
                    "        bos.rte.component{:05}.part{k:02} 7.1.0.{}",
                    i % 100_000,
                    k % 10
                ),
            );
        }
        push(&mut v, "");
        push(&mut v, "Restoring files, please wait.");
        push(&mut v, &format!("{} files restored.", 100 + i % 900));
        push(
            &mut v,
            &format!(
                "Filesets processed:  {} of 20000  (Total time:  {} mins {} secs).",
                i % 20000,
                i / 60,
                i % 60
            ),
        );
        push(&mut v, "0513-071 The ctrmc Subsystem has been added.");
        push(
            &mut v,
            "Some vendor post-install text that no rule knows about, kept as unrecognised.",
        );
        i += 1;
    }
    push(
        &mut v,
        "Finished processing all filesets.  (Total time:  48 mins 12 secs).",
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
                "bos.rte.component{r:05}      7.1.0.3         {}         APPLY       SUCCESS",
                if r % 2 == 0 { "USR " } else { "ROOT" }
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

fn bench(c: &mut Criterion) {
    let log = generate(100 * 1024 * 1024);
    let mut g = c.benchmark_group("syncwpar-100MB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(log.len() as u64));
    g.bench_function("batch lines()", |b| {
        b.iter(|| {
            let r = OpParser::parse(Program::Syncwpar, &log, true);
            assert_eq!(r.installation_summary.len(), 20_000);
            r.lines
        });
    });
    g.bench_function("streaming reader (64 KiB chunks)", |b| {
        b.iter(|| {
            let mut p = OpParser::new(Program::Syncwpar);
            for_each_line(&log[..], |l| p.push_line(l)).unwrap_or_default();
            p.finish(true).lines
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
