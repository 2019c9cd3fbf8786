//! Forms laid out as two-column tables: a label in the first column, its value in the
//! second ("Pupil name | Jayden Clarke", "Date of birth | 12/03/2014", "Medical | Asthma").
//! Pupil profiles, consent forms and care plans exported to CSV, Excel or Word look like
//! this. Read as an ordinary table, each row would be a record of its own, so "SEN | SEN
//! support" would belong to no one and "Date of birth | 12/03/2014" would be a date with no
//! DOB column. Read as a form:
//!
//! - its rows belong to one record, the form's, so what it says ties to the person it
//!   names; the label that named the person, given again ("Pupil name" of a second
//!   profile below the first), starts the next person's record;
//! - a value is read as if its label were its column's header ("12/03/2014" under "Date of
//!   birth"), when the label is one the rules know as a header;
//! - under any other label, the value is read by itself ("Does your child take medication?
//!   | Insulin at lunch"), or with its question when it only says yes ("Is your child on a
//!   child protection plan? | Yes"); an answer that says no is for the engine to pass over;
//! - a label with no value ("Child protection plan since March 2024", or a row merged
//!   across both columns) is read by itself, unless it is a header the rules know or a
//!   question: a blank field of a template says nothing;
//! - the labels themselves are not read otherwise: "SEN" as a label says nothing.
//!
//! A table of at most two columns becomes a form when one of its first rows pairs the
//! label of the person a form is about ("Name", "Pupil name", "Child's name", "UPN", "Date
//! of birth"…, not "Teacher" or "Parent") with a value for it (a name, a date). So a
//! glossary ("SEN | Special educational needs"), a header row under a title ("Name | Paid",
//! then a list of pupils) and a staff sheet ("Teacher | Mrs Jones") stay tables. A label
//! that is a person's name ("Amara Okafor | Paid") or a third column ends the form.
//!
//! Forms of four columns hold two fields a row ("Child's name | Tobias Wren | Date of
//! birth | 14/03/2016"): labels in the first and third columns, values in the second and
//! fourth. Read as a list, such a table would take its first row for its header row and
//! lose the person it names. It is read as a form when its first row pairs the person's
//! label with a value that is surely one (a name the lists know, or a figure: a list's
//! header such as "Key Worker" only reads like a name), and a label the rules know ("Date
//! of birth", "Class", "Medical") with a value that is no header: a list's header row
//! ("Name | Class | DOB | Phone") is all labels. Under a title across the table, the row
//! that makes it a form may hold a second field the same way. A fifth column ends the
//! form.

/// The record numbers of a form's rows: above every row number a table can have.
pub(super) const FORM_RECORD: u64 = 1 << 63;

/// Name headers of people a form is not about: a form's teacher, parent or emergency
/// contact (normalised, as in the rules' `[[column]]` headers).
pub(super) const NOT_THE_SUBJECT: &[&str] = &[
    "teacher",
    "teacher name",
    "tutor",
    "staff",
    "staff member",
    "parent",
    "parent/carer",
    "parent carer",
    "parent name",
    "carer",
    "mother",
    "father",
    "guardian",
    "contact name",
    "primary contact",
    "emergency contact",
    "emergency contact name",
];

/// The row that names the form's person comes within this many rows of its start.
const PERSON_ROW_WITHIN: u32 = 3;

/// What a label is, to the rules.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Label {
    /// Names or identifies the person a form is about: a name header, or a personal
    /// identifier's header.
    Person,
    /// Another header the rules know ("Medical", "SEN", "Year group", "Parent/carer").
    Known,
    Unknown,
}

/// What the rules say about labels and values.
pub(super) trait Labels {
    fn label(&self, text: &str) -> Label;
    /// Whether `value` is a value for the person's label `label` (a name for "Name").
    fn is_value(&self, label: &str, value: &str) -> bool;
    /// Whether `text` is a person's name ("Amara Okafor"), as a label.
    fn is_name(&self, text: &str) -> bool;
    /// Whether an answer says yes.
    fn says_yes(&self, value: &str) -> bool;
}

/// Something to read as part of a form: `text` in the cell at `row`, `col` of `sheet`,
/// under `header` if any, in the record `record` (to be added to [`FORM_RECORD`]).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Read {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
    pub header: Option<String>,
    pub text: String,
    pub record: u64,
}

/// What to do with a cell: read these parts of a form, and the cell as an ordinary table
/// cell or not.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Outcome {
    pub reads: Vec<Read>,
    pub usual: bool,
}

