//! The man pages: `wparup(1)` with the exit codes under their own heading, and one page per
//! subcommand (`wparup-sync(1)`, …) with its options and examples. Rendered from the clap
//! definitions with clap_mangen, section by section, so wparup writes its own EXIT STATUS and
//! EXAMPLES sections.

use crate::error::Error;
use crate::exit::Exit;

/// Escapes text for roff.
fn roff(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    // A line starting with `.` or `'` would be a request.
    s.lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn render(man: &clap_mangen::Man, out: &mut Vec<u8>, cmd: &clap::Command) -> std::io::Result<()> {
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if cmd.get_subcommands().next().is_some() {
        man.render_subcommands_section(out)?;
    }
    Ok(())
}

/// Every page: `(name, roff text)`, wparup's own first.
pub fn pages() -> Result<Vec<(String, String)>, Error> {
    let err = |e: std::io::Error| Error::Internal(format!("cannot render the man pages: {e}"));
    let mut cmd = crate::cli::command();
    cmd.build();
    let mut pages = Vec::new();

    let mut out = Vec::new();
    let main = cmd
        .clone()
        .after_long_help(None::<&str>)
        .after_help(None::<&str>);
    let man = clap_mangen::Man::new(main.clone());
    render(&man, &mut out, &main).map_err(err)?;
    let mut s = String::from_utf8_lossy(&out).into_owned();
    s.push_str(".SH \"EXIT STATUS\"\n");
    s.push_str("Stable; the worst code wins for \\fB\\-\\-all\\fR.\n");
    for e in Exit::ALL {
        s.push_str(&format!(
            ".TP\n\\fB{}\\fR (\\fI{}\\fR)\n{}\n",
            e.code(),
            e.name(),
            roff(e.meaning())
        ));
    }
    s.push_str(".SH \"SEE ALSO\"\n");
    let subs: Vec<String> = cmd
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .map(|c| format!("\\fBwparup\\-{}\\fR(1)", roff(c.get_name())))
        .collect();
    s.push_str(&subs.join(", "));
    s.push('\n');
    let mut version = Vec::new();
    man.render_version_section(&mut version).map_err(err)?;
    s.push_str(&String::from_utf8_lossy(&version));
    pages.push(("wparup".to_string(), s));

    for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = format!("wparup-{}", sub.get_name());
        let examples = sub.get_after_help().map(|h| h.to_string());
        let page = sub
            .clone()
            .name(name.clone())
            .after_help(None::<&str>)
            .after_long_help(None::<&str>);
        let man = clap_mangen::Man::new(page.clone()).section("1");
        let mut out = Vec::new();
        render(&man, &mut out, &page).map_err(err)?;
        let mut s = String::from_utf8_lossy(&out).into_owned();
        if let Some(ex) = examples {
            s.push_str(".SH EXAMPLES\n.nf\n");
            s.push_str(&roff(ex.trim_start_matches("Examples:\n")));
            s.push_str("\n.fi\n");
        }
        s.push_str(".SH \"SEE ALSO\"\n\\fBwparup\\fR(1), for the options that choose how AIX commands run and the exit codes.\n");
        pages.push((name, s));
    }
    Ok(pages)
}
