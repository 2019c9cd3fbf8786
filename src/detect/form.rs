//! Forms laid out as two-column tables: a label in the first column, its value in the
//! second ("Pupil name | Jayden Clarke", "Date of birth | 12/03/2014", "Medical | Asthma").
//! Pupil profiles, consent forms and care plans exported to CSV, Excel or Word look like
//! this. Read as an ordinary table, each row would be a record of its own, so "SEN | SEN
//! support" would belong to no one and "Date of birth | 12/03/2014" would be a date with no
//! DOB column. Read as a form:
//!
//! - every row belongs to one record, the form's, so what it says ties to the person it
//!   names;
//! - a value is read as if its label were its column's header ("12/03/2014" under "Date of
//!   birth"), when the label is one the rules know as a header;
//! - a value under any other label ("Does your child take medication? | Insulin at lunch")
//!   is read as the running text "label: value", in the form's record;
//! - the labels themselves are not read: "SEN" as a label says nothing about anyone.
//!
//! A two-column table becomes a form when one of its first rows is labelled as a person
//! ("Name", "Pupil name", "Child's name", "UPN", "Date of birth"…). So a glossary ("SEN |
//! Special educational needs") or a list of pupils and their classes stays a table.
//! A table with no header row ("Name | Jayden Clarke" first) is a form from its first row
//! when that row's value is a name.

/// The record number of a form's rows: above every row number a table can have.
pub(super) const FORM_RECORD: u64 = 1 << 63;

/// The row that names the form's person comes within this many rows of its start.
const PERSON_ROW_WITHIN: u32 = 3;

/// What a label is, to the rules.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Label {
    /// Names or identifies a person: a name header, or a personal identifier's header.
    Person,
    /// Another header the rules know ("Medical", "SEN", "Year group").
    Known,
    Unknown,
}

/// The form being read in the current table, if it is one.
#[derive(Default)]
pub(super) struct Form {
    /// The table (sheet) it is in.
    sheet: String,
    /// Data rows of the table seen so far.
    rows: u32,
    active: bool,
    /// The current row's label, with its row.
    label: Option<(u32, String)>,
    /// A person's label in the current row of a table not yet a form: the table is a form
    /// if its value is a value, not another header ("UPN | Name | DOB" is a header row).
    candidate: Option<(u32, String)>,
}

/// What to do with a cell of a two-column table.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// Read it as an ordinary table cell.
    AsUsual,
    /// A label: not read by itself.
    Skip,
    /// A value of the form: read with this header, in the form's record.
    UnderLabel(String),
    /// A value of the form under a label the rules do not know: read this running text
    /// ("label: value"), in the form's record.
    AsText(String),
}

impl Form {
    /// The step for a data cell in column `col` (0 or 1) of row `row` of the two-column
    /// table `sheet`. `label` tells what a text is as a label.
    pub(super) fn cell(
        &mut self,
        sheet: &str,
        row: u32,
        col: u32,
        text: &str,
        label: impl Fn(&str) -> Label,
    ) -> Step {
        if self.sheet != sheet {
            *self = Form {
                sheet: sheet.to_string(),
                ..Form::default()
            };
        }
        match col {
            0 if self.active => {
                self.rows += 1;
                self.label = Some((row, text.to_string()));
                Step::Skip
            }
            0 => {
                self.rows += 1;
                self.candidate = (self.rows <= PERSON_ROW_WITHIN && label(text) == Label::Person)
                    .then(|| (row, text.to_string()));
                Step::AsUsual
            }
            1 if self.active => match self.label.take() {
                Some((r, l)) if r == row => match label(&l) {
                    Label::Unknown => Step::AsText(format!("{l}: {text}")),
                    _ => Step::UnderLabel(l),
                },
                // A value with no label: still part of the form.
                _ => Step::AsText(text.to_string()),
            },
            1 => match self.candidate.take() {
                Some((r, l)) if r == row && label(text) == Label::Unknown => {
                    self.active = true;
                    Step::UnderLabel(l)
                }
                _ => Step::AsUsual,
            },
            // A third column: a table, not a form, from here on.
            _ => {
                self.active = false;
                self.candidate = None;
                Step::AsUsual
            }
        }
    }

