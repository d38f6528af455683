//! `wparup parse`: a captured log in, a typed result and the classification's exit code out.
//!
//! A raw log is streamed line by line (memory does not grow with the file). A wparup transcript
//! (first line `#! …` or `# command`) is read whole: the steps run by the chosen command are
//! parsed, in order, and the last one's exit status is used.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::classify::classify;
use crate::cli::ParseArgs;
use crate::error::Error;
use crate::exec::Termination;
use crate::exit::Exit;
use crate::parse::detect;
use crate::parse::lswpar::LswparParser;
use crate::parse::op::OpParser;
use crate::parse::{for_each_run, split_line};
use crate::program::Program;
use crate::report::{ParseReport, Parsed, Report, StepSummary};
use crate::transcript::{self, Event};

/// A parser of either kind.
enum Any {
    Lswpar(Box<LswparParser>),
    Op(Box<OpParser>),
}

impl Any {
    fn new(f: Program) -> Any {
        match f {
            Program::Lswpar => Any::Lswpar(Box::new(LswparParser::new(None))),
            op => Any::Op(Box::new(OpParser::new(op))),
        }
    }

    fn push(&mut self, l: &[u8]) {
        match self {
            Any::Lswpar(p) => p.push_line(l),
            Any::Op(p) => p.push_line(l),
        }
    }

    /// A run of lines (see [`crate::parse::for_each_run`]).
    fn push_lines(&mut self, run: &[u8]) {
        match self {
            Any::Lswpar(p) => crate::parse::lines(run).for_each(|l| p.push_line(l)),
            Any::Op(p) => p.push_lines(run),
        }
    }

    fn finish(self, end: &Termination) -> (Parsed, Exit, Option<String>) {
        match self {
            Any::Lswpar(p) => {
                let r = (*p).finish();
                let exit = if r.not_found.is_empty() {
                    Exit::Ok
                } else {
                    Exit::NotFound
                };
                (Parsed::Lswpar(r), exit, None)
            }
            Any::Op(p) => {
                let r = (*p).finish(end.known());
                let o = classify(&r, end);
                (
                    Parsed::Op {
                        result: Box::new(r),
                    },
                    o.exit,
                    Some(o.cause),
                )
            }
        }
    }
}

/// How many lines `auto` looks at before settling on syncwpar (the family whose output is the
/// most varied).
const AUTO_WINDOW: usize = 2000;

/// …or how many bytes, whichever comes first (memory stays bounded on `/dev/zero`).
const AUTO_BYTES: usize = 1 << 20;

/// Parses a raw stream; `Ok(None)` when `auto` could not tell which command printed it.
fn parse_stream<R: Read>(
    input: R,
    family: Option<Program>,
    source: &str,
) -> io::Result<Option<ParseReport>> {
    use std::ops::ControlFlow::{Break, Continue};
    let mut parser = family.map(Any::new);
    let mut pending: Vec<Vec<u8>> = Vec::new();
    let mut pending_bytes = 0usize;
    let mut first = true;
    let mut prompt_family: Option<Program> = None;
    let mut gave_up = false;
    for_each_run(input, |run| {
        let mut rest = run;
        while !rest.is_empty() {
            if !first && let Some(p) = parser.as_mut() {
                p.push_lines(rest);
                return Continue(());
            }
            let (l, next) = split_line(rest);
            rest = next;
            if first {
                first = false;
                // A pasted prompt line `# syncwpar …` names the command.
                if let Some(cmd) = l.strip_prefix(b"# ") {
                    let cmd = String::from_utf8_lossy(cmd);
                    prompt_family = cmd
                        .split_whitespace()
                        .next()
                        .and_then(Program::parsed_from_name);
                    if parser.is_none() {
                        parser = prompt_family.map(Any::new);
                    }
                    // A paste that lost its line breaks glues the output to the prompt:
                    // `# startwpar wp_namestartwpar: 0960-667 …` still carries the message.
                    if crate::parse::find_message_id(l).is_some()
                        && let Some(p) = parser.as_mut()
                    {
                        p.push(l);
                    }
                    continue;
                }
            }
            if let Some(p) = parser.as_mut() {
                p.push(l);
                continue;
            }
            pending_bytes += l.len();
            pending.push(l.to_vec());
            if let Some(f) = detect::from_line(l) {
                let mut p = Any::new(f);
                for x in pending.drain(..) {
                    p.push(&x);
                }
                parser = Some(p);
            } else if pending.len() >= AUTO_WINDOW || pending_bytes >= AUTO_BYTES {
                // Never a guess: text nobody can place is said to be so.
                gave_up = true;
                return Break(());
            }
        }
        Continue(())
    })?;
    let Some(mut p) = parser.filter(|_| !gave_up) else {
        return Ok(None);
    };
    for x in pending.drain(..) {
        p.push(&x);
    }
    let (parsed, exit, cause) = p.finish(&Termination::Unknown);
    Ok(Some(ParseReport {
        parsed,
        cause,
        source: source.to_string(),
        exit,
    }))
}

