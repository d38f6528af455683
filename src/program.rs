//! The one type that names the AIX commands wparup runs and parses, with their properties
//! (name, mutating, parsed by `wparup parse`).

/// The AIX commands wparup may run, and whose output it parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    /// `lswpar`: read WPARs.
    Lswpar,
    /// `startwpar`.
    Startwpar,
    /// `stopwpar`.
    Stopwpar,
    /// `rebootwpar`.
    Rebootwpar,
    /// `migwpar`.
    Migwpar,
    /// `syncwpar`.
    Syncwpar,
    /// `inutoc`: rebuild a media directory's `.toc`.
    Inutoc,
    /// `oslevel`: the global level.
    Oslevel,
    /// `clogin`: run a command in a WPAR.
    Clogin,
    /// `lslpp`: installed filesets.
    Lslpp,
    /// `installp`: only `-ld` (list media).
    Installp,
    /// `savewpar -f IMAGE NAME`: back a WPAR up to an image file.
    Savewpar,
    /// `lssavewpar -l -f IMAGE`: what a backup image holds.
    Lssavewpar,
    /// `emgr -l`: the global's iFixes (`verify`).
    Emgr,
    /// `wparprnterr NAME`: the errors a WPAR logged (`verify`, after an inconsistency).
    Wparprnterr,
    /// `df -Pk PATH`: free space of a WPAR's file system (the preflight's forecast).
    Df,
    /// `rmwpar NAME`: remove a (stopped) WPAR before it is restored from an image.
    Rmwpar,
    /// `restwpar -f IMAGE -n NAME`: recreate a WPAR from a savewpar image.
    Restwpar,
    /// `wparup-scan-media DIR`: not an AIX command but wparup's own look at a media directory
    /// ([`crate::media::scan`]), recorded and replayed like one.
    ScanMedia,
    /// `wparup-image-record IMAGE`: not an AIX command but wparup's own reading of the record
    /// it wrote beside a backup image (`IMAGE.json`), recorded and replayed like one.
    ImageRecord,
}

impl Program {
    /// The command's name.
    pub fn name(self) -> &'static str {
        match self {
            Program::Lswpar => "lswpar",
            Program::Startwpar => "startwpar",
            Program::Stopwpar => "stopwpar",
            Program::Rebootwpar => "rebootwpar",
            Program::Migwpar => "migwpar",
            Program::Syncwpar => "syncwpar",
            Program::Inutoc => "inutoc",
            Program::Oslevel => "oslevel",
            Program::Clogin => "clogin",
            Program::Lslpp => "lslpp",
            Program::Installp => "installp",
            Program::Savewpar => "savewpar",
            Program::Lssavewpar => "lssavewpar",
            Program::Emgr => "emgr",
            Program::Wparprnterr => "wparprnterr",
            Program::Df => "df",
            Program::Rmwpar => "rmwpar",
            Program::Restwpar => "restwpar",
            Program::ScanMedia => "wparup-scan-media",
            Program::ImageRecord => "wparup-image-record",
        }
    }

    /// From a command name or path (`/usr/sbin/syncwpar` → `Syncwpar`).
    pub fn from_name(s: &str) -> Option<Program> {
        let base = s.rsplit('/').next().unwrap_or(s);
        Program::ALL.into_iter().find(|p| p.name() == base)
    }

    /// Every command wparup runs.
    pub const ALL: [Program; 20] = [
        Program::Lswpar,
        Program::Startwpar,
        Program::Stopwpar,
        Program::Rebootwpar,
        Program::Migwpar,
        Program::Syncwpar,
        Program::Inutoc,
        Program::Oslevel,
        Program::Clogin,
        Program::Lslpp,
        Program::Installp,
        Program::Savewpar,
        Program::Lssavewpar,
        Program::Emgr,
        Program::Wparprnterr,
        Program::Df,
        Program::Rmwpar,
        Program::Restwpar,
        Program::ScanMedia,
        Program::ImageRecord,
    ];

    /// The commands `wparup parse` reads: lswpar and the WPAR operations.
    pub const PARSED: [Program; 6] = [
        Program::Lswpar,
        Program::Startwpar,
        Program::Stopwpar,
        Program::Rebootwpar,
        Program::Migwpar,
        Program::Syncwpar,
    ];

    /// A command `wparup parse` reads, by name or path.
    pub fn parsed_from_name(s: &str) -> Option<Program> {
        Program::from_name(s).filter(|p| p.is_parsed())
    }

    /// Does `wparup parse` read its output (lswpar and the WPAR operations: [`Program::PARSED`])?
    pub fn is_parsed(self) -> bool {
        self == Program::Lswpar || self.is_operation()
    }

    /// A WPAR operation (start, stop, reboot, migrate, sync): its output has one grammar.
    pub fn is_operation(self) -> bool {
        matches!(
            self,
            Program::Startwpar
                | Program::Stopwpar
                | Program::Rebootwpar
                | Program::Migwpar
                | Program::Syncwpar
        )
    }

    /// Does running it change the system? (`--preview` runs only the others.) A backup
    /// changes no WPAR, but writes an image (and with `-X` may expand `/tmp`): a preview never
    /// takes one.
    pub fn mutating(self) -> bool {
        self.is_operation()
            || matches!(
                self,
                Program::Inutoc | Program::Savewpar | Program::Rmwpar | Program::Restwpar
            )
    }
}

#[cfg(test)]
mod tests {
    use super::Program;

    #[test]
    fn parsed_lists_exactly_the_programs_parse_reads() {
        let derived: Vec<Program> = Program::ALL.into_iter().filter(|p| p.is_parsed()).collect();
        assert_eq!(derived, Program::PARSED);
        assert_eq!(
            Program::parsed_from_name("/usr/sbin/syncwpar"),
            Some(Program::Syncwpar)
        );
        assert_eq!(Program::parsed_from_name("oslevel"), None);
    }
}
