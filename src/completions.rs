//! `wparup completions SHELL`: clap's script, taught to complete WPAR names (from
//! `wparup list --names`, so from `lswpar` at the moment of the TAB) wherever a subcommand takes
//! them, and `--exclude NAME`. ksh, AIX's shell, has no programmable completion (neither
//! ksh88 nor ksh93): `completions ksh` says so and what to do instead, rather than printing a
//! script that does nothing.

use clap_complete::Shell;

use crate::cli::CompletionShell;
use crate::error::Error;
use crate::hints::Hint;

/// The completion script for `shell`.
pub fn script(shell: CompletionShell) -> Result<Vec<u8>, Error> {
    let sh = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
        CompletionShell::Elvish => Shell::Elvish,
        CompletionShell::PowerShell => Shell::PowerShell,
        CompletionShell::Ksh => {
            return Err(Error::usage(
                "ksh has no programmable completion (neither AIX's /usr/bin/ksh, a ksh88, nor ksh93): there is no script to print",
                [Hint::KshCompletion],
            ));
        }
    };
    let mut cmd = crate::cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(sh, &mut cmd, "wparup", &mut buf);
    let facts = Facts::of(&cmd);
    let text = String::from_utf8_lossy(&buf).into_owned();
    Ok(match sh {
        Shell::Bash => format!("{text}{}", bash(&facts)),
        Shell::Zsh => zsh(&text),
        Shell::Fish => format!("{text}{}", fish(&facts)),
        _ => text,
    }
    .into_bytes())
}

/// What the scripts need to know of the command line.
struct Facts {
    /// Subcommands with a positional WPAR name (`NAME`/`WPAR`).
    with_names: Vec<String>,
    /// Options that take a value (the word after them is that value, not a WPAR name).
    with_values: Vec<String>,
}

impl Facts {
    fn of(cmd: &clap::Command) -> Facts {
        let mut with_values = Vec::new();
        let mut note = |a: &clap::Arg| {
            if !a.is_positional() && a.get_action().takes_values() && a.get_id() != "exclude" {
                with_values.extend(a.get_long().map(|l| format!("--{l}")));
                with_values.extend(a.get_short().map(|s| format!("-{s}")));
            }
        };
        cmd.get_arguments().for_each(&mut note);
        let mut with_names = Vec::new();
        for sub in cmd.get_subcommands() {
            sub.get_arguments().for_each(&mut note);
            let takes_names = sub
                .get_arguments()
                .any(|a| a.is_positional() && (a.get_id() == "names" || a.get_id() == "wpar"));
            if takes_names {
                with_names.push(sub.get_name().to_string());
            }
        }
        with_values.sort();
        with_values.dedup();
        Facts {
            with_names,
            with_values,
        }
    }
}

fn bash(f: &Facts) -> String {
    format!(
        r#"
# WPAR names (wparup list --names, read at the TAB) where a subcommand takes them.
_wparup_wpars() {{
    _wparup "$@"
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" sub="" i w
    [[ "$cur" == -* ]] && return 0
    case "$prev" in
        {values}) return 0 ;;
    esac
    for (( i = 1; i < COMP_CWORD; i++ )); do
        w="${{COMP_WORDS[i]}}"
        case "$w" in
            {values}) (( i++ )) ;;
            -*) ;;
            *) sub="$w"; break ;;
        esac
    done
    case "$prev:$sub" in
        --exclude:*|*:{names_alt}) ;;
        *) return 0 ;;
    esac
    local names
    names="$(wparup list --names 2>/dev/null)"
    COMPREPLY=( $(compgen -W "$names" -- "$cur") )
}}
if [[ "${{BASH_VERSINFO[0]}}" -eq 4 && "${{BASH_VERSINFO[1]}}" -ge 4 || "${{BASH_VERSINFO[0]}}" -gt 4 ]]; then
    complete -F _wparup_wpars -o nosort -o bashdefault -o default wparup
else
    complete -F _wparup_wpars -o bashdefault -o default wparup
fi
"#,
        values = f.with_values.join("|"),
        names_alt = f.with_names.join("|*:"),
    )
}

fn zsh(text: &str) -> String {
    const NAMES: &str = r#"
# WPAR names (wparup list --names, read at the TAB).
_wparup_wpars() {
    local -a wpars
    wpars=(${(f)"$(wparup list --names 2>/dev/null)"})
    _describe -t wpars 'WPAR' wpars
}
"#;
    let mut out = String::with_capacity(text.len() + NAMES.len());
    for line in text.lines() {
        let wpar_arg = line.starts_with("'*::names -- ")
            || line.starts_with("'::wpar -- ")
            || line.starts_with("'*--exclude=[");
        if wpar_arg && line.contains(":_default'") {
            out.push_str(&line.replace(":_default'", ":_wparup_wpars'"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
        if line.starts_with("#compdef") {
            out.push_str(NAMES);
        }
    }
    out
}

fn fish(f: &Facts) -> String {
    format!(
        "\n# WPAR names (wparup list --names, read at the TAB).\ncomplete -c wparup -n \"__fish_seen_subcommand_from {}\" -f -a \"(wparup list --names 2>/dev/null)\"\ncomplete -c wparup -l exclude -f -a \"(wparup list --names 2>/dev/null)\"\n",
        f.with_names.join(" ")
    )
}