/// Reads a transcript file as a stream of events, calling `each` for every one.
fn each_event(path: &Path, each: &mut dyn FnMut(Event) -> Result<(), Error>) -> Result<(), Error> {
    let f = File::open(path).map_err(|source| Error::Input {
        path: path.to_path_buf(),
        source,
    })?;
    let mut r = transcript::Reader::new(io::BufReader::new(f), path);
    while let Some(e) = r.next_event().map_err(|e| Error::Exec(e.into()))? {
        each(e)?;
    }
    Ok(())
}

/// The parsed program a step runs, by its argv.
fn step_program(argv: &[std::ffi::OsString]) -> Option<Program> {
    argv.first()
        .and_then(|a| Program::parsed_from_name(&a.to_string_lossy()))
}

/// Parses a transcript file's steps, in two streaming passes (memory stays flat whatever the
/// file's size): the first picks the command (the given family, else the last step that runs
/// one wparup parses, else the first landmark line, else syncwpar), the second feeds that
/// command's steps (and any output before the first step) to its parser.
fn parse_transcript(path: &Path, family: Option<Program>) -> Result<ParseReport, Error> {
    let mut last_step: Option<Program> = None;
    let mut landmark: Option<Program> = None;
    let mut steps = 0usize;
    each_event(path, &mut |e| {
        match e {
            Event::Step(argv, _) => {
                steps += 1;
                if let Some(p) = step_program(&argv) {
                    last_step = Some(p);
                }
            }
            Event::Line(l) | Event::Preamble(l, _) if landmark.is_none() => {
                landmark = detect::from_line(&l.bytes);
            }
            _ => {}
        }
        Ok(())
    })?;
    if family.is_none() && steps > 1 {
        return parse_steps(path);
    }
    let fam = family
        .or(last_step)
        .or(landmark)
        .unwrap_or(Program::Syncwpar);
    // Without a step of that command, every step's output is read.
    let all_steps = last_step.is_none()
        || (family.is_some() && family != last_step && {
            let mut any = false;
            each_event(path, &mut |e| {
                if let Event::Step(argv, _) = e {
                    any |= step_program(&argv) == Some(fam);
                }
                Ok(())
            })?;
            !any
        });
    let mut p = Any::new(fam);
    let mut end = Termination::Unknown;
    let mut chosen = false;
    each_event(path, &mut |e| {
        match e {
            Event::Preamble(l, _) => p.push(&l.bytes),
            Event::Step(argv, _) => {
                chosen = all_steps || step_program(&argv) == Some(fam);
                // A paste that lost its line breaks carries the output on the prompt line.
                let line = crate::shell::argv_join(&argv);
                if chosen && crate::parse::find_message_id(line.as_bytes()).is_some() {
                    p.push(line.as_bytes());
                }
            }
            Event::Line(l) if chosen => p.push(&l.bytes),
            Event::End(t) if chosen && !all_steps => end = t,
            _ => {}
        }
        Ok(())
    })?;
    let (parsed, exit, cause) = p.finish(&end);
    Ok(ParseReport {
        parsed,
        cause,
        source: path.display().to_string(),
        exit,
    })
}

