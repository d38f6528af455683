//! The tables of the human reports (`list`, `status`, fileset tables): columns as wide as
//! their contents, the last (free-text) column beside them when the row fits the width, else
//! under the row; and, on a terminal too narrow for the columns themselves (`COLUMNS=40`), one
//! block per row (`name`, then `key: value` pairs wrapped to the width).

use crate::render::wrap;

/// Holds a pair together while the text is wrapped at spaces.
const NBSP: &str = "\u{a0}";

/// A table whose last column is free text (a reason, a directory).
pub(super) struct Table {
    indent: usize,
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(super) fn new(indent: usize, headers: &[&'static str]) -> Table {
        Table {
            indent,
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// One row: a cell per header (missing cells are empty, extra ones ignored).
    pub(super) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn cell(&self, row: &[String], i: usize) -> String {
        row.get(i).cloned().unwrap_or_default()
    }

    /// The table's text for a width (`None`: no limit, one line per row, as scripts read it).
    pub(super) fn render(&self, width: Option<usize>) -> String {
        let n = self.headers.len();
        if n == 0 {
            return String::new();
        }
        let fixed = n - 1;
        let widths: Vec<usize> = (0..fixed)
            .map(|i| {
                self.rows
                    .iter()
                    .map(|r| self.cell(r, i).chars().count())
                    .chain(self.headers.get(i).map(|h| h.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let fixed_width = self.indent + widths.iter().sum::<usize>() + fixed.saturating_sub(1);
        match width {
            Some(w) if fixed_width > w => self.blocks(w),
            _ => {
                let line = |cells: &[String]| -> (String, String) {
                    let mut s = " ".repeat(self.indent);
                    for (i, wd) in widths.iter().enumerate() {
                        let c = cells.get(i).map(String::as_str).unwrap_or("");
                        s.push_str(c);
                        s.push_str(&" ".repeat(wd.saturating_sub(c.chars().count()) + 1));
                    }
                    (s, cells.get(fixed).cloned().unwrap_or_default())
                };
                let head: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
                let mut out = String::new();
                for cells in std::iter::once(&head).chain(&self.rows) {
                    let (row, last) = line(cells);
                    out.push_str(&fit_row(&row, &last, width, self.indent));
                }
                out
            }
        }
    }

    /// One block per row: the first cell, then `key: value` for the others, wrapped.
    fn blocks(&self, width: usize) -> String {
        let pad = " ".repeat(self.indent);
        let mut out = String::new();
        for r in &self.rows {
            out.push_str(&pad);
            out.push_str(&self.cell(r, 0));
            out.push('\n');
            let fixed = self.headers.len() - 1;
            let pairs: Vec<String> = (1..fixed)
                .map(|i| {
                    let key = self.headers.get(i).copied().unwrap_or("").to_lowercase();
                    // A pair is not cut between its key and value (nor inside the value).
                    format!("{key}: {}", self.cell(r, i)).replace(' ', NBSP)
                })
                .collect();
            if !pairs.is_empty() {
                let text = wrap(&format!("{pad}  {}", pairs.join(", ")), width);
                out.push_str(&text.replace(NBSP, " "));
            }
            let last = self.cell(r, fixed);
            if !last.is_empty() {
                let key = self
                    .headers
                    .get(fixed)
                    .copied()
                    .unwrap_or("")
                    .to_lowercase();
                out.push_str(&wrap(&format!("{pad}  {key}: {last}"), width));
            }
        }
        out
    }
}

/// One row: the fixed columns, then the last (free-text) column on the same line when the whole
/// fits `width`, else on the next line, indented and wrapped.
fn fit_row(fixed: &str, last: &str, width: Option<usize>, indent: usize) -> String {
    let inline = format!("{fixed}{last}");
    match width {
        Some(w) if inline.trim_end().chars().count() > w && !last.is_empty() => format!(
            "{}\n{}",
            fixed.trim_end(),
            wrap(&format!("{}{last}", " ".repeat(indent + 4)), w)
        ),
        _ => format!("{}\n", inline.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    fn demo() -> Table {
        let mut t = Table::new(0, &["NAME", "STATE", "LEVEL", "REASON"]);
        t.row(vec![
            "shared01".into(),
            "active".into(),
            "7100-00-02-1041".into(),
            "7100-00-02-1041 is older than the global 7100-00-03-1115".into(),
        ]);
        t.row(vec![
            "w1".into(),
            "defined".into(),
            "-".into(),
            String::new(),
        ]);
        t
    }

    #[test]
    fn columns_are_as_wide_as_their_contents() {
        let s = demo().render(None);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "NAME     STATE   LEVEL           REASON");
        assert!(lines[1].starts_with("shared01 active  7100-00-02-1041 7100-00-02-1041 is older"));
        assert_eq!(lines[2], "w1       defined -");
    }

    #[test]
    fn a_long_last_column_goes_under_its_row() {
        let s = demo().render(Some(60));
        for l in s.lines() {
            assert!(l.chars().count() <= 60, "{l:?} in\n{s}");
        }
        assert!(s.contains("shared01 active  7100-00-02-1041\n    7100-00-02-1041 is older"));
    }

    #[test]
    fn a_terminal_narrower_than_the_columns_gets_one_block_per_row() {
        let s = demo().render(Some(30));
        for l in s.lines() {
            assert!(l.chars().count() <= 30, "{l:?} in\n{s}");
        }
        assert!(
            s.starts_with("shared01\n  state: active,\n  level: 7100-00-02-1041\n"),
            "{s}"
        );
        assert!(s.contains("\nw1\n  state: defined, level: -\n"), "{s}");
        assert!(!s.contains("reason: \n"), "{s}");
    }
}