/// The form being read in the current table, if it is one.
#[derive(Default)]
pub(super) struct Form {
    /// The table (sheet) it is in.
    sheet: String,
    /// Data rows of the table seen so far.
    rows: u32,
    active: bool,
    /// The label that named the form's person, as written.
    subject: String,
    /// The record of the person being read (the count of people so far).
    record: u64,
    /// The current row's label, not yet paired with a value: (row, column, label).
    label: Option<(u32, u32, String)>,
    /// Two fields a row (labels in the first and third columns), not one.
    pairs: bool,
    /// A person's label in the current row of a table not yet a form: the table is a form
    /// if its value is a value for it.
    candidate: Option<(u32, String)>,
    /// The row whose person's label and value made the table a form (under a title), if
    /// that value is surely a person's (see [`surely_a_value`]).
    started: Option<u32>,
}

impl Form {
    /// The outcome for a data cell in column `col` of row `row` of the table `sheet`,
    /// whose header row has at most two cells, or is a form's first row of two fields.
    pub(super) fn cell(
        &mut self,
        sheet: &str,
        row: u32,
        col: u32,
        text: &str,
        rules: &impl Labels,
    ) -> Outcome {
        let mut out = Outcome::default();
        if self.sheet != sheet {
            self.finish(&mut out, rules);
            *self = Form {
                sheet: sheet.to_string(),
                ..Form::default()
            };
        }
        // A form of two fields a row has labels in columns 0 and 2, values in 1 and 3.
        let pairs = self.active && self.pairs;
        match col {
            // The third column of a form of two fields a row: a label of the same row.
            2 if pairs => {
                self.finish(&mut out, rules);
                self.label = Some((row, col, text.to_string()));
            }
            0 => {
                self.finish(&mut out, rules);
                self.rows += 1;
                if self.active && rules.label(text) == Label::Unknown && rules.is_name(text) {
                    // "Amara Okafor | Paid": a list of people, not a form.
                    self.active = false;
                }
                if self.active {
                    if text.trim().eq_ignore_ascii_case(self.subject.trim()) {
                        self.record += 1;
                    }
                    self.label = Some((row, col, text.to_string()));
                } else {
                    let person =
                        self.rows <= PERSON_ROW_WITHIN && rules.label(text) == Label::Person;
                    self.candidate = person.then(|| (row, text.to_string()));
                    out.usual = true;
                }
            }
            c if self.active && (c == 1 || pairs && c == 3) => {
                let (header, text) = match self.label.take() {
                    Some((r, lc, l)) if r == row && lc + 1 == c => self.field(&l, text, rules),
                    // A value with no label: still part of the form.
                    _ => (None, text.to_string()),
                };
                out.reads.push(self.read(row, c, header, text));
            }
            1 => match self.candidate.take() {
                // The value must not be another header ("Forename | Surname" above a list).
                Some((r, l))
                    if r == row
                        && rules.label(text) == Label::Unknown
                        && rules.is_value(&l, text) =>
                {
                    self.active = true;
                    self.started = surely_a_value(text, rules).then_some(row);
                    self.subject = l.clone();
                    out.reads.push(self.read(row, 1, Some(l), text.to_string()));
                }
                _ => out.usual = true,
            },
            // A label the rules know in the third column of the row that made the table a
            // form: a form of two fields a row.
            2 if self.active
                && !self.pairs
                && self.started == Some(row)
                && rules.label(text) != Label::Unknown =>
            {
                self.finish(&mut out, rules);
                self.pairs = true;
                self.label = Some((row, col, text.to_string()));
            }
            // A third column (a fifth, of two fields a row): a table, not a form, from
            // here on.
            _ => {
                self.finish(&mut out, rules);
                self.active = false;
                self.candidate = None;
                out.usual = true;
            }
        }
        out
    }

    /// A value under its label `label`: read under the label when the rules know it as a
    /// header, else by itself, or with its question when it only says yes.
    fn field(&self, label: &str, value: &str, rules: &impl Labels) -> (Option<String>, String) {
        match rules.label(label) {
            Label::Unknown if rules.says_yes(value) => (None, format!("{label}: {value}")),
            Label::Unknown => (None, value.to_string()),
            _ => (Some(label.to_string()), value.to_string()),
        }
    }