    /// A table whose header row is a label and its value ("Name | Jayden Clarke": a form
    /// with no header row) is a form from that row on. `is_value` tells whether the second
    /// cell is a value for the first (a name for a name label).
    pub(super) fn header_row(
        &mut self,
        sheet: &str,
        first: &str,
        first_label: Label,
        is_value: impl FnOnce() -> bool,
    ) -> Option<Step> {
        if first_label != Label::Person || !is_value() {
            return None;
        }
        *self = Form {
            sheet: sheet.to_string(),
            active: true,
            ..Form::default()
        };
        Some(Step::UnderLabel(first.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::{Form, Label, Step};

    fn label(text: &str) -> Label {
        match text {
            "Pupil name" | "Name" => Label::Person,
            "Medical" | "SEN" => Label::Known,
            _ => Label::Unknown,
        }
    }

    #[test]
    fn a_person_row_makes_a_form() {
        let mut f = Form::default();
        assert_eq!(f.cell("", 1, 0, "Pupil name", label), Step::AsUsual);
        assert_eq!(
            f.cell("", 1, 1, "Jayden Clarke", label),
            Step::UnderLabel("Pupil name".into())
        );
        assert_eq!(f.cell("", 2, 0, "Medical", label), Step::Skip);
        assert_eq!(
            f.cell("", 2, 1, "Asthma", label),
            Step::UnderLabel("Medical".into())
        );
        assert_eq!(f.cell("", 3, 0, "Takes medication?", label), Step::Skip);
        assert_eq!(
            f.cell("", 3, 1, "Inhaler", label),
            Step::AsText("Takes medication?: Inhaler".into())
        );
        // A value without a label is still the form's.
        assert_eq!(
            f.cell("", 4, 1, "Nut allergy", label),
            Step::AsText("Nut allergy".into())
        );
        // A third column ends the form.
        assert_eq!(f.cell("", 5, 2, "x", label), Step::AsUsual);
        assert_eq!(f.cell("", 6, 0, "Medical", label), Step::AsUsual);
        // Another table starts afresh.
        assert_eq!(f.cell("table 2", 1, 0, "Medical", label), Step::AsUsual);
    }

    #[test]
    fn a_header_row_under_a_title_is_no_form() {
        // "Oakfield SEN register" (a title), then "Name | SEN | …".
        let mut f = Form::default();
        assert_eq!(f.cell("", 2, 0, "Name", label), Step::AsUsual);
        assert_eq!(f.cell("", 2, 1, "SEN", label), Step::AsUsual);
        assert_eq!(f.cell("", 3, 0, "Amara Okafor", label), Step::AsUsual);
        assert_eq!(f.cell("", 3, 1, "K", label), Step::AsUsual);
    }

    #[test]
    fn no_person_row_early_on_no_form() {
        let mut f = Form::default();
        for (row, l) in [(1, "SEN"), (2, "Medical"), (3, "EHCP"), (4, "Name")] {
            assert_eq!(f.cell("", row, 0, l, label), Step::AsUsual, "{l}");
            assert_eq!(f.cell("", row, 1, "x", label), Step::AsUsual, "{l}");
        }
    }

    #[test]
    fn a_header_row_can_be_the_first_field() {
        let mut f = Form::default();
        assert_eq!(f.header_row("", "Class", Label::Known, || true), None);
        assert_eq!(f.header_row("", "Name", Label::Person, || false), None);
        assert_eq!(
            f.header_row("", "Name", Label::Person, || true),
            Some(Step::UnderLabel("Name".into()))
        );
        assert_eq!(f.cell("", 1, 0, "Medical", label), Step::Skip);
    }
}