/// A wparup log (several steps) read step by step: one summary per AIX command; the run's class
/// is that of its last WPAR operation (the command that decided how it ended).
fn parse_steps(path: &Path) -> Result<ParseReport, Error> {
    struct Current {
        line: usize,
        command: String,
        program: Option<Program>,
        parser: Option<Any>,
        first: Option<String>,
        lines: u64,
        end: Termination,
    }
    fn close(c: Current, out: &mut Vec<StepSummary>, last_op: &mut Option<(Exit, String)>) {
        let (outcome, summary) = match c.parser {
            Some(p) => {
                let (parsed, exit, cause) = p.finish(&c.end);
                let summary = match &parsed {
                    Parsed::Lswpar(l) => format!("{} WPAR(s)", l.wpars.len()),
                    _ => cause.clone().unwrap_or_default(),
                };
                if c.program.is_some_and(Program::is_operation) {
                    *last_op = Some((exit, cause.unwrap_or_default()));
                }
                (Some(exit), summary)
            }
            None => (
                None,
                match &c.first {
                    Some(f) => format!("{} line(s), first: {f}", c.lines),
                    None => "no output".into(),
                },
            ),
        };
        out.push(StepSummary {
            line: c.line,
            command: c.command,
            ended: c.end.to_string(),
            outcome,
            summary,
        });
    }
    let mut out = Vec::new();
    let mut last_op: Option<(Exit, String)> = None;
    let mut cur: Option<Current> = None;
    each_event(path, &mut |e| {
        match e {
            Event::Step(argv, line) => {
                if let Some(c) = cur.take() {
                    close(c, &mut out, &mut last_op);
                }
                let program = step_program(&argv);
                cur = Some(Current {
                    line,
                    command: crate::shell::argv_join(&argv),
                    program,
                    parser: program.map(Any::new),
                    first: None,
                    lines: 0,
                    end: Termination::Unknown,
                });
            }
            Event::Line(l) => {
                if let Some(c) = cur.as_mut() {
                    c.lines += 1;
                    if c.first.is_none() && !l.bytes.trim_ascii().is_empty() {
                        c.first = Some(crate::parse::text(&l.bytes));
                    }
                    if let Some(p) = c.parser.as_mut() {
                        p.push(&l.bytes);
                    }
                }
            }
            Event::End(t) => {
                if let Some(c) = cur.as_mut() {
                    c.end = t;
                }
            }
            // What wparup did while the step ran: not output of the command.
            Event::Note(_) | Event::Outcome(_) => {}
            Event::Header(..) | Event::Preamble(..) => {}
        }
        Ok(())
    })?;
    if let Some(c) = cur.take() {
        close(c, &mut out, &mut last_op);
    }
    let (exit, cause) = last_op.unwrap_or((Exit::Ok, "no WPAR operation in the log".into()));
    Ok(ParseReport {
        parsed: Parsed::Steps { steps: out },
        cause: Some(cause),
        source: path.display().to_string(),
        exit,
    })
}

/// `wparup parse FAMILY [FILE|-]`.
pub fn run(a: &ParseArgs) -> Result<Report, Error> {
    // `auto` is None; clap has checked the rest.
    let family = Program::parsed_from_name(&a.family);
    let stdin = a.file.as_ref().is_none_or(|f| f.as_os_str() == "-");
    if stdin {
        let r = parse_stream(io::stdin(), family, "<stdin>").map_err(|source| Error::Input {
            path: PathBuf::from("<stdin>"),
            source,
        })?;
        return r.map(Report::Parse).ok_or_else(|| Error::Unrecognized {
            input: "<stdin>".into(),
        });
    }
    let path = a.file.clone().unwrap_or_default();
    let io_err = |source| Error::Input {
        path: path.clone(),
        source,
    };
    let mut f = File::open(&path).map_err(io_err)?;
    let mut head = [0u8; 3];
    let n = read_up_to(&mut f, &mut head).map_err(io_err)?;
    let head = &head[..n];
    // A header makes it a transcript; a leading `# cmd` prompt alone is a paste, streamed.
    if head.starts_with(b"#! ") {
        drop(f);
        return Ok(Report::Parse(parse_transcript(&path, family)?));
    }
    let head = io::Cursor::new(head.to_vec());
    let r = parse_stream(head.chain(f), family, &path.display().to_string()).map_err(io_err)?;
    r.map(Report::Parse).ok_or_else(|| Error::Unrecognized {
        input: path.display().to_string(),
    })
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}