    /// Whether a header row's cells, by column (blank cells left out), may be a form's
    /// first row: a label and its value ("Name | Jayden Clarke": a form with no header
    /// row), or two fields ("Child's name | Tobias Wren | Date of birth | 14/03/2016").
    pub(super) fn is_first_row(cells: &[(u32, String)], rules: &impl Labels) -> bool {
        let text = |col: u32| cells.iter().find(|c| c.0 == col).map(|c| c.1.as_str());
        let (Some(first), Some(second)) = (text(0), text(1)) else {
            return false;
        };
        let person = rules.label(first) == Label::Person
            && rules.label(second) == Label::Unknown
            && rules.is_value(first, second);
        match cells.iter().map(|c| c.0).max() {
            Some(1) => person,
            // The second field's value may be blank.
            Some(2 | 3) => {
                person
                    && surely_a_value(second, rules)
                    && text(2).is_some_and(|l| rules.label(l) != Label::Unknown)
                    && text(3).is_none_or(|v| rules.label(v) == Label::Unknown)
            }
            _ => false,
        }
    }

    /// A table whose header row is a form's first row (see [`Form::is_first_row`]) is a
    /// form from that row on: the values to read, if so.
    pub(super) fn header_row(
        &mut self,
        sheet: &str,
        row: u32,
        cells: &[(u32, String)],
        rules: &impl Labels,
    ) -> Vec<Read> {
        if !Self::is_first_row(cells, rules) {
            return Vec::new();
        }
        let text = |col: u32| cells.iter().find(|c| c.0 == col).map(|c| c.1.as_str());
        let first = text(0).expect("checked");
        *self = Form {
            sheet: sheet.to_string(),
            active: true,
            subject: first.to_string(),
            pairs: cells.iter().any(|c| c.0 >= 2),
            ..Form::default()
        };
        let mut reads = vec![self.read(
            row,
            1,
            Some(first.to_string()),
            text(1).expect("checked").to_string(),
        )];
        if let (Some(label), Some(value)) = (text(2), text(3)) {
            let (header, value) = self.field(label, value, rules);
            reads.push(self.read(row, 3, header, value));
        }
        reads
    }

    /// Reads what the last row left: a label with no value (at the end of a table).
    pub(super) fn finish(&mut self, out: &mut Outcome, rules: &impl Labels) {
        if let Some((row, col, label)) = self.label.take()
            && rules.label(&label) == Label::Unknown
            && !label.trim_end().ends_with('?')
        {
            out.reads.push(self.read(row, col, None, label));
        }
    }

    fn read(&self, row: u32, col: u32, header: Option<String>, text: String) -> Read {
        Read {
            sheet: self.sheet.clone(),
            row,
            col,
            header,
            text,
            record: self.record,
        }
    }
}

/// Whether the value of a person's label is surely one, for a form of two fields a row: a
/// name the name lists know ("Tobias Wren") or a figure (a UPN, a date of birth). A
/// list's header such as "Key Worker" or "Book Band" reads like a name but is not one.
fn surely_a_value(value: &str, rules: &impl Labels) -> bool {
    rules.is_name(value) || value.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{Form, Label, Labels, Outcome, Read};

    struct Rules;

    impl Labels for Rules {
        fn label(&self, text: &str) -> Label {
            match text {
                "Pupil name" | "Name" => Label::Person,
                "Medical" | "SEN" | "Teacher" | "Paid" | "Family Name" => Label::Known,
                _ => Label::Unknown,
            }
        }
        fn is_value(&self, _: &str, value: &str) -> bool {
            value.contains(' ') && value.chars().next().is_some_and(char::is_uppercase)
        }
        fn is_name(&self, text: &str) -> bool {
            ["Amara Okafor", "Jayden Clarke"].contains(&text)
        }
        fn says_yes(&self, value: &str) -> bool {
            value == "Yes"
        }
    }

    fn read(row: u32, col: u32, header: Option<&str>, text: &str, record: u64) -> Read {
        Read {
            sheet: String::new(),
            row,
            col,
            header: header.map(Into::into),
            text: text.into(),
            record,
        }
    }

    fn reads(reads: Vec<Read>) -> Outcome {
        Outcome {
            reads,
            usual: false,
        }
    }

    fn usual() -> Outcome {
        Outcome {
            reads: Vec::new(),
            usual: true,
        }
    }

    #[test]
    fn a_person_row_makes_a_form() {
        let mut f = Form::default();
        let mut cell = |row, col, text| f.cell("", row, col, text, &Rules);
        assert_eq!(cell(1, 0, "Pupil name"), usual());
        let name = read(1, 1, Some("Pupil name"), "Jayden Clarke", 0);
        assert_eq!(cell(1, 1, "Jayden Clarke"), reads(vec![name]));
        assert_eq!(cell(2, 0, "Medical"), reads(vec![]));
        let asthma = read(2, 1, Some("Medical"), "Asthma", 0);
        assert_eq!(cell(2, 1, "Asthma"), reads(vec![asthma]));
        // Other labels: the value, or the question with a yes.
        assert_eq!(cell(3, 0, "Takes medication?"), reads(vec![]));
        let inhaler = read(3, 1, None, "Inhaler", 0);
        assert_eq!(cell(3, 1, "Inhaler"), reads(vec![inhaler]));
        assert_eq!(cell(4, 0, "On a CP plan?"), reads(vec![]));
        let yes = read(4, 1, None, "On a CP plan?: Yes", 0);
        assert_eq!(cell(4, 1, "Yes"), reads(vec![yes]));
        // A note across the row is read when the next row starts; a blank field is not.
        assert_eq!(cell(5, 0, "CP plan since March"), reads(vec![]));
        let note = read(5, 0, None, "CP plan since March", 0);
        assert_eq!(cell(6, 0, "SEN"), reads(vec![note]));
        // The person's label again: the next person.
        assert_eq!(cell(7, 0, "Pupil name"), reads(vec![]));
        let next = read(7, 1, Some("Pupil name"), "Amara Okafor", 1);
        assert_eq!(cell(7, 1, "Amara Okafor"), reads(vec![next]));
        // A third column ends the form.
        assert_eq!(cell(8, 2, "x"), usual());
        assert_eq!(cell(9, 0, "Medical"), usual());
    }

    #[test]
    fn the_last_label_is_read_at_the_end() {
        let mut f = Form::default();
        f.cell("", 1, 0, "Name", &Rules);
        f.cell("", 1, 1, "Jayden Clarke", &Rules);
        f.cell("", 2, 0, "CP plan since March", &Rules);
        let mut out = Outcome::default();
        f.finish(&mut out, &Rules);
        assert_eq!(out.reads, vec![read(2, 0, None, "CP plan since March", 0)]);
    }

    #[test]
    fn no_form_without_a_person_and_a_value_early_on() {
        let mut f = Form::default();
        for (row, l) in [(1, "SEN"), (2, "Medical"), (3, "EHCP"), (4, "Name")] {
            assert_eq!(f.cell("", row, 0, l, &Rules), usual(), "{l}");
            assert_eq!(f.cell("", row, 1, "Some Value", &Rules), usual(), "{l}");
        }
        // "Name | Family Name" under a title: a header row, whatever its second cell reads
        // like.
        let mut f = Form::default();
        assert_eq!(f.cell("", 2, 0, "Name", &Rules), usual());
        assert_eq!(f.cell("", 2, 1, "Family Name", &Rules), usual());
        let header = [(0, "Name".to_string()), (1, "Family Name".to_string())];
        assert_eq!(f.header_row("", 0, &header, &Rules), vec![]);
        // "Name | Paid" under a title, then pupils: a list.
        let mut f = Form::default();
        assert_eq!(f.cell("", 2, 0, "Name", &Rules), usual());
        assert_eq!(f.cell("", 2, 1, "Paid", &Rules), usual());
        assert_eq!(f.cell("", 3, 0, "Amara Okafor", &Rules), usual());
    }

    #[test]
    fn a_name_as_a_label_ends_the_form() {
        let mut f = Form::default();
        f.cell("", 1, 0, "Name", &Rules);
        f.cell("", 1, 1, "Jayden Clarke", &Rules);
        assert_eq!(f.cell("", 2, 0, "Amara Okafor", &Rules), usual());
        assert_eq!(f.cell("", 2, 1, "Paid", &Rules), usual());
    }

    #[test]
    fn a_form_may_hold_two_fields_a_row() {
        let cells = |c: &[&str]| -> Vec<(u32, String)> {
            (0..).zip(c.iter().map(|t| t.to_string())).collect()
        };
        let mut f = Form::default();
        let first = cells(&["Name", "Jayden Clarke", "Medical", "Asthma"]);
        assert_eq!(
            f.header_row("", 0, &first, &Rules),
            vec![
                read(0, 1, Some("Name"), "Jayden Clarke", 0),
                read(0, 3, Some("Medical"), "Asthma", 0)
            ]
        );
        // Both fields of a row are read, each under its own label.
        assert_eq!(f.cell("", 1, 0, "SEN", &Rules), reads(vec![]));
        let sen = read(1, 1, Some("SEN"), "Support Plan", 0);
        assert_eq!(f.cell("", 1, 1, "Support Plan", &Rules), reads(vec![sen]));
        assert_eq!(f.cell("", 1, 2, "On a CP plan?", &Rules), reads(vec![]));
        let yes = read(1, 3, None, "On a CP plan?: Yes", 0);
        assert_eq!(f.cell("", 1, 3, "Yes", &Rules), reads(vec![yes]));
        // A third-column label with no value is read when the next row starts.
        assert_eq!(
            f.cell("", 2, 2, "CP plan since March", &Rules),
            reads(vec![])
        );
        let note = read(2, 2, None, "CP plan since March", 0);
        assert_eq!(f.cell("", 3, 0, "Medical", &Rules), reads(vec![note]));
        // A fifth column ends the form.
        assert_eq!(f.cell("", 3, 4, "x", &Rules), usual());
        assert_eq!(f.cell("", 4, 2, "Medical", &Rules), usual());
    }

    #[test]
    fn a_form_under_a_title_may_hold_two_fields_a_row() {
        let mut f = Form::default();
        let mut cell = |row, col, text| f.cell("", row, col, text, &Rules);
        assert_eq!(cell(1, 0, "Pupil name"), usual());
        let name = read(1, 1, Some("Pupil name"), "Jayden Clarke", 0);
        assert_eq!(cell(1, 1, "Jayden Clarke"), reads(vec![name]));
        assert_eq!(cell(1, 2, "Medical"), reads(vec![]));
        let asthma = read(1, 3, Some("Medical"), "Asthma", 0);
        assert_eq!(cell(1, 3, "Asthma"), reads(vec![asthma]));
        assert_eq!(cell(2, 2, "SEN"), reads(vec![]));
        let sen = read(2, 3, Some("SEN"), "Support Plan", 0);
        assert_eq!(cell(2, 3, "Support Plan"), reads(vec![sen]));
        // A third column in a later row, or under an unknown label, is still a table.
        let mut f = Form::default();
        f.cell("", 1, 0, "Pupil name", &Rules);
        f.cell("", 1, 1, "Jayden Clarke", &Rules);
        assert_eq!(f.cell("", 2, 2, "Medical", &Rules), usual());
        let mut f = Form::default();
        f.cell("", 1, 0, "Pupil name", &Rules);
        f.cell("", 1, 1, "Jayden Clarke", &Rules);
        assert_eq!(f.cell("", 1, 2, "Trip", &Rules), usual());
    }

    #[test]
    fn a_header_row_of_labels_is_no_form_of_two_fields_a_row() {
        let cells = |c: &[&str]| -> Vec<(u32, String)> {
            (0..).zip(c.iter().map(|t| t.to_string())).collect()
        };
        for row in [
            // A list's header row: all labels.
            &["Name", "Paid", "Medical", "SEN"][..],
            // No person's label first.
            &["Teacher", "Mrs Jones", "Medical", "Asthma"],
            // The second field's label unknown to the rules, or its value a label.
            &["Name", "Jayden Clarke", "Trip", "Museum"],
            &["Name", "Jayden Clarke", "Medical", "SEN"],
            // Five columns.
            &["Name", "Jayden Clarke", "Medical", "Asthma", "x"],
        ] {
            assert!(!Form::is_first_row(&cells(row), &Rules), "{row:?}");
            assert_eq!(
                Form::default().header_row("", 0, &cells(row), &Rules),
                vec![]
            );
        }
        // The second field's value may be blank (left out of the cells).
        let blank = vec![
            (0, "Name".into()),
            (1, "Jayden Clarke".into()),
            (2, "Medical".into()),
        ];
        assert!(Form::is_first_row(&blank, &Rules));
    }

    #[test]
    fn a_header_row_can_be_the_first_field() {
        let mut f = Form::default();
        let pair = |a: &str, b: &str| vec![(0, a.to_string()), (1, b.to_string())];
        assert_eq!(
            f.header_row("", 0, &pair("Teacher", "Mrs Jones"), &Rules),
            vec![]
        );
        assert_eq!(f.header_row("", 0, &pair("Name", "Paid"), &Rules), vec![]);
        let first = f.header_row("", 0, &pair("Name", "Jayden Clarke"), &Rules);
        assert_eq!(first, vec![read(0, 1, Some("Name"), "Jayden Clarke", 0)]);
        assert_eq!(f.cell("", 1, 0, "Medical", &Rules), reads(vec![]));
    }
}
