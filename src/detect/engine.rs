//! The detection engine: runs the rules over extracted segments and builds one report per
//! file.
//!
//! Hot path: most segments hold no digits and no `@`, so the identifier patterns are skipped
//! for them (none can match); the sensitive words are found with one Aho-Corasick pass;
//! identifier candidates are confirmed by their validators before anything counts.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::rc::Rc;

use regex::Regex;

use super::form::{FORM_RECORD, Form, Label, Labels, NOT_THE_SUBJECT, Outcome, Read};
use super::matcher::{self, Lease, PatternSearch};
use super::memo::{CellFacts, CellMemo};
use super::names::{KnownNames, Names};
use super::report::{FileReport, Finding, mask};
use super::rules::{
    self, ColumnKind, Identifier, KeywordHit, KeywordKind, Keywords, RolesAndTopics,
    normalise_header,
};
use super::validators;
use crate::error::{Error, Result};
use crate::extract::{self, Limits, Location, Segment, Status, Visitor};
use crate::policy::Policy;

/// Most findings listed per file (counts are never capped).
const MAX_FINDINGS: usize = 100;
/// How far before a match a context word may be, in bytes.
const CONTEXT_WINDOW: usize = 48;
/// How many pieces of running text around a person mention sensitive words may be.
const PERSON_WINDOW: u64 = 5;
/// How many XML elements away a person element may be for nested records.
const XML_WINDOW: u64 = 40;
/// Bound on remembered pending items per file (memory stays flat on huge files).
const MAX_PENDING: usize = 20_000;
/// Most distinct people remembered per file for the estimate ("about 50,000 or more").
const MAX_SUBJECTS: usize = 50_000;
/// Most files of one archive remembered for the archive's own report.
const MAX_REPORTED: usize = 100_000;
/// Most words of names listed per file for the passphrase check: a class list's worth
/// many times over, and zxcvbn stays quick with them.
const MAX_NAME_WORDS: usize = 500;
/// Recent anchored table records remembered (rows are read in order).
const RECENT_RECORDS: usize = 256;
/// Columns whose last header is remembered by position (wider tables still work, by look-up).
const MAX_COLUMNS: usize = 1024;

pub struct Detector {
    ids: Vec<Identifier>,
    /// The identifier patterns: one pass tells which rules can match at all, then each
    /// of those finds its matches.
    search: PatternSearch,
    /// The fewest bytes any identifier pattern can match.
    id_min_len: usize,
    custom: Vec<Identifier>,
    keywords: Keywords,
    /// Sensitive words that name a job or a topic ("Mental Health Lead").
    roles: RolesAndTopics,
    /// What a file's own name says of its rows ("SEN register.xlsx").
    file_names: rules::FileNames,
    columns: HashMap<String, ColumnKind>,
    /// Normalised header → the identifier rules whose column it is.
    id_headers: HashMap<String, Vec<IdColumn>>,
    /// The headers [`Detector::names_a_field`] looks for, by first byte (ASCII lower
    /// case): bit `n` for a header of `n` bytes (63 for longer ones). Most names are ruled
    /// out without a look-up.
    field_shapes: Box<[u64; 256]>,
    names: Names,
    known: Option<Box<dyn KnownNames>>,
    images_are_personal: bool,
    /// Whether each report lists the words of the names found (for sealing: a passphrase
    /// made of a pupil's name is refused).
    name_words: bool,
    pub limits: Limits,
}

impl Detector {
    /// The bundled rules plus the policy's custom identifiers. A custom identifier whose
    /// pattern does not compile, or whose examples do not behave, is a policy error.
    pub fn new(policy: &Policy) -> Result<Detector> {
        // The name lists and the rule automata are independent: build them side by side
        // (start-up is most of the time for a handful of small files).
        std::thread::scope(|s| Self::build(policy, super::beside(s, "names", &Names::bundled)))
    }

    fn build(policy: &Policy, names: impl FnOnce() -> Names) -> Result<Detector> {
        let file = rules::parse();
        let ids = rules::identifiers(&file.identifier);
        let patterns: Vec<&str> = ids.iter().map(|i| i.rule.pattern.as_str()).collect();
        let search =
            PatternSearch::new(&patterns).expect("identifier patterns compile (checked by tests)");
        let id_min_len = search.min_len();
        let mut id_headers: HashMap<String, Vec<IdColumn>> = HashMap::default();
        for (rule, r) in file.identifier.iter().enumerate() {
            let plain = r.headers.iter().map(|h| (h, !r.person_context));
            for (h, personal) in plain.chain(r.personal_headers.iter().map(|h| (h, true))) {
                let col = IdColumn { rule, personal };
                id_headers.entry(normalise_header(h)).or_default().push(col);
            }
        }
        let mut custom = Vec::new();
        for c in &policy.custom_identifiers {
            // The policy checked the pattern and its examples when it was loaded.
            let regex = Regex::new(&c.pattern).map_err(|e| {
                Error::refused(format!(
                    "the policy's custom identifier \"{}\" has a pattern that is not valid: {}",
                    c.name,
                    e.to_string().lines().last().unwrap_or("")
                ))
            })?;
            custom.push(Identifier::compiled(
                rules::IdentifierRule {
                    id: c.name.clone(),
                    category: c.name.clone(),
                    description: String::new(),
                    pattern: c.pattern.clone(),
                    validator: "none".into(),
                    needs_context: false,
                    person_context: false,
                    spaced_counts: false,
                    context: vec![],
                    owner_words: vec![],
                    headers: vec![],
                    personal_headers: vec![],
                    examples: c.examples.clone(),
                    negative_examples: c.negative_examples.clone(),
                },
                regex,
            ));
        }
        let keywords = Keywords::build(&file.keywords);
        let columns = rules::columns(&file.column);
        let mut field_shapes = Box::new([0u64; 256]);
        let fields = columns
            .iter()
            .filter(|(_, k)| matches!(k, ColumnKind::Name | ColumnKind::Sensitive(_)))
            .map(|(h, _)| h)
            .chain(id_headers.keys());
        for h in fields {
            if let Some(&b) = h.as_bytes().first() {
                field_shapes[usize::from(b.to_ascii_lowercase())] |= 1 << h.len().min(63);
            }
        }
        Ok(Detector {
            ids,
            search,
            id_min_len,
            custom,
            keywords,
            roles: RolesAndTopics::build(&file.roles_and_topics),
            file_names: file.file_names.clone(),
            columns,
            id_headers,
            field_shapes,
            names: names(),
            known: None,
            images_are_personal: policy.images_are_personal_data,
            name_words: false,
            limits: Limits::default(),
        })
    }

    /// Each report also lists the words of the names found in its file
    /// ([`FileReport::name_words`]): seal judges the passphrase against them.
    pub fn with_name_words(mut self) -> Self {
        self.name_words = true;
        self
    }

    /// The report for one file named `name` holding `contents` (written to a temporary
    /// folder and read as such a file is).
    #[cfg(test)]
    pub(crate) fn scan_contents(&self, name: &str, contents: &str) -> FileReport {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        let mut reports = Vec::new();
        self.scan_path(&path, name, &mut |r| reports.push(r));
        assert_eq!(reports.len(), 1, "{name}");
        reports.pop().unwrap()
    }

    /// Adds the school's roster, so its people's names are recognised exactly.
    pub fn with_known_names(mut self, known: Box<dyn KnownNames>) -> Self {
        self.known = Some(known);
        self
    }

    /// Scans one file (archives yield one report per member), calling `out` per report.
    pub fn scan_path(&self, path: &Path, display: &str, out: &mut dyn FnMut(FileReport)) {
        let mut a = Analyzer::new(self, out);
        extract::extract_path(path, display, &self.limits, &mut a);
    }

    /// Scans text given directly, one segment per line (for rule examples and tests).
    pub fn scan_text(&self, text: &str) -> FileReport {
        let mut report = None;
        let mut out = |r: FileReport| report = Some(r);
        let mut a = Analyzer::new(self, &mut out);
        a.begin("text", "txt");
        for (i, line) in text.lines().enumerate() {
            a.segment(&Segment {
                location: Location::Line(i as u64 + 1),
                text: line,
                header: None,
                is_header: false,
                record: None,
            });
        }
        a.end(Status::Inspected);
        drop(a); // ends the borrow of `report` (and gives back the search caches)
        report.expect("one report")
    }
}

struct Analyzer<'d> {
    det: &'d Detector,
    out: &'d mut dyn FnMut(FileReport),
    cur: Option<FileState>,
    /// What each file reported so far said (path, personal data, special category,
    /// people): an archive, reported after its files, says whether any of them holds
    /// personal data.
    reported: Vec<(String, bool, bool, u64)>,
    /// This thread's identifier search.
    search: Lease<'d>,
    /// The sensitive words of the text being looked at (reused).
    keyword_hits: Vec<KeywordHit>,
    /// The identifiers in the text being looked at (reused).
    id_scratch: Vec<(usize, usize, usize)>,
    /// What the values of the file's table columns say on their own.
    memo: CellMemo,
    /// A value of a form is being read (see [`super::form`]).
    in_form: bool,
    /// A cell of a table under a title is being read under its real header (see
    /// [`Analyzer::titled_cell`]).
    retitled: bool,
}

impl<'d> Analyzer<'d> {
    fn new(det: &'d Detector, out: &'d mut dyn FnMut(FileReport)) -> Analyzer<'d> {
        Analyzer {
            det,
            out,
            cur: None,
            reported: Vec::new(),
            search: det.search.lease(),
            keyword_hits: Vec::new(),
            id_scratch: Vec::new(),
            memo: CellMemo::default(),
            in_form: false,
            retitled: false,
        }
    }
}

impl Detector {
    /// Whether `value`, a match of `id`'s pattern, passes the rule's checks: its check
    /// digit or letter, and for an e-mail address, not an organisation's mailbox.
    fn valid(&self, id: &Identifier, value: &str) -> bool {
        id.validator.check(value)
            && !(matches!(id.validator, Validator::Email) && self.names.organisation_mailbox(value))
    }

    /// Whether a value is the label of a field about someone, as a blank form's labels are
    /// ("Parent/carer", "Allergies", "Phone" under "Child's name"): a header of names,
    /// of sensitive information or of an identifier, as written, and not a given name or
    /// surname ("Faith", "King" are headers and names). (Not other headers: "Mark" and
    /// "Grade" are given names too.)
    fn names_a_field(&self, value: &str) -> bool {
        let value = value.trim();
        let shapes = value.as_bytes().first().map_or(0, |&b| {
            self.field_shapes[usize::from(b.to_ascii_lowercase())]
        });
        if shapes & 1 << value.len().min(63) == 0 {
            return false;
        }
        let mut buf = [0u8; 32];
        super::ascii_lowercase(value, &mut buf).is_some_and(|l| {
            self.id_headers.contains_key(l)
                || self
                    .columns
                    .get(l)
                    .is_some_and(|k| matches!(k, ColumnKind::Name | ColumnKind::Sensitive(_)))
        }) && !self.names.listed_name(value)
    }
}

impl Labels for Detector {
    /// A person's label is a name header or a personal identifier's header, but not that
    /// of someone a form is not about ("Teacher", "Parent/carer"): those are known headers.
    fn label(&self, text: &str) -> Label {
        let h = normalise_header(text);
        let person_id = || {
            self.id_headers.get(&h).is_some_and(|cols| {
                cols.iter()
                    .any(|c| c.personal && !self.ids[c.rule].is_contact())
            })
        };
        let name = self.columns.get(&h) == Some(&ColumnKind::Name);
        if (name && !NOT_THE_SUBJECT.contains(&h.as_str())) || person_id() {
            Label::Person
        } else if name || self.columns.contains_key(&h) || self.id_headers.contains_key(&h) {
            Label::Known
        } else {
            Label::Unknown
        }
    }

    /// A name under a name label (a single word under a label for part of a name:
    /// "Jayden" under "First name"), a figure (a date, a number) under an identifier's.
    fn is_value(&self, label: &str, value: &str) -> bool {
        let h = normalise_header(label);
        if self.columns.get(&h) == Some(&ColumnKind::Name) {
            const PART: &[&str] = &["first", "fore", "sur", "last", "given", "family", "middle"];
            let part = PART.iter().any(|p| h.contains(p));
            self.is_name(value)
                || (self.names.plausible_column_value(value)
                    && (part || value.split_whitespace().nth(1).is_some()))
        } else {
            value.bytes().any(|b| b.is_ascii_digit())
        }
    }

    fn is_name(&self, text: &str) -> bool {
        !self
            .names
            .find(text, self.known.as_deref())
            .names
            .is_empty()
    }

    fn says_yes(&self, value: &str) -> bool {
        let v = value.trim().trim_end_matches(['.', '!']);
        ["yes", "y", "true"]
            .iter()
            .any(|y| v.eq_ignore_ascii_case(y))
    }
}

/// A table row: (hash of the sheet or table name, row number).
type RecordKey = (u64, u64);

/// A key for counting distinct people and rows in one file. Only ever compared within one
/// run, never stored or shown, so a fast unseeded hash will do.
fn hash_of(v: impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(v)
}

/// Something that counts only if a person is near: resolved when the file ends.
struct Pending {
    /// From a named part (XML element) rather than a table cell.
    loose: bool,
    category: &'static str,
    owned_category: Option<String>,
    index: u64,
    record: Option<RecordKey>,
    finding: Finding,
    /// A person identifier value (postcode, landline…) for the subject estimate.
    subject: Option<u64>,
    /// Running text only: whether it may tie to a person in nearby pieces of text, not
    /// only in its own (see [`refers_to_someone`]).
    near: bool,
}

/// A header row as written: its sheet, its row and its cells by column.
type HeaderCells = (String, u32, Vec<(u32, String)>);

/// Finds per category while a file is read. A file has a handful of categories and every
/// find is counted, so a short list (strings compared by length first) serves better
/// than a sorted map; the report gets the sorted map.
#[derive(Default)]
struct Tally(Vec<(String, u64)>);

impl Tally {
    fn add(&mut self, category: &str, n: u64) {
        match self.0.iter_mut().find(|(k, _)| same_text(k, category)) {
            Some((_, count)) => *count += n,
            None => self.0.push((category.to_string(), n)),
        }
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    fn clear(&mut self) {
        self.0.clear();
    }

    fn into_map(self) -> BTreeMap<String, u64> {
        self.0.into_iter().collect()
    }
}

#[derive(Default)]
struct FileState {
    path: String,
    format: &'static str,
    categories: Tally,
    findings: Vec<Finding>,
    subjects: HashSet<u64>,
    /// Normalised header row per sheet ("" for CSV).
    headers: HashMap<String, Vec<String>>,
    /// The sheets whose header row has a single cell (forms and titles, not lists): looked
    /// at for every cell, so kept apart from `headers` (usually empty, so no look-up).
    form_sheets: Vec<String>,
    /// The sheets whose header row has one or two cells: they may be forms (see
    /// [`super::form`]). Kept apart for the same reason.
    narrow_sheets: Vec<String>,
    index: u64,
    /// Recent person mentions (segment indexes), oldest first.
    anchors: std::collections::VecDeque<u64>,
    anchored_records: HashSet<RecordKey>,
    anchored_order: std::collections::VecDeque<RecordKey>,
    /// Sensitive words and person-dependent identifiers waiting to be tied to a person,
    /// in the order they were found; resolved as soon as no later text can tie them, so
    /// memory stays flat however big the file.
    pending: std::collections::VecDeque<Pending>,
    /// Untied sensitive finds per category (count, first finding): they still count if
    /// the file turns out to describe an individual ("has an EHCP").
    untied: BTreeMap<&'static str, (u64, Finding)>,
    /// Normalised column headers, cached per raw header.
    header_cache: HashMap<String, Rc<HeaderInfo>>,
    /// The header last seen in each column and what it says: a table's cells come row
    /// after row, each with its column's header, so this answers without hashing.
    column_headers: Vec<Option<(String, Rc<HeaderInfo>)>>,
    strong: HashSet<&'static str>,
    /// The text is a letter to someone ("Dear Mrs Khan,"): what follows is about them or
    /// their child, so every later piece counts as being about someone.
    addressed: bool,
    /// The previous piece of running text when it ended mid-sentence (a line of a wrapped
    /// paragraph in a PDF or a text file), read with the next piece to tell what that piece
    /// speaks of.
    prev_text: String,
    /// Title + surname mentions, held until the end: (surname, the person to count if
    /// any, location, excerpt).
    titled: Vec<Deferred>,
    /// The names of table rows' own people (the name a row is tied to first, a value of
    /// a pupil's name column): a row already counts as one person, so they do not count
    /// again.
    row_names: HashSet<u64>,
    /// The words of the names found, lower case (see [`Detector::with_name_words`]);
    /// `None` when not asked for.
    name_words: Option<HashSet<String>>,
    /// Likewise the words of the places in addresses and venues found (a set of its own,
    /// so that a file of many addresses leaves room for its names).
    place_words: Option<HashSet<String>>,
    /// How many table rows (or forms) have been tied to a person.
    tied_rows: u64,
    /// The last name found in parts ("Forename", "Surname" columns): its record and whose
    /// name it is ("" for the row's own person, "parent" for "Parent forename"). The other
    /// parts of the same name in the same row are not counted again.
    name_in_parts: Option<(RecordKey, u64)>,
    /// Surnames of public figures and characters this file mentions.
    figure_surnames: HashSet<String>,
    /// The given names (lower case, folded) of people this file names in full: a later
    /// piece that calls one of them by that name alone is about them (see
    /// [`super::names::Names::mentions_one_of`]).
    given_names: HashSet<String>,
    /// A knowledge organiser (a subject's one-page summary for pupils) or a reading list:
    /// the names in it that only the name lists say are names are of people studied, or
    /// authors.
    studied: bool,
    /// The last piece of running text ended with a closing quotation mark.
    after_quote: bool,
    /// Whether the last piece of a presentation was in its notes (see
    /// `Analyzer::segment`).
    notes: Option<bool>,
    /// Header cells of the pipe table being read, if any.
    pipe_header: Option<Vec<String>>,
    /// The two-column table being read, which may be a form.
    form: Form,
    /// Tables under a title row whose real header row came later: (sheet, its cells as
    /// written, by column).
    real_headers: Vec<(String, Vec<String>)>,
    /// A row of a table under a title that may be its real header row.
    header_candidate: Option<HeaderCandidate>,
    /// The header row of the latest table while it has at most four columns, as written:
    /// (sheet, row, its cells by column). It may be a form's first row (see
    /// [`Form::is_first_row`]).
    header_cells: Option<HeaderCells>,
}

/// A row of a table under a title that may be its real header row.
struct HeaderCandidate {
    sheet: String,
    row: u32,
    /// Its cells that are headers the rules know, by column, as written.
    known: Vec<(u32, String)>,
    /// A cell of it holds a long text: not a header row.
    broken: bool,
    /// A cell of it holds a figure: a header row only if it names the row's person (a
    /// register's "Surname | Forename | Mon 16/09 | Tue 17/09…").
    figures: bool,
    /// How many cells it has.
    cells: u32,
    /// One of its known headers names the person each row is about ("Student",
    /// "Forename"): with another known header, that makes it the header row even when
    /// most of its cells are headers of the school's own ("Cells test", "Forces test").
    person: bool,
}

/// An identifier rule whose column a header names.
#[derive(Debug, Clone, Copy)]
struct IdColumn {
    /// The rule's index.
    rule: usize,
    /// Whether a value in the column is a person's by itself (a UPN, a "Home Address"),
    /// or only in a row tied to a person (an "Address" may be a venue's).
    personal: bool,
}

/// What a column header says, worked out once per file for each header text.
struct HeaderInfo {
    normalised: String,
    column: Option<ColumnKind>,
    /// The identifier rules whose column this is.
    id_rules: Vec<IdColumn>,
    /// An address column: its words are streets and towns ("Victoria Terrace",
    /// "Kingston"), not people.
    address: bool,
    /// A column of part of a name: whose (see [`name_part_owner`]), hashed.
    name_part: Option<u64>,
    /// A column of topics someone looks after or courses they took (see
    /// [`RESPONSIBILITY_HEADERS`], [`training_header`]).
    topics: bool,
    /// A column of who provided something ("Provider"): in a table of courses taken, the
    /// courses' providers ("Dyslexia Action"), topics too.
    provider: bool,
}

/// A titled name, whose count waits for the end of the file (see `Analyzer::end`).
struct Deferred {
    /// The surname after the title: set aside if the file mentions a figure of that
    /// surname.
    surname: String,
    person: Option<u64>,
    location: String,
    excerpt: String,
}

/// A word of a header that makes its column one of places, whatever else it says.
const PLACE_HEADER_WORDS: &[&str] = &["places", "locations", "venues", "destinations", "sites"];

/// Words of a header that make its "places" seats, given to people ("Places allocated").
const SEAT_HEADER_WORDS: &[&str] = &[
    "allocated",
    "allocation",
    "offered",
    "available",
    "booked",
    "funded",
    "remaining",
    "left",
    "taken",
    "given",
    "awarded",
];

impl HeaderInfo {
    fn new(det: &Detector, raw: &str) -> HeaderInfo {
        let normalised = normalise_header(raw);
        let id_rules: Vec<IdColumn> = det
            .id_headers
            .get(&normalised)
            .or_else(|| det.id_headers.get(owned_header(&normalised)?))
            .cloned()
            .unwrap_or_default();
        let name_part = name_part_owner(&normalised);
        // "Pupil 1 Surname", "Contact 2 Forename", "Parent First Name": part of a
        // person's name, though the rules do not list every such header.
        let column = det
            .columns
            .get(&normalised)
            .copied()
            .or_else(|| {
                name_part
                    .as_deref()
                    .is_some_and(owner_is_a_person)
                    .then_some(ColumnKind::Name)
            })
            // "Key places / case studies", "Fieldwork locations": a column of places (not
            // "Places allocated": seats, which may be given to pupils by name).
            .or_else(|| {
                let mut words = normalised.split(|c: char| !c.is_alphanumeric());
                let places = words.clone().any(|w| PLACE_HEADER_WORDS.contains(&w));
                (places && !words.any(|w| SEAT_HEADER_WORDS.contains(&w)))
                    .then_some(ColumnKind::Place)
            });
        let topics =
            RESPONSIBILITY_HEADERS.contains(&normalised.as_str()) || training_header(&normalised);
        let provider = normalised
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "provider" | "providers"));
        HeaderInfo {
            column,
            topics,
            provider,
            address: id_rules
                .iter()
                .any(|c| det.ids[c.rule].rule.category == "address"),
            id_rules,
            name_part: name_part.map(|o| hash_of(("part", o))),
            normalised,
        }
    }
}

impl FileState {
    /// Whether another finding would still be listed (counts are never capped); masking is
    /// only worth doing when it would.
    fn listing(&self) -> bool {
        self.findings.len() < MAX_FINDINGS
    }

    fn count(&mut self, category: &str, location: &Location, excerpt: String) {
        self.tally(category, || Finding {
            category: category.to_string(),
            location: location.display(),
            excerpt,
        });
    }

    /// Counts one finding of `category`, and lists it (made by `finding`) while the list
    /// has room.
    fn tally(&mut self, category: &str, finding: impl FnOnce() -> Finding) {
        self.categories.add(category, 1);
        if self.findings.len() < MAX_FINDINGS {
            self.findings.push(finding());
        }
    }

    fn anchor(&mut self, record: &Option<RecordKey>) {
        if self.anchors.back() != Some(&self.index) {
            self.anchors.push_back(self.index);
        }
        // A record already anchored has had its subject counted (the set of subjects only
        // grows), so only a newly anchored one is counted.
        if let Some(r) = record
            && self.anchored_records.insert(*r)
        {
            self.tied_rows += 1;
            self.anchored_order.push_back(*r);
            if self.anchored_order.len() > RECENT_RECORDS
                && let Some(old) = self.anchored_order.pop_front()
            {
                self.anchored_records.remove(&old);
            }
            // A form's people are counted by their names: it may name a parent, a
            // social worker… besides the pupil it is about.
            if r.1 & FORM_RECORD == 0 {
                self.subject(hash_of(("row", r)));
            }
        }
    }

    /// Notes the words of a name found (when asked for): three letters or more each, up to
    /// [`MAX_NAME_WORDS`].
    fn name_words(&mut self, name: &str) {
        let words = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase);
        note_words(&mut self.name_words, words);
    }

    /// Notes the words of a place's name found (an address, a venue), as
    /// [`FileState::name_words`] does: a passphrase made of a pupil's name and their
    /// street is as easy to guess as one of two names.
    fn place_words(&mut self, text: &str) {
        note_words(&mut self.place_words, super::names::place_words(text));
    }

    /// Notes the name of a table row's own person (see `row_names`).
    fn row_name(&mut self, key: u64) {
        if self.row_names.len() < MAX_SUBJECTS {
            self.row_names.insert(key);
        }
    }

    /// Notes the given name of `name` (a full name, normalised) for
    /// [`FileState::given_names`].
    fn given_name(&mut self, name: &str) {
        if let Some((first, _)) = name.split_once(' ')
            && self.given_names.len() < MAX_SUBJECTS
        {
            self.given_names.insert(super::names::fold(first));
        }
    }

    fn subject(&mut self, key: u64) {
        if self.subjects.len() < MAX_SUBJECTS {
            self.subjects.insert(key);
        }
    }

    /// Resolves the pending items that nothing later can tie to a person any more: table
    /// items once their row has passed, text items once the window has passed. With
    /// `all`, resolves everything (end of file).
    #[inline]
    fn resolve_ready(&mut self, current: &Option<RecordKey>, all: bool) {
        // For most cells nothing is ready: nothing is pending, or the oldest item is in
        // the current row. Then only anchors too old to matter are let go.
        let oldest = match self.pending.front() {
            None => self.index,
            Some(p)
                if !all
                    && !p.loose
                    && p.record.is_some()
                    && p.record == *current
                    && self.index <= p.index + 10_000 =>
            {
                p.index
            }
            Some(_) => return self.resolve_pending(current, all),
        };
        self.forget_anchors_before(oldest);
    }

    /// [`FileState::resolve_ready`] when something may be ready.
    #[inline(never)]
    fn resolve_pending(&mut self, current: &Option<RecordKey>, all: bool) {
        while let Some(p) = self.pending.front() {
            let window = if p.loose { XML_WINDOW } else { PERSON_WINDOW };
            let ready = all
                || self.index > p.index + 10_000
                || match (&p.record, p.loose) {
                    (Some(r), false) => current.as_ref() != Some(r),
                    _ => self.index > p.index + window,
                };
            if !ready {
                break;
            }
            let p = self.pending.pop_front().expect("front exists");
            let tied = match &p.record {
                // Nested XML records (CTF: <Pupil><SENhistory><SEN>…) tie to the nearest
                // person element within a wider window.
                Some(r) => {
                    self.anchored_records.contains(r)
                        || (p.loose && self.near_anchor_within(p.index, XML_WINDOW))
                }
                None if p.near => self.near_anchor(p.index),
                None => self.near_anchor_within(p.index, 0),
            };
            if tied {
                let Pending {
                    category,
                    owned_category,
                    finding,
                    subject,
                    ..
                } = p;
                self.tally(owned_category.as_deref().unwrap_or(category), || finding);
                if let Some(s) = subject {
                    self.subject(s);
                }
            } else if super::is_sensitive(p.category) {
                let e = self.untied.entry(p.category).or_insert((0, p.finding));
                e.0 += 1;
            }
        }
        self.forget_anchors_before(self.pending.front().map_or(self.index, |p| p.index));
    }

    /// Anchors older than anything still pending (at `oldest`) can no longer matter.
    fn forget_anchors_before(&mut self, oldest: u64) {
        let keep_from = oldest.saturating_sub(XML_WINDOW + 1);
        while self.anchors.front().is_some_and(|&a| a < keep_from) {
            self.anchors.pop_front();
        }
    }

    /// Whether the table on `sheet` has a column about pupils ("Pupil", "Child's Name",
    /// "Student UPN").
    fn about_pupils(&self, sheet: &str) -> bool {
        self.headers.get(sheet).is_some_and(|hs| {
            hs.iter().any(|h| {
                ["pupil", "student", "child", "learner"]
                    .iter()
                    .any(|p| h.contains(p))
            })
        })
    }

    fn near_anchor(&self, index: u64) -> bool {
        self.near_anchor_within(index, PERSON_WINDOW)
    }

    fn near_anchor_within(&self, index: u64, window: u64) -> bool {
        let lo = index.saturating_sub(window);
        let hi = index + window;
        let pos = self.anchors.partition_point(|&a| a < lo);
        self.anchors.get(pos).is_some_and(|&a| a <= hi)
    }

    /// Whether the table on `sheet` has a column of a kind `pred` accepts, or of an
    /// identifier only people have (a UPN, a date of birth; not the contact details that
    /// venues and suppliers have too, nor a "Telephone" that may hold a landline).
    /// Whether the table on `sheet` is a list of books: a column of titles ("Title",
    /// "Book") and one of authors, and none of names, sensitive information or personal
    /// identifiers (a reading log's "Pupil", a concern log's "Concern"). A concern log's
    /// "Author" (who wrote the entry) does not make it one.
    fn book_list(&self, sheet: &str, det: &Detector) -> bool {
        const TITLES: &[&str] = &["title", "book", "book title", "text", "novel", "play"];
        self.headers.get(sheet).is_some_and(|hs| {
            hs.iter().any(|h| TITLES.contains(&h.as_str()))
                && hs
                    .iter()
                    .any(|h| det.columns.get(h) == Some(&ColumnKind::Public))
        }) && !self.table_has(sheet, det, |k| {
            matches!(k, ColumnKind::Name | ColumnKind::Sensitive(_))
        })
    }

    /// Whether the table on `sheet` is one of counts about groups, not of people: a header
    /// gives a number or a share ("Number of pupils", "% of roll", "Total") and no
    /// column holds people's names.
    fn counts_table(&self, sheet: &str, det: &Detector) -> bool {
        // Whole words: "Country of birth" and "Attendance %" are a person's.
        let counted = |h: &String| {
            // (Headers are normalised: "No. of pupils" reads "no of pupils".)
            [
                "number of",
                "no of",
                "count of",
                "percentage of",
                "proportion of",
                "% of",
            ]
            .iter()
            .any(|c| h.starts_with(c))
                || ["number", "count", "total", "percentage", "%", "no"].contains(&h.as_str())
        };
        self.headers
            .get(sheet)
            .is_some_and(|hs| hs.iter().any(counted))
            && !self.table_has(sheet, det, |k| *k == ColumnKind::Name)
    }

    fn table_has(&self, sheet: &str, det: &Detector, pred: impl Fn(&ColumnKind) -> bool) -> bool {
        self.headers.get(sheet).is_some_and(|hs| {
            hs.iter().any(|h| {
                det.columns.get(h).is_some_and(&pred)
                    || det.id_headers.get(h).is_some_and(|cols| {
                        cols.iter()
                            .all(|c| c.personal && !det.ids[c.rule].is_contact())
                    })
            })
        })
    }
}

/// Whether the word at `text[start..end]` is capitalised and followed by a capitalised
/// word of a school's name ("Catholic Primary School", "Muslim Girls' School", "Jewish
/// Free School", "Church of England Academy" is not caught: "Church" also says where
/// someone worships).
fn in_a_school_name(text: &str, start: usize, end: usize) -> bool {
    const SCHOOL_WORDS: &[&str] = &[
        "Primary",
        "School",
        "Schools",
        "Academy",
        "College",
        "High",
        "Secondary",
        "Grammar",
        "Comprehensive",
        "Middle",
        "Infant",
        "Infants",
        "Junior",
        "Juniors",
        "Nursery",
        "Sixth",
        "Free",
        "Girls",
        "Girls'",
        "Boys",
        "Boys'",
        "Diocese",
        "Diocesan",
        "Federation",
        "Trust",
        "Education",
    ];
    capitalised_before(text, start, end, SCHOOL_WORDS)
}

/// Whether the word at `text[start..end]` is capitalised and the next word is one of
/// `words`.
fn capitalised_before(text: &str, start: usize, end: usize, words: &[&str]) -> bool {
    let capital = text[start..].starts_with(|c: char| c.is_uppercase());
    let next = text[end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split([' ', ',', '.', ';', ':', ')']).next());
    capital && next.is_some_and(|w| words.contains(&w))
}

/// A file's words of names or places, sorted, for a file with personal data.
fn kept_words(words: Option<HashSet<String>>, personal_data: bool) -> Vec<String> {
    match words {
        Some(words) if personal_data => {
            let mut words: Vec<String> = words.into_iter().collect();
            words.sort_unstable();
            words
        }
        _ => Vec::new(),
    }
}

/// Adds `new` to a set of words when it is kept (see [`Detector::with_name_words`]), up to
/// [`MAX_NAME_WORDS`].
fn note_words(words: &mut Option<HashSet<String>>, new: impl Iterator<Item = String>) {
    let Some(words) = words.as_mut() else {
        return;
    };
    for w in new {
        if words.len() >= MAX_NAME_WORDS {
            return;
        }
        words.insert(w);
    }
}

/// Whether the word at `text[start..end]` is capitalised, within a community group's name:
/// after a capitalised word and before a word of a group's name ("Harehills Chinese
/// Community Association"; "Polish Saturday School" is a school's, above).
fn in_a_group_name(text: &str, start: usize, end: usize) -> bool {
    const GROUP_WORDS: &[&str] = &[
        "Community",
        "Communities",
        "Association",
        "Society",
        "Centre",
        "Center",
        "Council",
        "Forum",
        "Network",
        "Foundation",
        "Supplementary",
        "Cultural",
        "Heritage",
        "Restaurant",
        "Takeaway",
        "Club",
        "Group",
    ];
    // The group's own name: a capitalised word before it too ("Harehills"), not "the Jewish
    // Community here" nor "Black Caribbean Heritage - mum asked us to record this".
    let named = text[..start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| {
            w.starts_with(|c: char| c.is_uppercase()) && w.ends_with(|c: char| c.is_alphabetic())
        });
    named && capitalised_before(text, start, end, GROUP_WORDS)
}

/// Headers of staff columns, whose short values in capitals are staff codes.
const STAFF_HEADERS: &[&str] = &["teacher", "tutor", "staff", "staff member", "teacher name"];

/// A knowledge organiser's or a reading list's title is one of its first pieces of text.
const STUDIED_TITLE_WITHIN: u64 = 3;

/// Whether a piece of text starts with the title of a knowledge organiser or a list of
/// books to read: one of the phrases (either spelling, any case) in its first line, within
/// its first 120 bytes, and no word there of pupils' work about one ("Knowledge organiser
/// quiz – results", "… homework", "Reading log", "Reading challenge winners").
/// (A file's name is not trusted: "KO" is also a surname in capitals, and a knock-out.)
fn studied_title(text: &str) -> bool {
    const PHRASES: &[&[u8]] = &[
        b"knowledge organi",
        b"reading list",
        b"recommended read",
        b"recommended book",
        b"book list",
        b"booklist",
        b"suggested reading",
        b"summer reading",
        b"books to read",
        b"wider reading",
        b"reading spine",
        b"set text",
        b"curriculum map",
        b"curriculum overview",
        b"long-term plan",
        b"long term plan",
        b"medium-term plan",
        b"medium term plan",
        b"scheme of work",
    ];
    const WORK: &[&str] = &[
        "quiz",
        "quizzes",
        "test",
        "tests",
        "results",
        "result",
        "homework",
        "marks",
        "scores",
        "feedback",
        "answers",
        "retrieval",
        "log",
        "logs",
        "record",
        "records",
        "tracker",
        "challenge",
        "winners",
        "register",
        "progress",
        "age",
        "ages",
        "levels",
        "assessment",
        "completed",
        "certificate",
        "certificates",
    ];
    let mut end = text.len().min(120);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].lines().next().unwrap_or("");
    PHRASES.iter().any(|p| {
        head.as_bytes()
            .windows(p.len())
            .any(|w| w.eq_ignore_ascii_case(p))
    }) && !head
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| WORK.iter().any(|k| k.eq_ignore_ascii_case(w)))
}

/// Whether a piece of a presentation is in its speaker notes (`true`) or on a slide.
fn notes_or_slide(loc: &Location) -> Option<bool> {
    match loc {
        Location::Slide(_) => Some(false),
        Location::Part(p) if p.starts_with("notes slide ") => Some(true),
        _ => None,
    }
}

fn sheet_of(loc: &Location) -> &str {
    match loc {
        Location::Cell { sheet, .. } => sheet,
        _ => "",
    }
}

/// The cells of a `| a | b |` table row, if the line is one.
fn pipe_cells(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    if !t.starts_with('|') || t.matches('|').count() < 3 {
        return None;
    }
    let inner = t.trim_start_matches('|').trim_end_matches('|');
    Some(inner.split('|').map(str::trim).collect())
}

/// Values meaning "no" / "none" in a flag or notes column.
fn is_negative_value(v: &str) -> bool {
    let v = v.trim().trim_end_matches(['.', '!']);
    // Most values start with a byte no answer below starts with.
    if v.bytes()
        .next()
        .is_some_and(|b| !NEGATIVE_FIRST_BYTES[usize::from(b)])
    {
        return false;
    }
    // Short ASCII values (nearly all of them) are lower-cased on the stack.
    let mut buf = [0u8; 32];
    let lowered;
    let lower = match super::ascii_lowercase(v, &mut buf) {
        Some(l) => l,
        None => {
            lowered = v.to_lowercase();
            &lowered
        }
    };
    NEGATIVE_ANSWERS.contains(&lower) || NEGATIVE_STARTS.iter().any(|n| lower.starts_with(n))
}

/// Answers that say there is nothing to say, in lower case.
const NEGATIVE_ANSWERS: &[&str] = &[
    "",
    "n",
    "no",
    "none",
    "nil",
    "false",
    "0",
    "-",
    "n/a",
    "na",
    "not known",
    "no sen",
    "nkda",
    "none known",
    "no known allergies",
    "not applicable",
    "never",
    // A choice of diet says nothing about health ("Dietary needs: Vegetarian").
    "vegetarian",
    "vegan",
    "pescatarian",
];

/// The first bytes (in either ASCII case) of [`NEGATIVE_ANSWERS`] and [`NEGATIVE_STARTS`].
static NEGATIVE_FIRST_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let lists: [&[&str]; 2] = [NEGATIVE_ANSWERS, NEGATIVE_STARTS];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            if let [b, ..] = lists[l][i].as_bytes() {
                t[b.to_ascii_lowercase() as usize] = true;
                t[b.to_ascii_uppercase() as usize] = true;
            }
            i += 1;
        }
        l += 1;
    }
    t
};

/// How answers that say there is nothing start ("No known medical conditions", "Not that
/// we are aware of", "Prefer not to say"), and the placeholder of a blank Word field.
const NEGATIVE_STARTS: &[&str] = &[
    "no known ",
    "none known",
    "nothing known",
    "not known",
    "not that we are aware",
    "not aware of any",
    "none that we are aware",
    "no medical",
    "no allergies",
    "no dietary",
    "no special",
    "no concerns",
    "prefer not to say",
    "not obtained",
    "information not obtained",
    "not stated",
    "no - none",
    "no – none",
    "none at present",
    "none currently",
    "not at this time",
    "not at present",
    "nothing to report",
    "nothing to declare",
    "no issues",
    "not that i know",
    "not that i am aware",
    "no never",
    "no social worker",
    "click or tap here to enter",
    "click here to enter",
];

impl Visitor for Analyzer<'_> {
    fn begin(&mut self, path: &str, format: &'static str) {
        self.memo.clear();
        self.cur = Some(FileState {
            path: path.to_string(),
            format,
            name_words: self.det.name_words.then(HashSet::default),
            place_words: self.det.name_words.then(HashSet::default),
            ..FileState::default()
        });
    }

    fn segment(&mut self, seg: &Segment<'_>) {
        let det = self.det;
        let Some(st) = self.cur.as_mut() else { return };
        // Markdown and plain-text pipe tables ("| Name | Class |"): treat like a table.
        if let (Location::Line(n), None) = (&seg.location, seg.header) {
            match pipe_cells(seg.text) {
                Some(cells) if st.pipe_header.is_none() => {
                    let headers: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
                    st.headers.insert(String::new(), headers.clone());
                    st.pipe_header = Some(headers);
                    return;
                }
                Some(cells) => {
                    if cells
                        .iter()
                        .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
                    {
                        return; // the |---|---| separator row
                    }
                    let headers = st.pipe_header.clone().unwrap_or_default();
                    for (i, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                        self.segment(&Segment {
                            location: Location::Line(*n),
                            text: cell,
                            header: headers.get(i).map(String::as_str),
                            is_header: false,
                            record: Some(*n),
                        });
                    }
                    return;
                }
                None => st.pipe_header = None,
            }
        }
        st.index += 1;
        // A presentation's speaker notes are read after its slides (a .pptx gives all
        // the slides first): a name in the notes says nothing of whom the last slides'
        // words are about ("Counselling and mental health support team" on a
        // prospectus's fourth slide, the principal's name in the notes of the first). A
        // gap wider than the window keeps notes and slides apart; slides next to each
        // other still tie (a pupil's name on the title slide, her needs on the next).
        if let Some(notes) = notes_or_slide(&seg.location) {
            if st.notes.is_some_and(|n| n != notes) {
                st.index += PERSON_WINDOW + 1;
            }
            st.notes = Some(notes);
        }
        let sheet_name = sheet_of(&seg.location);
        if seg.is_header {
            // A spreadsheet's title row is read as its header row.
            if !st.studied && st.index <= STUDIED_TITLE_WITHIN {
                st.studied = studied_title(seg.text);
            }
            let h = normalise_header(seg.text);
            if let Location::Cell { col, row, .. } = seg.location {
                match (col, &mut st.header_cells) {
                    (0, cells) => {
                        *cells = Some((sheet_name.into(), row, vec![(0, seg.text.into())]))
                    }
                    (1..=3, Some((s, _, cells))) if s == sheet_name => {
                        cells.push((col, seg.text.into()))
                    }
                    (_, cells) => *cells = None,
                }
            }
            let row = st.headers.entry(sheet_name.to_string()).or_default();
            if row.len() < 1024 {
                row.push(h);
            }
            // A header row of three or four cells may be a form's first two fields.
            let paired = || {
                st.header_cells
                    .as_ref()
                    .is_some_and(|(s, _, cells)| s == sheet_name && Form::is_first_row(cells, det))
            };
            // Two cells, neither of them a header the rules know ("Return period: October
            // 2024", "Establishment: Brookfield Academy"), are a title too.
            // (Read as a column's header is, so "Staff Forename", "Pupil's UPN" are known.)
            let known = |h: &String| {
                let info = HeaderInfo::new(det, h);
                info.column.is_some() || !info.id_rules.is_empty()
            };
            let single = row.len() == 1 || (row.len() == 2 && !row.iter().any(known));
            let narrow = row.len() <= 2 || paired();
            st.form_sheets.retain(|s| s != sheet_name);
            if single {
                st.form_sheets.push(sheet_name.to_string());
            }
            st.narrow_sheets.retain(|s| s != sheet_name);
            if narrow {
                st.narrow_sheets.push(sheet_name.to_string());
            }
            return;
        }
        if !self.in_form && !self.retitled && !st.narrow_sheets.is_empty() && self.form_cell(seg) {
            return;
        }
        // (Most tables have neither a title row nor a real header row found below one.)
        if !self.in_form
            && !self.retitled
            && self
                .cur
                .as_ref()
                .is_some_and(|st| !st.real_headers.is_empty() || !st.form_sheets.is_empty())
            && self.titled_cell(seg)
        {
            return;
        }
        let col = match seg.location {
            Location::Cell { col, .. } if (col as usize) < MAX_COLUMNS => Some(col as usize),
            _ => None,
        };
        // What a table cell's value says on its own may have been worked out before.
        let slot = self.memo.slot(
            sheet_of(&seg.location),
            col.filter(|_| seg.record.is_some()),
            seg.text,
        );
        let mut slots = self.memo.lend();
        let mut scratch = CellFacts::default();
        let facts = slot.map_or(&mut scratch, |s| &mut slots[s]);
        self.cell(seg, col, facts);
        self.memo.give_back(slots);
    }

    fn end(&mut self, status: Status) {
        // A form's last label may still be waiting for its value.
        if let Some(st) = self.cur.as_mut() {
            let mut out = Outcome::default();
            st.form.finish(&mut out, self.det);
            self.read_form(out.reads);
        }
        let Some(mut st) = self.cur.take() else {
            return;
        };
        let (inspected, reason) = match &status {
            Status::Inspected => (true, None),
            Status::NotInspected(r) => (false, Some(r.clone())),
            Status::Media => (
                false,
                Some("a photo, video or sound recording (not read)".to_string()),
            ),
        };
        // A scanned document (a PDF that is only images) is a picture of a page: like a
        // photo, it cannot be read, so it counts as personal data unless policy says not.
        let image_like = status == Status::Media
            || status == Status::NotInspected(extract::SCANNED_REASON.into());
        if image_like && self.det.images_are_personal && !looks_like_artwork(&st.path) {
            st.count(
                "photo",
                &Location::Part("whole file".into()),
                "(not read)".into(),
            );
            st.subject(hash_of("photo"));
        }
        // Titled names count unless the file is about a character or figure of that
        // surname.
        for d in std::mem::take(&mut st.titled) {
            if st.figure_surnames.contains(&d.surname) {
                continue;
            }
            st.count("full_name", &Location::Part(d.location), d.excerpt);
            st.name_words(&d.surname);
            if let Some(p) = d.person {
                st.subject(p);
            }
        }
        // Resolve what needed a person nearby; untied sensitive words still count when the
        // file holds personal data and a phrase describing an individual.
        st.resolve_ready(&None, true);
        let has_personal = st.categories.keys().any(|k| !super::is_sensitive(k));
        for (cat, (n, first)) in std::mem::take(&mut st.untied) {
            if has_personal && st.strong.contains(cat) {
                st.categories.add(cat, n);
                if st.findings.len() < MAX_FINDINGS {
                    st.findings.push(first);
                }
            }
        }
        // Rows about people in a file whose name says what they are ("SEN register").
        if has_personal && st.tied_rows > 0 {
            let file = st.path.rsplit(['/', '\\']).next().unwrap_or_default();
            let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
            for cat in self.det.file_names.categories_of(stem) {
                if st.categories.keys().any(|k| k == cat) {
                    continue;
                }
                let cat = super::known_category(cat).unwrap_or("custom");
                st.tally(cat, || Finding {
                    category: cat.to_string(),
                    location: "the file's name".into(),
                    excerpt: String::new(),
                });
            }
        }
        let personal_data = st.categories.keys().any(|k| !super::is_sensitive(k));
        let special_category = personal_data && st.categories.keys().any(super::is_sensitive);
        if !personal_data {
            // Sensitive words with no person are not personal data.
            st.categories.clear();
            st.findings.clear();
        }
        let mut subjects = if personal_data {
            st.subjects.len().max(1) as u64
        } else {
            0
        };
        let (mut personal_data, mut special_category) = (personal_data, special_category);
        // An archive (read whole), or an e-mail with attachments, holds personal data
        // when one of its files does (whoever carries the e-mail carries its attachments);
        // the counts stay with its files.
        if inspected {
            let inside = format!("{}/", st.path);
            for (_, p, s, n) in self.reported.iter().filter(|r| r.0.starts_with(&inside)) {
                personal_data |= p;
                special_category |= s;
                subjects = subjects.max(*n);
            }
        }
        if self.reported.len() < MAX_REPORTED {
            let entry = (st.path.clone(), personal_data, special_category, subjects);
            self.reported.push(entry);
        }
        // Findings sorted by where they are, as people read a file.
        (self.out)(FileReport {
            path: st.path,
            inspected,
            reason,
            format: st.format.to_string(),
            personal_data,
            special_category,
            categories: st.categories.into_map(),
            subjects,
            findings: st.findings,
            name_words: kept_words(st.name_words, personal_data),
            place_words: kept_words(st.place_words, personal_data),
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn push_pending(
    st: &mut FileState,
    category: &'static str,
    owned_category: Option<String>,
    location: &Location,
    excerpt: impl FnOnce() -> String,
    record: Option<RecordKey>,
    subject: Option<u64>,
    near: bool,
) {
    if st.pending.len() >= MAX_PENDING {
        return;
    }
    let index = st.index;
    // The list of findings only grows: once it is full, this one will never be listed.
    let finding = if st.listing() {
        Finding {
            category: owned_category.as_deref().unwrap_or(category).to_string(),
            location: location.display(),
            excerpt: excerpt(),
        }
    } else {
        Finding::default()
    };
    st.pending.push_back(Pending {
        loose: matches!(location, Location::Part(_)),
        category,
        owned_category,
        index,
        record,
        finding,
        subject,
        near,
    });
}

impl Analyzer<'_> {
    /// [`Visitor::segment`] for a cell or a piece of text to be read (not a header, nor
    /// taken by a form or a title row), with what its text says on its own as far as it
    /// was worked out before (see [`super::memo`]).
    fn cell(&mut self, seg: &Segment<'_>, col: Option<usize>, facts: &mut CellFacts) {
        let det = self.det;
        let st = self.cur.as_mut().expect("in a file");
        let sheet = sheet_of(&seg.location);
        let record: Option<RecordKey> = seg.record.map(|r| (hash_of(sheet), r));
        st.resolve_ready(&record, false);
        // Every cell carries its column's header: work out what each header says once.
        let info: Option<Rc<HeaderInfo>> = seg.header.map(|h| {
            if let Some(Some((header, info))) = col.and_then(|c| st.column_headers.get(c))
                && same_text(header, h)
            {
                return info.clone();
            }
            let info = match st.header_cache.get(h) {
                Some(info) => info.clone(),
                None => {
                    let info = Rc::new(HeaderInfo::new(det, h));
                    if st.header_cache.len() < 4096 {
                        st.header_cache.insert(h.to_string(), info.clone());
                    }
                    info
                }
            };
            if let Some(c) = col {
                if st.column_headers.len() <= c {
                    st.column_headers.resize(c + 1, None);
                }
                st.column_headers[c] = Some((h.to_string(), info.clone()));
            }
            info
        });
        let header: Option<&str> = info.as_deref().map(|i| &*i.normalised);
        // A table whose "header row" has a single cell is a form or a title, not a list:
        // its first column holds labels, not names.
        let form_layout = matches!(seg.location, Location::Cell { .. })
            && !self.in_form
            && st.form_sheets.iter().any(|s| s == sheet);
        let column = info
            .as_deref()
            .filter(|_| !form_layout)
            .and_then(|i| i.column);
        let text = seg.text;
        // A table cell whose value was seen before in its column and then held nothing
        // (no identifier, name or sensitive word: "M" under Gender) changes nothing but
        // what the cell before it leaves for the next.
        // (Not in a column of jobs or of topics: a cell there may end its reading before
        // the last cell's words are let go.)
        if matches!(column, None | Some(ColumnKind::OtherPersonal))
            && record.is_some()
            && !self.in_form
            && !info.as_deref().is_some_and(|i| i.topics)
            && det.custom.is_empty()
            && (st.studied || st.index > STUDIED_TITLE_WITHIN)
            && !info.as_deref().is_some_and(|i| i.address)
            && facts
                .holds_nothing(|| text.len() >= det.id_min_len && has_digit_or_at(text.as_bytes()))
        {
            st.after_quote = false;
            st.prev_text.clear();
            return;
        }

        // "No known medical conditions" under Medical: an answer that says nothing.
        let negative_answer = matches!(column, Some(ColumnKind::Sensitive(_)))
            && *facts
                .negative
                .get_or_insert_with(|| is_negative_value(text));
        // Columns of a table: every value in a name column is a name.
        match column {
            Some(ColumnKind::Name) => {
                // A bare "Name" column (of books, rooms, clubs…) counts only in a table that
                // is otherwise about people, or for values that read as names anyway.
                // (A form is about a person: its "Name" is a person's.)
                let generic = header == Some("name") && !self.in_form;
                let table_is_personal = || {
                    st.table_has(sheet, det, |k| {
                        !matches!(k, ColumnKind::Name | ColumnKind::Place)
                    }) || !det.names.find(text, det.known.as_deref()).names.is_empty()
                };
                // In a bare "Name" column, "Eden Camp" and "Alton Towers" are places (a
                // venue list), though "Camp" and "Towers" are surnames too.
                let place = generic && super::names::names_a_place(text);
                // "MAT", "JSM" under Teacher: a staff code, not a name (in a pupil's
                // surname column "LEE" is a surname).
                let staff_code = header.is_some_and(|h| STAFF_HEADERS.contains(&h))
                    && (2..=4).contains(&text.len())
                    && text.bytes().all(|b| b.is_ascii_uppercase());
                let plausible = !place
                    && !staff_code
                    && *facts.plausible_name.get_or_insert_with(|| {
                        !super::names::list_of_single_words(text)
                            && det.names.plausible_column_value(text)
                            && !det.names_a_field(text)
                    });
                if plausible && (!generic || table_is_personal()) {
                    st.name_words(text);
                    if text.contains(' ') {
                        st.given_name(&super::names::normalise(text));
                    }
                    // A forename and a surname in columns of their own are one name.
                    let part = record.zip(info.as_deref().and_then(|i| i.name_part));
                    if part.is_none() || part != st.name_in_parts {
                        let excerpt = if st.listing() {
                            mask("full_name", text)
                        } else {
                            String::new()
                        };
                        st.count("full_name", &seg.location, excerpt);
                    }
                    if part.is_some() {
                        st.name_in_parts = part;
                    }
                    // A parent's or a contact's name in a row already tied to a pupil is
                    // another person; a teacher's in a list of classes is the row's own.
                    let other = header.is_some_and(|h| NOT_THE_SUBJECT.contains(&h))
                        && record.is_some_and(|r| st.anchored_records.contains(&r));
                    st.anchor(&record);
                    let name = || hash_of(("name", super::names::normalise(text)));
                    // (A form's "First name | Jayden", "Surname | Clarke" are one person,
                    // counted by the form itself.)
                    let full = text.contains(' ');
                    if record.is_none() || other || (self.in_form && full) {
                        st.subject(name());
                    } else if full && !self.in_form {
                        // A full name ("Jayden Clarke"), which notes in the row may repeat.
                        st.row_name(name());
                    }
                }
                // A value that does not read as a name as a whole may still hold one: a
                // form's "Emergency contact" may be "Fiona Mensah 07700 900071", a staff
                // list's "Mr Callum Fitzgerald, Head of Year 9". Read on.
                if place {
                    st.place_words(text);
                }
                if plausible || place {
                    return;
                }
            }
            // Free text in a notes column can also name people: carry on below.
            Some(ColumnKind::Sensitive(cat)) if !negative_answer => {
                push_pending(
                    st,
                    cat,
                    None,
                    &seg.location,
                    || sensitive_excerpt(det, text),
                    record,
                    None,
                    true,
                );
            }
            _ => {}
        }

        // Identifiers.
        let id_cols: &[IdColumn] = info.as_deref().map_or(&[], |i| &i.id_rules);
        let maybe_id = has_digit_or_at(text.as_bytes());
        // A cell that is wholly one of its column's identifiers ("HU23 9UN" under
        // Postcode) holds nothing else: no name, no sensitive word.
        let mut whole_identifier = false;
        if maybe_id {
            // Short cells ("7", "7A", "Y") are shorter than any identifier can be.
            if text.len() >= det.id_min_len {
                let ids = match facts.ids.take() {
                    Some(ids) => ids,
                    None => self.identifiers_in(text),
                };
                // One rule at a time, with all its matches.
                for matches in ids.chunk_by(|a, b| a.0 == b.0) {
                    let i = matches[0].0;
                    let column = id_cols.iter().find(|c| c.rule == i).copied();
                    let whole =
                        self.identifier(&det.ids[i], column, &seg.location, text, &record, matches);
                    whole_identifier |= whole && column.is_some();
                }
                if facts.kept {
                    facts.ids = Some(ids);
                } else {
                    self.id_scratch = ids;
                }
            }
            for id in &det.custom {
                let matches: Vec<(usize, usize, usize)> = id
                    .regex()
                    .find_iter(text)
                    .map(|m| (0, m.start(), m.end()))
                    .filter(|&(_, s, e)| det.valid(id, &text[s..e]))
                    .collect();
                self.identifier(id, None, &seg.location, text, &record, &matches);
            }
        }
        if whole_identifier {
            return;
        }
        let st = self.cur.as_mut().expect("in a file");

        // Names in running text (not in a column of authors or historical figures, nor in
        // an address or a column of places).
        let address = info.as_deref().is_some_and(|i| i.address);
        // (Running text is also read for the given names of people named in full before:
        // see `sensitive_words`.)
        let read = !(matches!(column, Some(ColumnKind::Public | ColumnKind::Place)) || address);
        let read_here;
        let found = if !read {
            read_here = super::names::Found::default();
            &read_here
        } else if record.is_none() {
            read_here = det
                .names
                .find_mentioning(text, det.known.as_deref(), &st.given_names);
            &read_here
        } else {
            // (A table's cells are read without: rows tie their own words.)
            static NO_NAMES: std::sync::LazyLock<HashSet<String>> =
                std::sync::LazyLock::new(HashSet::default);
            facts.names.get_or_insert_with(|| {
                det.names
                    .find_mentioning(text, det.known.as_deref(), &NO_NAMES)
            })
        };
        let mentions_given = (read && record.is_none()).then_some(found.mentions_given);
        if !found.figure_surnames.is_empty() {
            st.figure_surnames
                .extend(found.figure_surnames.iter().cloned());
        }
        // A "Character" or "Author" column names people studied: "Mr Birling" elsewhere in
        // the file is its "Arthur Birling".
        if column == Some(ColumnKind::Public)
            && st.figure_surnames.len() < MAX_SUBJECTS
            && let Some(last) = text.split_whitespace().next_back()
        {
            let last = last.trim_matches(|c: char| !c.is_alphanumeric());
            st.figure_surnames
                .insert(super::names::fold(&last.to_lowercase()));
        }
        let mut anchored = false;
        let mut in_word_problem: Option<bool> = None;
        // The first name in a table row not yet tied to anyone is the row's own person (the
        // row counts as one); any other name is someone else ("Amara pushed Jayden").
        let mut row_person: Option<bool> = None;
        // A knowledge organiser or a reading list says so in its title.
        if !st.studied && st.index <= STUDIED_TITLE_WITHIN {
            st.studied = studied_title(text);
        }
        // In a knowledge organiser, or in a list of books, a name only the lists know is
        // someone studied or a character: "Claudette Colvin", "Laila Levenson finds her
        // voice…" under "Why read it?".
        let studied = st.studied
            || matches!(seg.location, Location::Cell { .. })
                && found.names.iter().any(|n| n.dictionary_only)
                && st.book_list(sheet, det);
        // A quotation's author ("“Every child deserves a champion…” — Rita Pierson").
        let after_quote = std::mem::replace(
            &mut st.after_quote,
            record.is_none() && text.trim_end().ends_with(['”', '"']),
        );
        for n in &found.names {
            if studied && n.dictionary_only {
                continue;
            }
            if n.dictionary_only
                && (quotes_author(&text[..n.start], after_quote) || book_by(&text[..n.start]))
            {
                continue;
            }
            // "Mr Jones buys 4 boxes… How many pencils does he buy?": a maths character.
            if n.title_surname.is_some()
                && *in_word_problem.get_or_insert_with(|| word_problem(text))
            {
                continue;
            }
            let excerpt = if st.listing() || n.title_surname.is_some() {
                mask("full_name", &text[n.start..n.end])
            } else {
                String::new()
            };
            let name = hash_of(("name", &n.normalised));
            let person = if record.is_none() || self.in_form {
                Some(name)
            } else if std::mem::replace(
                row_person.get_or_insert_with(|| {
                    record.is_some_and(|r| !st.anchored_records.contains(&r))
                }),
                false,
            ) {
                st.row_name(name);
                None
            } else {
                (!st.row_names.contains(&name)).then_some(name)
            };
            // "Mrs Fox", "Mrs Rebeccah Puddle-Duck": decided at the end, once we know
            // whether the file is about Fantastic Mr Fox or Jemima Puddle-Duck.
            if let Some(surname) = n.title_surname.as_ref().or(n.titled_surname.as_ref()) {
                anchored = true;
                if st.titled.len() < MAX_PENDING {
                    st.titled.push(Deferred {
                        surname: surname.clone(),
                        person,
                        location: seg.location.display(),
                        excerpt,
                    });
                }
                continue;
            }
            st.count("full_name", &seg.location, excerpt);
            st.name_words(&n.normalised);
            st.given_name(&n.normalised);
            if let Some(p) = person {
                st.subject(p);
            }
            anchored = true;
        }
        if anchored {
            st.anchor(&record);
            if record.is_none() && greets(text) {
                st.addressed = true;
            }
        }

        // Sensitive words (not in a column of job titles: "Family Support Worker (Early
        // Help)" is a job; but in a table about pupils a "Role" may say "Social worker").
        if column == Some(ColumnKind::Role)
            && !st.about_pupils(sheet)
            && (names_a_job(text) || names_a_service(text))
        {
            return;
        }
        // A governor's or a teacher's areas of responsibility ("Pupil premium; Finance",
        // "SEND; Curriculum", "Safeguarding") are topics they look after, not facts about
        // them (unless the table is about pupils).
        // So are the courses someone took ("Mental Health First Aid", "Access Arrangements
        // assessor" in a CPD log's "CPD activity").
        let topics = info.as_deref().is_some_and(|i| {
            i.topics
                || (i.provider
                    && st
                        .headers
                        .get(sheet)
                        .is_some_and(|hs| hs.iter().any(|h| training_header(h))))
        });
        if topics && !st.about_pupils(sheet) {
            return;
        }
        // "No known medical conditions" under Medical says there is nothing to say.
        if negative_answer {
            return;
        }
        let mut prev = std::mem::take(&mut st.prev_text);
        let piece = Piece {
            text,
            prev: &prev,
            loc: &seg.location,
            record: &record,
        };
        let mut hits = match facts.keywords.take() {
            Some(hits) => hits,
            None => {
                let mut hits = std::mem::take(&mut self.keyword_hits);
                hits.clear();
                if rules::has_letter_run(text, det.keywords.letter_run) {
                    det.keywords.find(text, &mut hits);
                }
                hits
            }
        };
        sensitive_words(det, st, &piece, &hits, mentions_given);
        if facts.kept {
            facts.keywords = Some(hits);
        } else {
            hits.clear();
            self.keyword_hits = hits;
        }
        prev.clear();
        if record.is_none() && ends_mid_sentence(text) && text.len() <= MAX_PREV {
            prev.push_str(text);
        }
        st.prev_text = prev;
    }

    /// A table under a title row ("Year 5 - Hazel class") has the title as its header row
    /// as read; its real header row ("Forename | Surname | DOB") comes later. A row of such
    /// a table is taken as its header row when two of its cells or more are headers the
    /// rules know and none holds a long text; and either one of them names the row's
    /// person ("Student | Form | Cells test | Forces test | …" in a mark book,
    /// "Surname | Forename | Mon 16/09 | …" in a register), or at least half of its cells
    /// are known headers and none holds a figure. The cells after
    /// it are then read under their real headers. Returns whether the cell is done with (a
    /// known header of a row that may be the header row, or a cell read here).
    fn titled_cell(&mut self, seg: &Segment<'_>) -> bool {
        let det = self.det;
        let Some(st) = self.cur.as_mut() else {
            return false;
        };
        let Location::Cell { sheet, row, col } = &seg.location else {
            return false;
        };
        if let Some((_, headers)) = st.real_headers.iter().find(|(s, _)| s == sheet) {
            let header = headers
                .get(*col as usize)
                .filter(|h| !h.is_empty())
                .cloned();
            self.retitled = true;
            self.segment(&Segment {
                header: header.as_deref(),
                ..seg.clone()
            });
            self.retitled = false;
            return true;
        }
        if !st.form_sheets.iter().any(|s| s == sheet) {
            return false;
        }
        // A new row: was the last one the header row?
        if let Some(c) = st
            .header_candidate
            .take_if(|c| !(&c.sheet == sheet && c.row == *row))
            && !c.broken
            && c.known.len() >= 2
            && ((c.known.len() * 2 >= c.cells as usize && !c.figures) || c.person)
            && st.real_headers.len() < 64
        {
            let width = c.known.last().map_or(0, |k| k.0 as usize + 1);
            let mut headers = vec![String::new(); width];
            for (col, h) in c.known {
                headers[col as usize] = h;
            }
            let s = c.sheet;
            let normalised = headers.iter().map(|h| normalise_header(h)).collect();
            st.headers.insert(s.clone(), normalised);
            st.form_sheets.retain(|f| f != &s);
            st.narrow_sheets.retain(|f| f != &s);
            if headers.len() <= 2 {
                st.narrow_sheets.push(s.clone());
            }
            st.real_headers.push((s, headers));
            return self.titled_cell(seg);
        }
        let c = st.header_candidate.get_or_insert_with(|| HeaderCandidate {
            sheet: sheet.clone(),
            row: *row,
            known: Vec::new(),
            broken: false,
            figures: false,
            cells: 0,
            person: false,
        });
        c.cells += 1;
        let h = normalise_header(seg.text);
        let column = det.columns.get(&h);
        let known = column.is_some() || det.id_headers.contains_key(&h);
        // A long text, or a person's name ("Student | Jayden Clarke | Date of birth | …":
        // a form's row), is no header.
        if seg.text.len() > 40
            || (!known
                && !c.broken
                && !det
                    .names
                    .find(seg.text, det.known.as_deref())
                    .names
                    .is_empty())
        {
            c.broken = true;
        } else if seg.text.bytes().any(|b| b.is_ascii_digit()) {
            c.figures = true;
        } else if known && c.known.len() < MAX_COLUMNS {
            c.person |= column == Some(&ColumnKind::Name) && !NOT_THE_SUBJECT.contains(&&*h);
            // A header word says nothing about anyone: not read.
            c.known.push((*col, seg.text.to_string()));
            return true;
        }
        false
    }

    /// Reads a cell of a narrow table as part of a form when the table is one (see
    /// [`super::form`]); returns whether the cell is done with (a form's label or value).
    fn form_cell(&mut self, seg: &Segment<'_>) -> bool {
        let det = self.det;
        let Some(st) = self.cur.as_mut() else {
            return false;
        };
        let Location::Cell { sheet, row, col } = &seg.location else {
            return false;
        };
        if !st.narrow_sheets.iter().any(|s| s == sheet) {
            return false;
        }
        let mut reads = Vec::new();
        // The header row, once complete, may have been the form's first label and value.
        if let Some((_, header_row, cells)) = st.header_cells.take_if(|(s, ..)| s == sheet) {
            reads = st.form.header_row(sheet, header_row, &cells, det);
        }
        let out = st.form.cell(sheet, *row, *col, seg.text, det);
        reads.extend(out.reads);
        self.read_form(reads);
        !out.usual
    }

    /// Reads parts of a form, each in the form's record.
    fn read_form(&mut self, reads: Vec<Read>) {
        self.in_form = true;
        for r in reads {
            // "Does your child take medication? | No": nothing to read.
            if r.header.is_none() && is_negative_value(&r.text) {
                continue;
            }
            self.segment(&Segment {
                location: Location::Cell {
                    sheet: r.sheet,
                    row: r.row,
                    col: r.col,
                },
                text: &r.text,
                header: r.header.as_deref(),
                is_header: false,
                record: Some(FORM_RECORD + r.record),
            });
        }
        self.in_form = false;
    }

    /// The matches of the bundled identifier rules in `text` that pass their rules'
    /// checks (see [`Detector::valid`]): (rule, start, end), by rule then start.
    fn identifiers_in(&mut self, text: &str) -> Vec<(usize, usize, usize)> {
        let det = self.det;
        let mut ids = std::mem::take(&mut self.id_scratch);
        ids.clear();
        let which = self.search.which(text);
        for i in matcher::bits(which.bits) {
            self.search.find_each(i, text, &which, |s, e| {
                if det.valid(&det.ids[i], &text[s..e]) {
                    ids.push((i, s, e));
                }
            });
        }
        ids
    }

    /// Counts `matches` of identifier `id` in `text` ((rule, start, end), each passing
    /// the rule's checks), once confirmed by their context. Returns whether a confirmed
    /// match is the whole of `text`.
    fn identifier(
        &mut self,
        id: &Identifier,
        column: Option<IdColumn>,
        loc: &Location,
        text: &str,
        record: &Option<RecordKey>,
        matches: &[(usize, usize, usize)],
    ) -> bool {
        let st = self.cur.as_mut().expect("in a file");
        let rule = &id.rule;
        let mut whole = false;
        for &(_, start, end) in matches {
            let value = &text[start..end];
            whole |= start == 0 && end == text.len();
            let in_personal_column = column.is_some_and(|c| c.personal);
            // "Emergency contact on the day: School office 0161 496 0732": the office's.
            if !in_personal_column && owned_by_organisation(&text[..start], &rule.owner_words) {
                continue;
            }
            // "Candidate numbers are four digits (0001–9999)": a range describes a format.
            if rule.needs_context
                && !in_personal_column
                && rule.category == "candidate_number"
                && in_a_range(text, start, end)
            {
                continue;
            }
            let context = in_personal_column || has_context(text, start, &rule.context);
            let spaced = rule.spaced_counts && value.contains([' ', '-']);
            // "Is 943 476 5919 divisible by 11?": a number in a maths question, spaced
            // as an NHS number is, is still a number.
            if rule.needs_context && !context && spaced && record.is_none() && maths_text(text) {
                continue;
            }
            if rule.needs_context && !context && !spaced && !rule.person_context {
                continue;
            }
            if rule.person_context && !context {
                let near = record.is_some() || refers_to_someone(self.det, text, &st.prev_text);
                // Counts only beside a person: decided once nothing later can tie it (its
                // row has passed, or the text around it). A row tied to a person has
                // been counted as one already; text counts the value itself.
                let cat = id.static_category;
                push_pending(
                    st,
                    cat.unwrap_or("custom"),
                    cat.is_none().then(|| rule.category.clone()),
                    loc,
                    || mask(&rule.category, value),
                    *record,
                    record.is_none().then(|| hash_of(("id", value))),
                    near,
                );
                continue;
            }
            if rule.needs_context && !context && !spaced {
                continue;
            }
            if rule.category == "date_of_birth" && !in_personal_column {
                // A date in figures alone ("131008") only after a DOB label: "Birthday
                // cake sale, receipt 12052015" is no date of birth.
                if value.bytes().all(|b| b.is_ascii_digit())
                    && !has_context(text, start, &DOB_LABELS)
                {
                    continue;
                }
                // "Anne Frank was born on 12 June 1929": a figure's date of birth, in a
                // lesson (unless the text names someone else too).
                if record.is_none()
                    && self.det.names.mentions_figure(text)
                    && self
                        .det
                        .names
                        .find(text, self.det.known.as_deref())
                        .names
                        .is_empty()
                {
                    continue;
                }
            }
            // Masks are made only for findings that will be listed.
            let excerpt = if st.listing() {
                mask(&rule.category, value)
            } else {
                String::new()
            };
            st.count(&rule.category, loc, excerpt);
            st.anchor(record);
            if rule.category == "address" {
                // (In an address column, the whole cell: "…Road, Ossett".)
                st.place_words(if column.is_some() { text } else { value });
            }
            if record.is_none() {
                let key: String = value
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '@' || *c == '.')
                    .collect();
                st.subject(hash_of(("id", key.to_lowercase())));
            }
        }
        whole
    }
}

/// Whose name a column holds part of ("" for "Legal Surname" or "Forename", "parent" for
/// "Parent forename", "contact 1" for "Contact 1 Surname"); `None` when its header does
/// not name a part of a name (a full name: "Name", "Pupil", "Pupil 1").
fn name_part_owner(header: &str) -> Option<String> {
    const PARTS: &[&str] = &[
        "forenames",
        "forename",
        "fore name",
        "sur name",
        "first names",
        "first name",
        "firstname",
        "given names",
        "given name",
        "surname",
        "last name",
        "lastname",
        "family name",
        "middle names",
        "middle name",
        "preferred name",
        "known as",
    ];
    // Words that say it is the row's own person's name, as the bare header does.
    const QUALIFIERS: &[&str] = &[
        "legal",
        "preferred",
        "official",
        "registered",
        "former",
        "pupil",
        "student",
        "child",
        "learner",
        "candidate",
        "exam",
    ];
    let words: Vec<&str> = header.split_whitespace().collect();
    let joined = words.join(" ");
    let (at, part) = PARTS.iter().find_map(|p| {
        joined.match_indices(*p).find(|(at, m)| {
            (*at == 0 || joined[..*at].ends_with(' '))
                && (at + m.len() == joined.len() || joined[at + m.len()..].starts_with(' '))
        })
    })?;
    let rest = format!("{} {}", &joined[..at], &joined[at + part.len()..]);
    let mut owner = String::new();
    for w in rest.split_whitespace() {
        let w = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
        if !w.is_empty() && !QUALIFIERS.contains(&w) {
            if !owner.is_empty() {
                owner.push(' ');
            }
            owner.push_str(w);
        }
    }
    Some(owner)
}

/// What a header says of someone it first names: "dob" of "Parent DOB", "upn" of "Child's
/// UPN", "mobile" of "Contact 1 Mobile" (`None` when it names no one first).
fn owned_header(header: &str) -> Option<&str> {
    const ROW_PERSON: &[&str] = &[
        "pupil",
        "student",
        "child",
        "learner",
        "candidate",
        "applicant",
        "claimant",
        "partner",
    ];
    let mut rest = header;
    let mut owned = false;
    while let Some((word, after)) = rest.split_once(' ') {
        let w = word.trim_end_matches("'s").trim_end_matches("\u{2019}s");
        let person = ROW_PERSON.contains(&w) || (!w.is_empty() && owner_is_a_person(w));
        if !person {
            break;
        }
        owned = true;
        rest = after;
    }
    (owned && !rest.is_empty()).then_some(rest)
}

/// Whether the owner of a part-of-a-name column ([`name_part_owner`]) is a person: the
/// row's own (""), a numbered one ("1" of "Pupil 1 Surname"), or a parent, contact…
fn owner_is_a_person(owner: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "parent",
        "parents",
        "parent/carer",
        "carer",
        "class",
        "form",
        "key",
        "worker",
        "social",
        "gp",
        "doctor",
        "step",
        "foster",
        "grandparent",
        "grandparents",
        "contact",
        "emergency",
        "mother",
        "father",
        "mum",
        "dad",
        "guardian",
        "sibling",
        "brother",
        "sister",
        "staff",
        "teacher",
        "tutor",
        "employee",
        "member",
        "primary",
        "secondary",
    ];
    owner
        .split([' ', '/'])
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .filter(|w| !["or", "and", "&"].contains(w))
        .all(|w| PEOPLE.contains(&w))
}

/// Image files named as logos, icons or similar artwork are not photos of people.
fn looks_like_artwork(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_lowercase();
    [
        "logo",
        "icon",
        "crest",
        "badge",
        "banner",
        "letterhead",
        "favicon",
        "emblem",
        "watermark",
        "clipart",
        "clip art",
    ]
    .iter()
    .any(|w| name.contains(w))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The labels that say a bare number is a date of birth.
static DOB_LABELS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    ["dob", "d.o.b", "date of birth", "birth date", "birthdate"]
        .map(String::from)
        .to_vec()
});

fn has_context(text: &str, start: usize, words: &[String]) -> bool {
    let from = floor_boundary(text, start.saturating_sub(CONTEXT_WINDOW));
    let before = &text[from..start];
    // Every context word has letters (a rules test checks): none fits in no text.
    if words.is_empty() || before.is_empty() {
        return false;
    }
    // Lower-cased on the stack (prose has curly quotes and accents: not only ASCII).
    let mut buf = [0u8; 64];
    let lowered;
    let lower = match if before.is_ascii() {
        super::ascii_lowercase(before, &mut buf)
    } else {
        super::names::lower_into(before, false, &mut buf)
    } {
        Some(l) => l.as_bytes(),
        None => {
            lowered = before.to_lowercase();
            lowered.as_bytes()
        }
    };
    // A context word counts where it starts a word. (A word starts with a letter, so a
    // match never starts inside a character.) Only the places where a word starts are
    // tried: there are a few in a window, and a dozen context words or more.
    let starts_word = |i: usize| match i.checked_sub(1).map(|p| lower[p]) {
        None => true,
        Some(p) if p.is_ascii() => !p.is_ascii_alphanumeric(),
        Some(_) => std::str::from_utf8(&lower[..i])
            .ok()
            .and_then(|b| b.chars().last())
            .is_none_or(|c| !c.is_alphanumeric()),
    };
    (0..lower.len()).any(|i| {
        starts_word(i)
            && words.iter().any(|w| {
                let w = w.as_bytes();
                w.first().is_none_or(|&b| b == lower[i]) && lower[i..].starts_with(w)
            })
    })
}

/// Whether `b` holds an ASCII digit or '@' (every identifier has one). Looked at 32 bytes
/// at a time with no early exit inside a block, which the compiler turns into vector
/// instructions: prose lines are hundreds of bytes long.
fn has_digit_or_at(b: &[u8]) -> bool {
    let hit = |c: &u8| c.wrapping_sub(b'0') < 10 || *c == b'@';
    let mut blocks = b.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(false, |any, c| any | hit(c)) {
            return true;
        }
    }
    blocks.remainder().iter().any(hit)
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// A piece of text being read for sensitive words, and where it is.
#[derive(Clone, Copy)]
struct Piece<'a> {
    text: &'a str,
    /// The piece before, when it ended mid-sentence (else empty).
    prev: &'a str,
    loc: &'a Location,
    record: &'a Option<RecordKey>,
}

fn sensitive_words(
    det: &Detector,
    st: &mut FileState,
    piece: &Piece<'_>,
    hits: &[KeywordHit],
    mentions_given: Option<bool>,
) {
    let Piece {
        text, prev, record, ..
    } = *piece;
    let kw = &det.keywords;
    // Dates, phone numbers, postcodes and other codes hold no sensitive word (and `hits`
    // is empty).
    if !rules::has_letter_run(text, kw.letter_run) {
        return;
    }
    // Not needed when the piece names someone itself (its words tie to them whatever the
    // pieces around say) or is part of a letter to someone.
    let mut known_to_be_about_someone = st.anchors.back() == Some(&st.index) || st.addressed;
    // "Rukhsana explained that she…", after "Employee name: Rukhsana Hussain": a person the
    // file has named in full, called by her given name.
    // ("Aaliyah is living with us under a special / guardianship order and has a child
    // protection / plan": the piece that calls her by name holds no sensitive word itself,
    // but the next ones, wrapped, do.)
    // (Read with the piece's names when it was: see `Analyzer::segment`.)
    if !known_to_be_about_someone
        && record.is_none()
        && !st.given_names.is_empty()
        && mentions_given.unwrap_or_else(|| det.names.mentions_one_of(text, &st.given_names))
    {
        st.anchor(record);
        known_to_be_about_someone = true;
    }
    count_hits(det, st, piece, hits, known_to_be_about_someone);
    // A phrase broken where a wrapped paragraph's line ends ("has a child protection /
    // plan", "The social / worker has asked"), as in PDFs and e-mails: looked for across
    // the break. (Only phrases that span it: the rest were looked for in each piece.)
    if record.is_none() && !prev.is_empty() {
        // (Where this piece's own words were found, in the joined text.)
        let seam = prev.len();
        let here: Vec<(usize, usize)> = hits
            .iter()
            .map(|&(_, start, end)| (start + seam + 1, end + seam + 1))
            .collect();
        let joined = format!("{prev} {text}");
        let mut hits = Vec::new();
        kw.find(&joined, &mut hits);
        hits.retain(|&(_, start, end)| start < seam && end > seam + 1);
        if !hits.is_empty() {
            // Not one that goes on from a word found before the break ("child protection"
            // then "plan"), nor one that leads up to a word found after it ("peanut" then
            // "allergy"): that word was counted with its own piece.
            let mut before: Vec<KeywordHit> = Vec::new();
            kw.find(prev, &mut before);
            hits.retain(|&(_, start, end)| {
                before.iter().all(|&(_, _, e)| e <= start)
                    && here.iter().all(|&(s, e)| e <= start || end <= s)
            });
        }
        if !hits.is_empty() {
            let joined = Piece {
                text: &joined,
                prev: "",
                ..*piece
            };
            count_hits(det, st, &joined, &hits, known_to_be_about_someone);
        }
    }
}

/// Counts the sensitive words `hits` found in the piece (see [`sensitive_words`]).
fn count_hits(
    det: &Detector,
    st: &mut FileState,
    piece: &Piece<'_>,
    hits: &[KeywordHit],
    known_to_be_about_someone: bool,
) {
    let Piece {
        text,
        prev,
        loc,
        record,
    } = *piece;
    let kw = &det.keywords;
    // Running text: whether this piece is about someone, worked out for the first
    // sensitive word that needs it.
    let mut refers: Option<bool> = None;
    let mut examples: Option<bool> = None;
    let mut statistics: Option<bool> = None;
    for &(i, start, end) in hits.iter() {
        let p = &kw.patterns[i];
        // "SEN Support (K) ........ 54 (13.2%)" in a census summary: a count of pupils.
        if record.is_none()
            && !known_to_be_about_someone
            && *statistics.get_or_insert_with(|| statistics_line(text))
        {
            continue;
        }
        // In a piece that names someone, or a letter to someone, a sentence of its own that
        // speaks of people in general and names no one says nothing of them: "Mr Whitlock
        // presented his report. There are 42 pupils eligible for pupil premium."
        if record.is_none()
            && (known_to_be_about_someone || st.addressed)
            && general_sentence(det, text, start, end)
        {
            continue;
        }
        if p.kind == KeywordKind::Strong {
            // "If a pupil has asthma…" in a policy is about nobody in particular; nor is a
            // row of a table of counts ("SEN Support (K) | 46 | 14.2%").
            let about_someone = match record {
                Some(_) => !st.counts_table(sheet_of(loc), det),
                None => {
                    st.addressed
                        || *refers.get_or_insert_with(|| refers_to_someone(det, text, prev))
                }
            };
            if let Some(cat) = super::known_category(&p.category)
                && about_someone
            {
                st.strong.insert(cat);
            }
            continue;
        }
        let before = text[..start].chars().last();
        let mut after_idx = end;
        if p.stem {
            while let Some(c) = text[after_idx..].chars().next() {
                if c.is_alphabetic() {
                    after_idx += c.len_utf8();
                } else {
                    break;
                }
            }
        }
        let after = text[after_idx..].chars().next();
        if is_word_char(before) || is_word_char(after) {
            continue;
        }
        // "Mental Health Lead", "asthma awareness session": a job or a topic.
        if p.kind == KeywordKind::Word
            && det
                .roles
                .names_a_role(text, start, after_idx, record.is_none())
        {
            continue;
        }
        // "Riding for the Disabled" (RDA), an activity and a charity, is no one's
        // disability.
        if p.kind == KeywordKind::Word && riding_for(&text[..start]) {
            continue;
        }
        // "Consultant paediatrician, Leeds Teaching Hospitals" in a governor's register
        // of interests: a doctor's job ("seen by the consultant paediatrician" is care).
        if p.kind == KeywordKind::Word && a_doctors_job(&text[..start]) {
            continue;
        }
        // "Overseas check: Portugal police cert" on a single central record: a check made
        // before someone started work, not a concern about them.
        if p.category == "safeguarding" && det.roles.names_a_check(text, after_idx) {
            continue;
        }
        // "St Brendan's Catholic Primary School": a school's name, not anyone's religion;
        // "Harehills Chinese Community Association": a group's, not anyone's ethnicity.
        if matches!(p.category.as_str(), "religion" | "ethnicity")
            && (in_a_school_name(text, start, after_idx) || in_a_group_name(text, start, after_idx))
        {
            continue;
        }
        // "Children's Social Care (MASH): 0113 376 0336": a service's number in a list of
        // contacts, as every safeguarding policy has.
        if service_contact(text, start) {
            continue;
        }
        // "raised £212 for Martin House children's hospice": a charity a pupil raised
        // money for, not their health.
        if p.category == "health" && raising_money_for(&text[..start]) {
            continue;
        }
        // "Please let us know if Kacper has any medical conditions", "If any of these
        // absences were because of illness": asked about, not said of anyone.
        if record.is_none() && asked_about(&text[..start]) {
            continue;
        }
        let fallback = if p.kind == KeywordKind::Code {
            "ethnicity"
        } else {
            "health"
        };
        let cat = super::known_category(&p.category).unwrap_or(fallback);
        // In a table each cell counts once for each kind of sensitive information: "Asthma -
        // inhaler in bag" in a Medical Notes column is one piece of health information, not
        // three (the column, and each word).
        if record.is_some()
            && st
                .pending
                .iter()
                .rev()
                .take_while(|p| p.index == st.index)
                .any(|p| p.category == cat)
        {
            continue;
        }
        // "an asthma clinic on Friday": an event, about someone only beside their name;
        // likewise "Cognition and learning, including dyslexia": kinds of need given as
        // examples.
        let mut event = || {
            p.kind == KeywordKind::Word
                && (det.roles.names_an_event(text, after_idx)
                    || *examples.get_or_insert_with(|| gives_examples(det, text, hits)))
        };
        push_pending(
            st,
            cat,
            None,
            loc,
            || text[start..after_idx].to_string(),
            *record,
            None,
            record.is_some()
                || st.addressed
                || (!event()
                    && (known_to_be_about_someone
                        || *refers.get_or_insert_with(|| refers_to_someone(det, text, prev)))),
        );
    }
}

/// Whether the words before a sensitive word make it a doctor's job: "Consultant" just
/// before it, with no article, possessive or preposition before that ("Consultant
/// paediatrician", "Dr Priya Raman, consultant psychiatrist"; not "seen by the consultant
/// paediatrician", "her consultant paediatrician").
fn a_doctors_job(before: &str) -> bool {
    const CARE: &[&str] = &[
        "the", "a", "an", "by", "to", "with", "from", "see", "saw", "seen", "sees",
    ];
    let mut words = before.split_whitespace().rev();
    words
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("consultant"))
        && words.next().is_none_or(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
            !CARE.iter().any(|c| w.eq_ignore_ascii_case(c)) && !someones(w)
        })
}

/// Whether the words just before a sensitive word are "riding for" or "riding for the"
/// (Riding for the Disabled): "horse riding for his cerebral palsy" is care.
fn riding_for(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let mut w = words.next();
    if w.is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        w = words.next();
    }
    w.is_some_and(|w| w.eq_ignore_ascii_case("for"))
        && words
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("riding"))
}

/// Whether a word says whose the next one is: "his", "her", "their", "my", "your", "our",
/// or a possessive ("Amara's").
fn someones(w: &str) -> bool {
    const OWNERS: &[&str] = &["his", "her", "their", "my", "your", "our"];
    OWNERS.iter().any(|o| w.eq_ignore_ascii_case(o)) || w.ends_with("'s") || w.ends_with("’s")
}

/// Whether the words before a sensitive word say money was raised or given for it: "for",
/// "to" or "in aid of" at most four words before it, after a phrase of money in the same
/// sentence ("raised £212 for Martin House children's hospice", "donations to the
/// hospice"). "Jayden's sponsored walk was cut short, he has diabetes" is about him.
fn raising_money_for(before: &str) -> bool {
    const MONEY: &[&str] = &[
        "raised £",
        "raising £",
        "raised money",
        "raising money",
        "raise money",
        "raised over £",
        "donations",
        "donated",
        "fundrais",
        "sponsored",
        "collection",
        "in aid",
    ];
    // (Most sensitive words start their text or cell: nothing before them to read.)
    if before.len() < "raised £1 for ".len() {
        return false;
    }
    let sentence = before
        .rfind(['.', '!', '?'])
        .map_or(before, |i| &before[i + 1..]);
    let lower = sentence.to_lowercase();
    let Some(at) = [" for ", " to ", " aid of "]
        .iter()
        .filter_map(|w| lower.rfind(w).map(|i| i + w.len()))
        .max()
    else {
        return false;
    };
    lower[at..].split_whitespace().count() <= 4 && MONEY.iter().any(|m| lower[..at].contains(m))
}

/// Whether the words before a sensitive word ask whether there is any: a clause that asks
/// ("if", "whether", "let us know", "tell us") with "any" at most eight words before the
/// word ("Please let us know if Kacper has any medical conditions or allergies"), or a
/// clause that starts "If any" ("If any of these absences were because of illness"); not
/// a statement ("Amara has not had any asthma attacks", "any concerns about self-harm go
/// to the DSL") and not with someone's just before the word ("any medication for his
/// asthma").
fn asked_about(before: &str) -> bool {
    const ASKING: &[&str] = &["if", "whether"];
    const NOT: &[&str] = &["not", "no", "never", "without"];
    let clause = before
        .rfind(['.', '!', '?', ';', ':', ','])
        .map_or(before, |i| &before[i + 1..]);
    let is = |w: &str, list: &[&str]| list.iter().any(|l| w.eq_ignore_ascii_case(l));
    let words: Vec<&str> = clause.split_whitespace().collect();
    let near = &words[words.len().saturating_sub(8)..];
    let any = near.iter().any(|w| is(w, &["any"]))
        || (words.len() >= 2 && is(words[0], &["if"]) && is(words[1], &["any"]));
    // (Most sensitive words have no "any" before them: the rest is read only then.)
    any && !near.last().is_some_and(|w| someones(w))
        && !words
            .iter()
            .any(|w| is(w, NOT) || w.ends_with("n't") || w.ends_with("n’t"))
        && (words.iter().any(|w| is(w, ASKING)) || {
            let lower = clause.to_ascii_lowercase();
            lower.contains("let us know") || lower.contains("tell us")
        })
}

/// Whether a name after `before` is a quotation's author: it follows a dash that follows a
/// closing quotation mark, in the same piece ("“…” – Maya Angelou") or across pieces (a
/// piece starting "— Rita Pierson, educator" after one that ended with the quotation).
fn quotes_author(before: &str, after_quote: bool) -> bool {
    let before = before.trim_end();
    let Some(rest) = before.strip_suffix(['—', '―', '–', '-']) else {
        return false;
    };
    let rest = rest.trim_end().trim_start_matches(['>', ' ']);
    rest.ends_with(['”', '"']) || (rest.is_empty() && after_quote)
}

/// Whether one of a rule's `owner_words` is among the three words just before a value:
/// "School office 0161 496 0732", "reception: 0113 496 0999" (see
/// [`rules::IdentifierRule::owner_words`]).
fn owned_by_organisation(before: &str, owner_words: &[String]) -> bool {
    !owner_words.is_empty()
        && before
            .rsplit(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| owner_words.iter().any(|o| w.eq_ignore_ascii_case(o)))
}

/// Whether a name found after `before` is the author of a book to be read, its title in
/// quotes just before: "Read 'The Huge Bag of Worries' by Virginia Ironside", "an extract
/// from “Holes” by Louis Sachar". (A pupil's poem or story in a newsletter, "'Autumn' by
/// Amara Okafor", still counts: only reading is looked for before the title.)
fn book_by(before: &str) -> bool {
    // (Not "story" or "book": "Winning story 'The Lost Key' by Amara Okafor" is a pupil's.)
    const READING: &[&str] = &[
        "read",
        "reading",
        "reread",
        "class reader",
        "extract from",
        "extract of",
        "chapter from",
        "chapter of",
    ];
    let Some(rest) = before.trim_end().strip_suffix(" by") else {
        return false;
    };
    let Some(title) = rest
        .trim_end()
        .strip_suffix(['\'', '\u{2019}', '"', '\u{201d}'])
    else {
        return false;
    };
    // The opening quote: the last one at the start of a word ("'Charlotte's Web'").
    let open = title.char_indices().rev().find(|&(i, c)| {
        matches!(c, '\'' | '\u{2018}' | '"' | '\u{201c}')
            && title[..i]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || p == '(')
    });
    let Some((open, _)) = open else {
        return false;
    };
    let lead = title[..open].trim_end().to_ascii_lowercase();
    READING.iter().any(|w| {
        lead.strip_suffix(w)
            .is_some_and(|l| !l.ends_with(|c: char| c.is_ascii_alphabetic()))
    })
}

/// Headers of columns that name courses or training someone took (normalised), besides
/// any with "CPD" in it ("CPD activity"). (Not "Training needs", "Course of action".)
const TRAINING_HEADERS: &[&str] = &[
    "course",
    "courses",
    "course title",
    "course name",
    "training",
    "training course",
    "training courses",
    "training attended",
    "training completed",
    "training undertaken",
    "qualification",
    "qualifications",
];

/// Whether a (normalised) header names a column of courses someone took: one of
/// [`TRAINING_HEADERS`], one with `CPD` in it, or such a header joined by a slash to
/// another word of the kind ("Course / activity"; not "Course / notes").
fn training_header(h: &str) -> bool {
    const ALSO: &[&str] = &[
        "activity",
        "activities",
        "event",
        "events",
        "title",
        "session",
        "sessions",
        "module",
        "modules",
    ];
    TRAINING_HEADERS.contains(&h)
        || h.split(|c: char| !c.is_alphanumeric()).any(|w| w == "cpd")
        || (h.contains('/')
            && h.split('/').any(|p| TRAINING_HEADERS.contains(&p.trim()))
            && h.split('/')
                .all(|p| TRAINING_HEADERS.contains(&p.trim()) || ALSO.contains(&p.trim())))
}

/// Headers of columns that list the topics someone is responsible for (normalised).
const RESPONSIBILITY_HEADERS: &[&str] = &[
    "responsibilities",
    "responsibility",
    "areas of responsibility",
    "area of responsibility",
    "special responsibilities",
    "link areas",
    "link area",
    "link responsibilities",
    "link governor for",
    "link role",
    "lead areas",
    "subjects led",
    "committees",
    "committee",
    "committee membership",
];

/// Whether a cell of a job-title column names a job ("Family Support Worker (Early
/// Help)", "SENCo and Mental Health Lead"), not a person's part ("Child (looked after)").
fn names_a_job(text: &str) -> bool {
    const JOBS: &[&str] = &[
        "lead",
        "leader",
        "officer",
        "coordinator",
        "co-ordinator",
        "mentor",
        "worker",
        "teacher",
        "manager",
        "assistant",
        "nurse",
        "head",
        "headteacher",
        "senco",
        "dsl",
        "governor",
        "champion",
        "aider",
        "administrator",
        "practitioner",
        "supervisor",
        "director",
        "principal",
        "counsellor",
        "therapist",
        "tutor",
        "clerk",
        "chair",
    ];
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| JOBS.iter().any(|j| w.eq_ignore_ascii_case(j)))
}

/// Whether a piece of text starts as a letter's greeting ("Dear Mrs Khan,"). (Called for
/// pieces that name someone, so "Dear Parents and Carers" never gets here.)
fn greets(text: &str) -> bool {
    text.get(..5)
        .is_some_and(|d| d.eq_ignore_ascii_case("dear "))
}

/// Whether a piece of text reads as a maths word problem: it has figures and asks how
/// many, how much, how far… with a question mark, or starts its last sentence so and goes
/// on in the next piece (a PDF's wrapped line: "… How many does each"). A title and a surname
/// there ("Mrs Patel has 36 sweets. How many…?") are a character of the problem, not one
/// of the school's people. ("Mrs Khan rang at 9:15 to ask how long Aisha will be off" asks
/// no question.)
fn word_problem(text: &str) -> bool {
    const ASKS: &[&str] = &[
        "how many",
        "how much",
        "how far",
        "how long",
        "how old",
        "how heavy",
        "how tall",
        "what is the total",
        "what fraction",
        "what percentage",
        // Reasoning prompts: "Ms Digit says 7 300 000 000 is seven hundred and thirty
        // million. Is she right?"
        "is she right",
        "is he right",
        "is she correct",
        "is he correct",
    ];
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    if text.contains('?') {
        return ASKS.iter().any(|a| lower.contains(a));
    }
    // The question's mark is on the next line: the last sentence here starts asking.
    ends_mid_sentence(text)
        && lower
            .rsplit(['.', '!'])
            .next()
            .is_some_and(|last| ASKS.iter().any(|a| last.trim_start().starts_with(a)))
}

/// Whether a piece of running text is maths: it speaks of divisibility, standard form,
/// digits, remainders, a calculation or rounding "to the nearest"; or it asks a question
/// about factors, multiples, primes or rounding. A number there that looks like an
/// identifier only by its spacing is a number. ("Nearest A&E" on a trip form is not maths.)
fn maths_text(text: &str) -> bool {
    const ALWAYS: &[&str] = &[
        "divisible",
        "divisibility",
        "standard form",
        "significant figures",
        "decimal places",
        "to the nearest ten",
        "to the nearest hundred",
        "to the nearest thousand",
        "to the nearest million",
        "to the nearest whole number",
        "to the nearest integer",
        "to the nearest tenth",
        "place value",
        "digit",
        "digits",
        "digit sum",
        "remainder",
        "calculate",
    ];
    const IN_A_QUESTION: &[&str] = &[
        "factor",
        "factors",
        "multiple",
        "multiples",
        "prime",
        "round",
        "work out",
    ];
    let lower = text.to_lowercase();
    ALWAYS.iter().any(|w| super::has_phrase(&lower, w))
        || (text.contains('?') && IN_A_QUESTION.iter().any(|w| super::has_phrase(&lower, w)))
}

/// Whether a piece of running text gives kinds of need as examples, of no one in
/// particular ("Social, emotional and mental health difficulties, including ADHD and
/// anxiety" in an SEND information report): it holds "including", "such as", "e.g."…
/// and nothing that speaks of one person: no form's answer ("Concerns: …, including
/// anxiety"), no phrase about someone ("Takes medication for epilepsy, e.g. before
/// lunch"), no singular pronoun ("her needs, for example…"), no given name.
fn gives_examples(det: &Detector, text: &str, hits: &[KeywordHit]) -> bool {
    !text.contains(':')
        && !hits
            .iter()
            .any(|h| det.keywords.patterns[h.0].kind == KeywordKind::Strong)
        && det.roles.gives_examples(text)
        && !speaks_of_one_person(text)
        && !det.names.mentions_given_name(text)
}

/// Whether a sensitive word's piece of running text may be about someone, so that the
/// word may tie to a person named in the pieces around it. It may, unless it speaks of
/// people in general ("Pupils with asthma must…", "Staff who notice signs of neglect…",
/// "If a child discloses abuse…") and of no one in particular: no singular pronoun ("her
/// inhaler"), no given name ("Aisha will keep…"), not a filled-in form field ("Medical
/// conditions: asthma"). So a policy's general text a few lines below its list of key
/// staff, or a newsletter's note for all families below its star pupils, says nothing
/// about them; a wrapped line of a letter, a note's "Referral to MASH" or a list's "Severe
/// peanut allergy" still ties.
fn refers_to_someone(det: &Detector, text: &str, prev: &str) -> bool {
    let general = (names_a_group(text) || names_a_group(prev)) || numbered_heading(text);
    !general
        || speaks_of_one_person(text)
        || speaks_of_one_person(prev)
        || form_field(text)
        || det.names.mentions_given_name(text)
}

/// Whether the figures at `start..end` of `text` are one end of a range of figures as
/// many ("0001–9999", "0001 - 9999", "0001 to 9999"); not "14/02/2013 - 11 years old".
fn in_a_range(text: &str, start: usize, end: usize) -> bool {
    const DASHES: &[&str] = &["–", "—", "-", "to"];
    let n = end - start;
    let figures = |w: &str| w.len() == n && w.bytes().all(|b| b.is_ascii_digit());
    let after = text[end..].trim_start();
    let before = text[..start].trim_end();
    DASHES.iter().any(|d| {
        after.strip_prefix(d).is_some_and(|a| {
            let a = a.trim_start();
            figures(&a[..a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len())])
        }) || before.strip_suffix(d).is_some_and(|b| {
            let b = b.trim_end();
            figures(&b[b.rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1)..])
        })
    })
}

/// Whether the sentence (or the part of it between semicolons) around `start..end` of
/// `text` speaks of people in general and of no one in particular (see
/// [`refers_to_someone`]), and names no one.
fn general_sentence(det: &Detector, text: &str, start: usize, end: usize) -> bool {
    const STOPS: [char; 4] = ['.', '!', '?', ';'];
    let from = text[..start].rfind(STOPS).map_or(0, |i| i + 1);
    let to = text[end..].find(STOPS).map_or(text.len(), |i| end + i);
    let sentence = &text[from..to];
    names_a_group(sentence)
        && !speaks_of_one_person(sentence)
        && !form_field(sentence)
        && !det.names.mentions_given_name(sentence)
        && det
            .names
            .find(sentence, det.known.as_deref())
            .names
            .is_empty()
}

/// Longest previous piece kept to read with the next ([`FileState::prev_text`]).
const MAX_PREV: usize = 512;

/// Whether a piece of running text stops mid-sentence: its last character is not a full
/// stop, a question or exclamation mark, a colon, a closing quote or a closing bracket.
fn ends_mid_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| !matches!(c, '.' | '?' | '!' | ':' | '"' | '”' | ')'))
}

/// A numbered heading ("6. Pupil premium", "2.1 Early help"): a section of a document, not
/// something about a person.
fn numbered_heading(text: &str) -> bool {
    let t = text.trim();
    let number = t.len()
        - t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    number > 0
        && t.len() <= 60
        && t[..number].ends_with(|c: char| c == '.' || c.is_ascii_digit())
        && t[number..].starts_with(' ')
        && !t.contains(':')
        && !t.contains(" - ")
        && !t.contains(" – ")
}

/// Whether `text` speaks of a group: pupils, children, students, learners, exam
/// candidates, families, young people, staff (not "a member of staff"), everyone, anyone,
/// any one child ("a child", "every pupil", "each candidate"), or a year group doing
/// something ("Year 6 will visit…").
fn names_a_group(text: &str) -> bool {
    const GROUPS: &[&str] = &[
        "pupils",
        "children",
        "students",
        "learners",
        "candidates",
        "families",
        "everyone",
        "anyone",
        "staff",
    ];
    const ANY_ONE: &[&str] = &["a", "any", "each", "every"];
    const ONE_CHILD: &[&str] = &["child", "pupil", "student", "candidate"];
    let is = |w: &[u8], list: &[&str]| list.iter().any(|l| w.eq_ignore_ascii_case(l.as_bytes()));
    let b = text.as_bytes();
    let mut before: &[u8] = b"";
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let w = &b[start..i];
        // "children's services", "the pupil's": a service or one person, not a group.
        let possessive = b[i..].starts_with(b"'s") || b[i..].starts_with("’s".as_bytes());
        let group = !possessive
            && if w.eq_ignore_ascii_case(b"staff") {
                !before.eq_ignore_ascii_case(b"of")
            } else if w.eq_ignore_ascii_case(b"people") {
                before.eq_ignore_ascii_case(b"young")
            } else if w.eq_ignore_ascii_case(b"year") {
                year_group_acts(&text[i..])
            } else {
                is(w, GROUPS) || (is(w, ONE_CHILD) && is(before, ANY_ONE))
            };
        if group {
            return true;
        }
        before = w;
    }
    false
}

/// After "Year": a year group as what a sentence is about ("Year 6 will visit the Florence
/// Nightingale Museum", "Year 10 are sitting mocks").
fn year_group_acts(after_year: &str) -> bool {
    const ACTS: &[&str] = &[
        "will", "are", "have", "went", "visited", "enjoyed", "can", "should", "must", "need",
        "pupils", "children", "students", "classes", "families", "parents",
    ];
    let mut words = after_year.split(' ');
    words.next() == Some("")
        && words
            .next()
            .is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
        && words
            .next()
            .is_some_and(|w| ACTS.iter().any(|a| w.eq_ignore_ascii_case(a)))
}

/// Whether a piece of running text is a line of statistics: it ends with a count set out
/// as statistics are, after dot leaders or with a share ("SEN Support (K) ........ 54
/// (13.2%)", "Pupil premium (Ever6 FSM): 134 (32.8%)"). "EHCP: 2019" is a year, and "CP
/// plan: 78% attendance this term" goes on after its figure.
fn statistics_line(text: &str) -> bool {
    let t = text.trim_end();
    // A share at the end, "(13.2%)", "( 2.4%)" or "13.2%", and the figure before it.
    let (share, rest) = match t.strip_suffix(')') {
        Some(inner) => match inner.rfind('(') {
            Some(open) if inner[open + 1..].trim().ends_with('%') => (true, &inner[..open]),
            _ => (false, t),
        },
        None => match t.strip_suffix('%') {
            Some(r) => (
                true,
                r.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.'),
            ),
            None => (false, t),
        },
    };
    let rest = rest.trim_end();
    let figure = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    let has_figure = figure.len() < rest.len() || (share && t.ends_with('%'));
    let leaders = figure.trim_end().ends_with("...") || figure.trim_end().ends_with('…');
    has_figure && (share || leaders)
}

/// Whether the sensitive word at `start` names a service in a line of contact details:
/// "Local Authority Designated Officer (LADO): 0113 535 1000", "MASH – 0113 376 0336",
/// "CAMHS: camhs.referrals@nhs.net". The word is before the line's first colon or dash,
/// it is one of the services, and all after it is a phone number or an e-mail address
/// (with a remark in brackets). ("Social worker: 07700 900456" on a pupil's profile says
/// the pupil has one: not a service.)
fn service_contact(text: &str, start: usize) -> bool {
    if text.len() > 160 {
        return false;
    }
    let Some((at, value)) = label_and_value(text) else {
        return false;
    };
    if start >= at || !names_a_service(&text[..at]) {
        return false;
    }
    // The value: a phone number or an e-mail address, then perhaps a remark in brackets.
    let value = value.trim();
    let value = value.split_once(" (").map_or(value, |(v, _)| v).trim();
    let phone = value.bytes().filter(u8::is_ascii_digit).count() >= 6
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || b" +()-".contains(&b));
    let email = value.contains('@') && !value.contains(' ');
    phone || email
}

/// Whether `text` names a service that safeguarding and health policies list ("Multi-Agency
/// Safeguarding Hub (MASH)", "LADO", "Children's Social Care", "CAMHS").
fn names_a_service(text: &str) -> bool {
    const SERVICES: &[&str] = &[
        "safeguarding hub",
        "lado",
        "mash",
        "designated officer",
        "children's social care",
        "children’s social care",
        "social care",
        "emergency duty team",
        "early help hub",
        "early help",
        "prevent",
        "channel",
        "nspcc",
        "childline",
        "camhs",
        "police",
        "school nurse",
        "health visitor",
    ];
    let lower = text.to_lowercase();
    SERVICES.iter().any(|s| lower.contains(s))
}

/// Third-person singular pronouns (and "my"), but not the generic "he or she", "his/her".
fn speaks_of_one_person(text: &str) -> bool {
    const ONE: &[&str] = &[
        "he", "she", "him", "his", "her", "hers", "himself", "herself", "my",
    ];
    const ANYONE: &[&str] = &[
        "he or she",
        "she or he",
        "his or her",
        "her or his",
        "him or her",
        "her or him",
        "himself or herself",
        "herself or himself",
        "he/she",
        "she/he",
        "his/her",
        "her/his",
        "him/her",
        "her/him",
        "himself/herself",
        "s/he",
        // "His Majesty's Inspector" (an Ofsted report) is a title, not a person spoken of.
        "his majesty",
        "her majesty",
    ];
    // Most text has none of these words: tell without allocating.
    let b = text.as_bytes();
    let mut words = b
        .split(|c| !c.is_ascii_alphabetic())
        .filter(|w| (2..=7).contains(&w.len()));
    if !words.any(|w| ONE.iter().any(|o| w.eq_ignore_ascii_case(o.as_bytes()))) {
        return false;
    }
    let mut lower = text.to_ascii_lowercase();
    for pair in ANYONE {
        if lower.contains(pair) {
            lower = lower.replace(pair, " ");
        }
    }
    lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| ONE.contains(&w))
}

/// `a == b`, compared in place eight bytes at a time. A cell's header is compared with
/// its column's for every cell: for such short text a call to the C library's `memcmp`
/// costs more than the comparison itself.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (mut wa, mut wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().expect("eight bytes"));
    (&mut wa).zip(&mut wb).all(|(x, y)| word(x) == word(y))
        && wa
            .remainder()
            .iter()
            .zip(wb.remainder())
            .all(|(x, y)| x == y)
}

/// Where a "Label: value" (or "Label – value") line's label ends, and its value: split at
/// the first colon or spaced dash.
fn label_and_value(text: &str) -> Option<(usize, &str)> {
    // One pass over the bytes (this runs for many cells of a table): the first ':', or
    // the first space followed by "- ", "– " or "— ".
    let b = text.as_bytes();
    let at = b.iter().enumerate().find_map(|(i, &c)| {
        let rest = &b[i + 1..];
        match c {
            b':' => Some((i, 1)),
            b' ' if rest.starts_with(b"- ") => Some((i, 3)),
            b' ' if rest.starts_with("\u{2013} ".as_bytes())
                || rest.starts_with("\u{2014} ".as_bytes()) =>
            {
                Some((i, 5))
            }
            _ => None,
        }
    });
    at.map(|(at, len)| (at, &text[at + len..]))
}

/// A short "Label: value" (or "Label – value") line with a value filled in: not empty,
/// not "none", not a figure ("Proportion of disadvantaged pupils: 23%"), not a proportion
/// ("SEN Support: 14% of pupils (national average 13.6%)": a group, not one person).
fn form_field(text: &str) -> bool {
    const MAX_LEN: usize = 120;
    const MAX_LABEL: usize = 48;
    if text.len() > MAX_LEN {
        return false;
    }
    let Some((label, value)) = label_and_value(text) else {
        return false;
    };
    let value = value.trim();
    let proportion = value
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'%');
    label <= MAX_LABEL
        && !is_negative_value(value)
        && !proportion
        && !value
            .chars()
            .all(|c| c.is_ascii_digit() || " .,%£+-()".contains(c))
}

/// A rule's validator, looked up by name once when the rules are loaded (not per
/// candidate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validator {
    Upn,
    Uln,
    Uci,
    Nino,
    Nhs,
    Iban,
    Postcode,
    Mobile,
    Landline,
    Email,
    Dob,
    Trn,
    Candidate,
    None,
}

impl Validator {
    pub fn named(name: &str) -> Option<Validator> {
        Some(match name {
            "upn" => Validator::Upn,
            "uln" => Validator::Uln,
            "uci" => Validator::Uci,
            "nino" => Validator::Nino,
            "nhs" => Validator::Nhs,
            "iban" => Validator::Iban,
            "postcode" => Validator::Postcode,
            "mobile" => Validator::Mobile,
            "landline" => Validator::Landline,
            "email" => Validator::Email,
            "dob" => Validator::Dob,
            "trn" => Validator::Trn,
            "candidate" => Validator::Candidate,
            "none" => Validator::None,
            _ => return None,
        })
    }

    /// Runs the validator on a candidate.
    fn check(self, v: &str) -> bool {
        match self {
            Validator::Upn => validators::upn(v),
            Validator::Uln => validators::uln(v),
            Validator::Uci => validators::uci(v),
            Validator::Nino => validators::nino(v),
            Validator::Nhs => validators::nhs(v),
            Validator::Iban => validators::iban(v),
            Validator::Postcode => validators::postcode(v),
            Validator::Mobile => validators::phone(v) == Some(validators::Phone::Mobile),
            Validator::Landline => validators::phone(v) == Some(validators::Phone::Landline),
            Validator::Email => !role_mailbox(v),
            Validator::Dob => plausible_birth_date(v),
            Validator::Trn => v.bytes().filter(u8::is_ascii_digit).count() == 7,
            Validator::Candidate => v != "0000",
            Validator::None => true,
        }
    }
}

/// The excerpt of a value in a column of sensitive information: its first words, with
/// any capitalised word that the name lists hold masked ("Amara has asthma and an" →
/// "A•••• has asthma and an"): a report shows what kind of information it is, not whose.
fn sensitive_excerpt(det: &Detector, text: &str) -> String {
    let head: String = text.chars().take(24).collect();
    head.split(' ')
        .map(|w| {
            let name = w.trim_matches(|c: char| !c.is_alphabetic());
            if name.starts_with(char::is_uppercase) && det.names.listed_name(name) {
                w.replacen(name, &mask("full_name", name), 1)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Role mailboxes (office@, admin@…) do not identify a person.
fn role_mailbox(email: &str) -> bool {
    // (Byte by byte: a short address, looked at for every e-mail of every row.)
    let at = |rev: bool| {
        let mut b = email.bytes();
        if rev {
            b.rposition(|b| b == b'@')
        } else {
            b.position(|b| b == b'@')
        }
    };
    let local = at(false).map_or(email, |i| &email[..i]);
    const ROLES: &[&str] = &[
        "office",
        "admin",
        "administration",
        "info",
        "enquiries",
        "enquiry",
        "reception",
        "head",
        "headteacher",
        "head.teacher",
        "finance",
        "bursar",
        "hr",
        "noreply",
        "no-reply",
        "contact",
        "hello",
        "help",
        "support",
        "senco",
        "send",
        "safeguarding",
        "dsl",
        "attendance",
        "accounts",
        "payroll",
        "ict",
        "it",
        "helpdesk",
        "webmaster",
        "postmaster",
        "governors",
        "clerk",
        "exams",
        "examinations",
        "admissions",
        "school",
        "schooloffice",
        "mail",
        "sales",
        "pta",
        "friends",
        "library",
        "careers",
        "trips",
        "catering",
        "kitchen",
        "parents",
        "absence",
        "absences",
        "dpo",
        "data",
        "dataprotection",
        "privacy",
        // Venues' and suppliers' mailboxes (trip and supplier lists).
        "orders",
        "bookings",
        "booking",
        "reservations",
        "events",
        "tickets",
        "groups",
        "education",
        "learning",
        "schools",
        "customerservices",
        "customer.services",
        "services",
        "general",
        "shop",
        // Staff-wide and team mailboxes.
        "staff",
        "allstaff",
        "all.staff",
        "all-staff",
        "teachers",
        "teachingstaff",
        "slt",
        "leadership",
        "pastoral",
        // Safeguarding services of a local authority (designated officer, hub).
        "lado",
        "mash",
    ];
    // Subjects' and departments' mailboxes ("music@", "pe@", "french@"), though some of
    // these words are names too; not at a personal mail provider ("art@gmail.com").
    const DEPARTMENTS: &[&str] = &[
        "music",
        "art",
        "arts",
        "drama",
        "dance",
        "pe",
        "sport",
        "sports",
        "re",
        "rs",
        "dt",
        "science",
        "maths",
        "english",
        "history",
        "geography",
        "french",
        "spanish",
        "german",
        "languages",
        "mfl",
        "computing",
        "technology",
        "design",
        "food",
        "psychology",
        "sociology",
        "economics",
        "business",
        "pshe",
        "estates",
    ];
    // Looked up as sets: an address is checked for every e-mail of every row.
    static ROLE_SET: std::sync::LazyLock<HashSet<&str>> =
        std::sync::LazyLock::new(|| ROLES.iter().copied().collect());
    static DEPARTMENT_SET: std::sync::LazyLock<HashSet<&str>> =
        std::sync::LazyLock::new(|| DEPARTMENTS.iter().copied().collect());
    // The roles are lower-case ASCII: an ASCII name is lower-cased on the stack, another
    // in a new string.
    let mut buf = [0u8; 32];
    let lowered;
    let local = match super::ascii_lowercase(local, &mut buf) {
        Some(l) => l,
        None if local.is_ascii() => {
            // Longer than any role: only a team's mailbox, said at its end.
            lowered = local.to_ascii_lowercase();
            &lowered
        }
        None => {
            lowered = local.to_lowercase();
            &lowered
        }
    };
    let base = local.trim_end_matches(|c: char| c.is_ascii_digit());
    // A team's mailbox: "year7team@", "sen.team@", "pastoralteam@".
    let team = base.len() > 4 && base.ends_with("team");
    let domain = at(true).map_or("", |i| &email[i + 1..]);
    team || ROLE_SET.contains(base)
        || (DEPARTMENT_SET.contains(base) && !super::names::personal_mail_provider(domain))
}

/// Today's date, read once (reading the local time zone for every date found is slow).
static TODAY: std::sync::LazyLock<chrono::NaiveDate> =
    std::sync::LazyLock::new(|| chrono::Local::now().date_naive());

/// Parses a date as written in UK files and checks it is a plausible birth date for a pupil
/// or member of staff (2 to 100 years ago).
pub fn plausible_birth_date(v: &str) -> bool {
    let Some(d) = parse_date(v).or_else(|| compact_date(v)) else {
        return false;
    };
    let today = *TODAY;
    let age_days = (today - d).num_days();
    (2 * 365..=100 * 366).contains(&age_days)
}

/// A date of birth written as figures alone, as exam boards' and some MIS exports write
/// them: `DDMMYY` ("131008"), `DDMMYYYY` or `YYYYMMDD`. Counted only in a DOB column or
/// after a DOB label (see [`Analyzer::identifier`]), where a bare number is one.
fn compact_date(v: &str) -> Option<chrono::NaiveDate> {
    let b = v.trim().as_bytes();
    if !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |digits: &[u8]| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    let ymd = |y: u32, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y as i32, m, d);
    match b.len() {
        6 => {
            let now = chrono::Datelike::year(&*TODAY) as u32 % 100;
            let yy = n(&b[4..6]);
            let year = if yy <= now { 2000 + yy } else { 1900 + yy };
            ymd(year, n(&b[2..4]), n(&b[0..2]))
        }
        8 => {
            let (y, rest) = (n(&b[0..4]), &b[4..]);
            if (1900..2100).contains(&y)
                && let Some(d) = ymd(y, n(&rest[0..2]), n(&rest[2..4]))
            {
                return Some(d);
            }
            ymd(n(&b[4..8]), n(&b[2..4]), n(&b[0..2]))
        }
        _ => None,
    }
}

fn month_number(s: &str) -> Option<u32> {
    const M: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let first3 = s.as_bytes().get(..3)?;
    if !s.is_ascii() {
        let l = s.to_lowercase();
        return M
            .iter()
            .position(|m| l.starts_with(m))
            .map(|i| i as u32 + 1);
    }
    M.iter()
        .position(|m| first3.eq_ignore_ascii_case(m.as_bytes()))
        .map(|i| i as u32 + 1)
}

pub fn parse_date(v: &str) -> Option<chrono::NaiveDate> {
    let v = v.trim();
    // The usual form in exports, "11/03/2014" (or with '.' or '-'), read directly: what
    // the general reading below gives it, without splitting.
    if let &[d1, d2, s1, m1, m2, s2, y1, y2, y3, y4] = v.as_bytes()
        && [s1, s2].iter().all(|s| matches!(s, b'/' | b'.' | b'-'))
        && [d1, d2, m1, m2, y1, y2, y3, y4]
            .iter()
            .all(u8::is_ascii_digit)
    {
        let n = |digits: &[u8]| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
        let year = i32::try_from(n(&[y1, y2, y3, y4])).ok()?;
        return chrono::NaiveDate::from_ymd_opt(year, n(&[m1, m2]), n(&[d1, d2]));
    }
    let mut pieces = v.split(['/', '.', '-', ' ', ',']).filter(|p| !p.is_empty());
    let parts = [pieces.next()?, pieces.next()?, pieces.next()?];
    if pieces.next().is_some() {
        return None;
    }
    let num = |s: &str| {
        s.trim_end_matches(|c: char| c.is_alphabetic())
            .parse::<u32>()
            .ok()
    };
    let year = |s: &str| -> Option<i32> {
        let y: i32 = s.parse().ok()?;
        if s.len() == 4 {
            Some(y)
        } else if s.len() == 2 {
            let now = chrono::Datelike::year(&*TODAY) % 100;
            Some(if y <= now { 2000 + y } else { 1900 + y })
        } else {
            None
        }
    };
    let (d, m, y) = if parts[0].len() == 4 && parts[0].bytes().all(|b| b.is_ascii_digit()) {
        (num(parts[2])?, num(parts[1])?, year(parts[0])?)
    } else if let Some(m) =
        month_number(parts[1]).filter(|_| parts[1].chars().all(char::is_alphabetic))
    {
        (num(parts[0])?, m, year(parts[2])?)
    } else if let Some(m) =
        month_number(parts[0]).filter(|_| parts[0].chars().all(char::is_alphabetic))
    {
        (num(parts[1])?, m, year(parts[2])?)
    } else {
        (num(parts[0])?, num(parts[1])?, year(parts[2])?)
    };
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_compared_in_place_is_equal_as_strings_are() {
        let words = [
            "",
            "a",
            "upn",
            "legal surname",
            "legal surnamf",
            "Legal surname",
            "medical notes",
            "medical notez",
            "0123456789abcdef",
            "0123456789abcdeg",
            "ñ",
            "n",
        ];
        for a in words {
            for b in words {
                assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_label_ends_at_the_first_colon_or_spaced_dash() {
        let split = |t: &str| -> Option<(usize, String)> {
            label_and_value(t).map(|(at, v)| (at, v.to_string()))
        };
        assert_eq!(split("Name: Amara"), Some((4, " Amara".into())));
        assert_eq!(
            split("MASH - 0113 376 0336"),
            Some((4, "0113 376 0336".into()))
        );
        assert_eq!(split("LADO \u{2013} 0113"), Some((4, "0113".into())));
        assert_eq!(split("CAMHS \u{2014} x: y"), Some((5, "x: y".into())));
        assert_eq!(split("Mon - Fri: 9am"), Some((3, "Fri: 9am".into())));
        assert_eq!(split("Key stage 2-3 note"), None);
        assert_eq!(split("well-being - ok"), Some((10, "ok".into())));
        assert_eq!(split("ends with -"), None);
        assert_eq!(split(""), None);
        assert_eq!(split("é\u{2013} é – x"), Some((8, "x".into())));
        assert_eq!(split("Zoë:é"), Some((4, "é".into())));
        // As the search for each separator, the earliest one kept, always did.
        let old = |t: &str| {
            [":", " - ", " \u{2013} ", " \u{2014} "]
                .iter()
                .filter_map(|sep| t.find(sep).map(|at| (at, t[at + sep.len()..].to_string())))
                .min_by_key(|&(at, _)| at)
        };
        let pieces = [":", " ", "-", "\u{2013}", "\u{2014}", "a", "é"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let t = format!("{a}{b}{c}{d}{a}");
                        assert_eq!(split(&t), old(&t), "{t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_book_to_read_is_by_its_author() {
        assert!(book_by("Read 'The Huge Bag of Worries' by "));
        assert!(book_by("Read 'Charlotte's Web' by "));
        assert!(book_by("an extract from \u{201c}Holes\u{201d} by "));
        assert!(!book_by("Winning story 'The Lost Key' by "));
        assert!(!book_by("Poetry corner: 'Autumn Leaves' by "));
        assert!(!book_by("Referred to CAMHS by "));
        assert!(!book_by("Read 'x' "));
        assert!(!book_by(""));
    }

    #[test]
    fn an_offices_number_is_told_by_the_words_before_it() {
        let offices = [
            "office".to_string(),
            "reception".into(),
            "switchboard".into(),
        ];
        let office_number = |before: &str| owned_by_organisation(before, &offices);
        assert!(office_number("Emergency contact on the day School office "));
        assert!(office_number("Tel (reception): "));
        assert!(!office_number("Emergency contact: Mum "));
        assert!(!office_number("Home phone: "));
        assert!(!owned_by_organisation("School office ", &[]));
    }

    #[test]
    fn an_identifier_header_may_first_say_whose_it_is() {
        assert_eq!(owned_header("parent dob"), Some("dob"));
        assert_eq!(
            owned_header("mother's date of birth"),
            Some("date of birth")
        );
        assert_eq!(owned_header("child\u{2019}s upn"), Some("upn"));
        assert_eq!(owned_header("contact 1 mobile"), Some("mobile"));
        assert_eq!(owned_header("parent/carer email"), Some("email"));
        assert_eq!(owned_header("dob"), None);
        assert_eq!(owned_header("date of birth"), None);
        assert_eq!(owned_header("parent"), None);
        assert_eq!(owned_header("review date"), None);
        // Read as a date of birth column, so its dates count without a label.
        let r = scan_file(
            "checks.csv",
            "Child,Parent DOB,Review\nAmara Okafor,12/05/1988,14/02/2025\n",
        );
        assert_eq!(
            r.categories.get("date_of_birth"),
            Some(&1),
            "{:?}",
            r.findings
        );
    }

    #[test]
    fn the_words_of_names_found_are_listed_only_when_asked_for() {
        let csv = "Forename,Surname,Notes\nTobias,Wren-Hallam,\"Dear Mrs Okafor, see me\"\n";
        let plain = Detector::new(&Policy::default()).unwrap();
        assert!(plain.scan_contents("a.csv", csv).name_words.is_empty());
        let det = Detector::new(&Policy::default()).unwrap().with_name_words();
        let r = det.scan_contents("a.csv", csv);
        assert!(r.personal_data);
        for w in ["tobias", "wren", "hallam", "okafor"] {
            assert!(
                r.name_words.iter().any(|n| n == w),
                "{w}: {:?}",
                r.name_words
            );
        }
        // Short words and the rest of the text are not names.
        assert!(
            !r.name_words.iter().any(|n| n == "mrs" || n == "see"),
            "{:?}",
            r.name_words
        );
        // Never written out.
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            !json.contains("tobias") && !json.contains("name_words"),
            "{json}"
        );
        // The words of a pupil's address, but not everyday ones ("road").
        let r = det.scan_contents(
            "c.csv",
            "Forename,Surname,Home Address\nTobias,Wren,\"12 Whitehall Road, Ossett\"\n",
        );
        for w in ["whitehall", "ossett"] {
            assert!(
                r.place_words.iter().any(|n| n == w),
                "{w}: {:?}",
                r.place_words
            );
        }
        assert!(
            !r.place_words.iter().any(|n| n == "road"),
            "{:?}",
            r.place_words
        );
        // Kept apart from the names: many addresses leave room for them.
        let mut csv = String::from("Forename,Surname,Home Address\n");
        for i in 0..400 {
            csv += &format!("Amara,Okafor{i:03x},\"{i} Whitehall{i:03x} Road, Town{i:03x}\"\n");
        }
        csv += "Miranda,Caquias,\"1 Elm Road, Leeds\"\n";
        let r = det.scan_contents("d.csv", &csv);
        assert!(
            r.name_words.iter().any(|n| n == "caquias"),
            "{}",
            r.name_words.len()
        );
        // Nothing listed for a file without personal data.
        let clean = det.scan_contents("b.txt", "Year 4 spelling list: because, friend, island");
        assert!(clean.name_words.is_empty());
    }

    #[test]
    fn a_phrase_across_a_line_break_is_counted_once() {
        let det = Detector::new(&Policy::default()).unwrap();
        let one = det.scan_text("Amara Okafor has a severe peanut allergy and carries an EpiPen.");
        for wrapped in [
            "Amara Okafor has a severe peanut\nallergy and carries an EpiPen.",
            "Amara Okafor has a severe\npeanut allergy and carries an EpiPen.",
        ] {
            let two = det.scan_text(wrapped);
            assert_eq!(
                two.categories.get("health"),
                one.categories.get("health"),
                "{wrapped:?}"
            );
        }
        // A phrase only the break splits is found.
        let r = det.scan_text("Aaliyah Mahmoud (2R)\nShe has a child protection\nplan.");
        assert_eq!(r.categories.get("safeguarding"), Some(&1), "{r:?}");
    }

    /// A document's header is read before its body, as a reader sees the page: a
    /// reference draft naming the student in its header, her health a few paragraphs down.
    #[test]
    fn a_documents_header_is_read_before_its_body() {
        use crate::extract::testutil::zip_bytes;
        let para = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
        let body: String = [
            "Section 1: General statement (centre)",
            "Kestrel Moor Sixth Form is an 11-18 academy with 240 students.",
            "Section 2: Extenuating circumstances",
            "Seun has sickle cell disease. In Year 12 she was admitted to hospital twice.",
            "Section 3: Supportive information",
            "Seun is one of the most determined students I have taught.",
            "She leads our Year 8 science club and volunteers at a Saturday school.",
            "In Chemistry she has moved from a C in her first mock to a secure A.",
            "She is well suited to a demanding Biomedical Science degree.",
            "Section 4: Predicted grades",
        ]
        .map(para)
        .concat();
        let document = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let header = format!(
            r#"<w:hdr xmlns:w="w">{}</w:hdr>"#,
            para("UCAS reference draft - OLUWASEUN ADEBAYO (13C) - v2")
        );
        let bytes = zip_bytes(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", document.as_bytes()),
            ("word/header1.xml", header.as_bytes()),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reference.docx");
        std::fs::write(&path, bytes).unwrap();
        let det = Detector::new(&Policy::default()).unwrap();
        let mut reports = Vec::new();
        det.scan_path(&path, "reference.docx", &mut |r| reports.push(r));
        let r = reports.pop().unwrap();
        assert!(r.special_category, "{r:?}");
        assert!(r.categories.contains_key("health"), "{r:?}");
    }

    #[test]
    fn a_presentations_notes_do_not_tie_its_slides() {
        use crate::extract::testutil::zip_bytes;
        let slide = |t: &str| {
            format!(
                r#"<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>{t}</a:t></a:r></a:p></p:sld>"#
            )
        };
        let deck = |third: &str, fourth: &str, notes: &str| {
            let (s1, s2, s3, s4, n1) = (
                slide("Welcome to Harrowden Academy"),
                slide("Our curriculum"),
                slide(third),
                slide(fourth),
                slide(notes),
            );
            zip_bytes(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("ppt/presentation.xml", b"<p/>"),
                ("ppt/slides/slide1.xml", s1.as_bytes()),
                ("ppt/slides/slide2.xml", s2.as_bytes()),
                ("ppt/slides/slide3.xml", s3.as_bytes()),
                ("ppt/slides/slide4.xml", s4.as_bytes()),
                ("ppt/notesSlides/notesSlide1.xml", n1.as_bytes()),
            ])
        };
        let det = Detector::new(&Policy::default()).unwrap();
        let scan = |bytes: Vec<u8>| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("deck.pptx");
            std::fs::write(&path, bytes).unwrap();
            let mut reports = Vec::new();
            det.scan_path(&path, "deck.pptx", &mut |r| reports.push(r));
            reports.pop().unwrap()
        };
        // A prospectus: the principal named in the first slide's notes (read after every
        // slide), a service on the fourth slide.
        let r = scan(deck(
            "Our clubs",
            "Counselling and mental health support team",
            "Introduce Mrs Rebecca Achebe-Hughes, our principal.",
        ));
        assert!(r.personal_data && !r.special_category, "{r:?}");
        // A pupil's profile: her name on one slide, her needs on the next.
        let r = scan(deck(
            "Transition to Year 7: Amara Okafor (Year 6)",
            "Asthma - inhaler kept in her bag",
            "Keep it short.",
        ));
        assert!(r.special_category, "{r:?}");
    }

    /// Remembering what the values of a table's columns say changes no answer: every
    /// file of the corpus, and a table whose values repeat in rows and columns of every
    /// kind, are reported alike with and without it.
    #[test]
    fn remembered_values_change_no_answer() {
        let det = Detector::new(&Policy::default()).unwrap();
        let scan = |path: &Path, forget: bool| {
            let mut reports = Vec::new();
            let mut out = |r: FileReport| reports.push(serde_json::to_string(&r).unwrap());
            let mut a = Analyzer::new(&det, &mut out);
            a.memo.forget = forget;
            extract::extract_path(path, &path.display().to_string(), &det.limits, &mut a);
            drop(a);
            reports
        };
        let dir = tempfile::tempdir().unwrap();
        let table = dir.path().join("repeats.csv");
        let mut csv = String::from("Pupil,Notes,Contact,Medical,Venue,Year\n");
        let values = [
            "Amara Okafor",
            "Asthma",
            "None",
            "Grace Hill",
            "07700 900123",
            "Chester Zoo",
            "Mrs Okafor",
            "",
            "A123456789012",
            "amara.okafor@example.org",
        ];
        for row in 0..300 {
            let cells: Vec<&str> = (0..6)
                .map(|c| values[(row * 7 + c * 3) % values.len()])
                .collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        std::fs::write(&table, csv).unwrap();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/files");
        let mut paths = vec![table];
        for entry in walkdir::WalkDir::new(&corpus) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                paths.push(entry.into_path());
            }
        }
        assert!(paths.len() > 100, "the corpus is there");
        let mut personal = 0;
        for path in &paths {
            let remembered = scan(path, false);
            assert_eq!(remembered, scan(path, true), "{}", path.display());
            personal += remembered
                .iter()
                .filter(|r| r.contains("\"personal_data\":true"))
                .count();
        }
        assert!(personal > 50, "{personal}");
    }

    /// The report for one file written with `contents`.
    fn scan_file(name: &str, contents: &str) -> FileReport {
        let det = Detector::new(&Policy::default()).unwrap();
        det.scan_contents(name, contents)
    }

    #[test]
    fn knowledge_organisers_and_reading_lists_are_told_by_their_title() {
        for title in [
            "Year 9 History KNOWLEDGE ORGANISER: Civil Rights",
            "Knowledge Organizer – The Tudors\nKey people",
            "# GCSE History – Medicine in Britain: Knowledge Organiser",
            "YEAR 7 RECOMMENDED READING – SUMMER 2024",
            "# Castlegate Academy Library – Key Stage 3 Recommended Reads",
            "Year 5 Reading List",
            "Summer reading for Year 6",
            "GCSE English Literature – Set Texts and Key Characters",
            "Brookfield Primary School – Year 4 Long-Term Curriculum Map 2024-25",
        ] {
            assert!(studied_title(title), "{title}");
        }
        for text in [
            "Year 9 knowledge organiser quiz - results and follow-up",
            "Knowledge organiser homework: Amara Okafor",
            "Knowledge and understanding of the world",
            "Amara Okafor scored 3/10 on the test. Her mum said she had lost her knowledge organiser.",
            "Civil Rights\nKnowledge organiser",
            "Year 4 reading ages - September",
            "Summer reading challenge winners",
            "Reading list log - Year 8",
            "Reading together at home",
        ] {
            assert!(!studied_title(text), "{text}");
        }
        // Authors on a list of books to read are no one; a teacher with a title still is.
        let list = "Year 7 Recommended Reading\n\
                    * Wonder - R. J. Palacio\n\
                    * Skellig - David Almond\n\
                    * Cogheart - Peter Bunzl\n";
        assert!(!scan_file("list.txt", list).personal_data);
        let signed = format!("{list}Ask Mrs Okafor in the library for a copy.\n");
        assert!(scan_file("list.txt", &signed).personal_data);
    }

    #[test]
    fn a_name_in_columns_of_its_parts_counts_once() {
        let r = scan_file(
            "class.csv",
            "Legal Surname,Forename,Preferred Name,Parent/Carer,Pupil 1,Pupil 2\n\
             Okafor,Amara,Mara,Grace Okafor,Zofia Nowak,Kemi Adeyemi\n\
             Clarke,Jayden,,Fiona Clarke,Harpreet Begum,Tomasz Wojcik\n",
        );
        // Per row: the pupil, the parent, and the two pupils named in full.
        assert_eq!(r.categories["full_name"], 8, "{:?}", r.findings);
        assert_eq!(name_part_owner("legal surname").as_deref(), Some(""));
        assert_eq!(name_part_owner("preferred forename").as_deref(), Some(""));
        assert_eq!(
            name_part_owner("exam candidate forenames").as_deref(),
            Some("")
        );
        assert_eq!(name_part_owner("pupil surname").as_deref(), Some(""));
        assert_eq!(
            name_part_owner("parent's first name").as_deref(),
            Some("parent")
        );
        assert_eq!(
            name_part_owner("contact 1 surname").as_deref(),
            Some("contact 1")
        );
        assert_eq!(name_part_owner("pupil 1"), None);
        assert_eq!(name_part_owner("name"), None);
        assert_eq!(name_part_owner("surnames"), None, "not a whole word");
        assert!(owner_is_a_person(""));
        assert!(owner_is_a_person("1"));
        assert!(owner_is_a_person("contact 2"));
        assert!(owner_is_a_person("parent"));
        assert!(owner_is_a_person("parent / carer"));
        assert!(owner_is_a_person("social worker"));
        assert!(!owner_is_a_person("previous"));
        assert!(!owner_is_a_person("school"));
        // Numbered pupils are different people; a contact's name parts are one name.
        let r = scan_file(
            "trip pairs.csv",
            "Pupil 1 Surname,Pupil 1 Forename,Pupil 2 Surname,Pupil 2 Forename,Contact 1 Forename,Contact 1 Surname\n\
             Okafor,Amara,Nowak,Zofia,Grace,Okafor\n",
        );
        assert_eq!(r.categories["full_name"], 3, "{:?}", r.findings);
    }

    #[test]
    fn a_table_cell_counts_once_for_each_kind_of_sensitive_information() {
        let r = scan_file(
            "medical.csv",
            "Forename,Surname,Ethnicity,Medical Notes\n\
             Amara,Okafor,WBRI,Asthma - inhaler in bag\n\
             Zofia,Kowalczyk,WIRI,None\n",
        );
        // The Ethnicity column and the code "WBRI" both say ethnicity; the Medical Notes
        // column, "asthma" and "inhaler" all say health: one each per cell.
        assert_eq!(r.categories.get("ethnicity"), Some(&2), "{r:?}");
        assert_eq!(r.categories.get("health"), Some(&1), "{r:?}");
        // Running text still counts every mention.
        let r = scan_file(
            "note.txt",
            "Amara Okafor has asthma and keeps her inhaler in her bag.\n",
        );
        assert_eq!(r.categories.get("health"), Some(&2), "{r:?}");
    }

    #[test]
    fn a_cell_that_is_wholly_its_columns_identifier_holds_nothing_else() {
        // "asthma" in an e-mail address is part of the address, not health information.
        let r = scan_file(
            "contacts.csv",
            "Email,Postcode\nasthma.nurse@example.org,LS6 2AB\n",
        );
        assert_eq!(r.categories.get("email"), Some(&1), "{r:?}");
        assert!(!r.categories.contains_key("health"), "{r:?}");
        assert!(!r.special_category, "{r:?}");
        // The same words in a notes column still count.
        let r = scan_file(
            "contacts.csv",
            "Email,Notes\nz.kowalczyk@example.org,asthma - inhaler in bag\n",
        );
        assert_eq!(r.categories.get("health"), Some(&1), "{r:?}");
    }

    #[test]
    fn the_usual_date_form_reads_as_the_general_reading_does() {
        // The general reading, with the quick form's input padded so it takes that path.
        let general = |s: &str| parse_date(&format!(" {s},"));
        for s in [
            "11/03/2014",
            "31/12/1999",
            "29/02/2012",
            "29/02/2013",
            "00/01/2010",
            "01/13/2010",
            "10-07-2016",
            "10.07.2016",
            "10/07-2016",
            "07/11/0000",
            "99/99/9999",
        ] {
            assert_eq!(parse_date(s), general(s), "{s}");
        }
        assert_eq!(
            general("11/03/2014").map(|d| d.to_string()).as_deref(),
            Some("2014-03-11")
        );
    }

    #[test]
    fn compact_dates_of_birth() {
        let d = |s| compact_date(s).map(|d| d.to_string());
        assert_eq!(d("131008").as_deref(), Some("2008-10-13"));
        assert_eq!(d("13102008").as_deref(), Some("2008-10-13"));
        assert_eq!(d("20081013").as_deref(), Some("2008-10-13"));
        assert_eq!(d("444984"), None);
        assert_eq!(d("1310200"), None);
        assert!(plausible_birth_date("131008"));
        assert!(!plausible_birth_date("380280"));
    }

    #[test]
    fn dates_parse_in_uk_forms() {
        let d = |s| parse_date(s).map(|d| d.to_string());
        assert_eq!(d("11/03/2014").as_deref(), Some("2014-03-11"));
        assert_eq!(d("2013-11-02").as_deref(), Some("2013-11-02"));
        assert_eq!(d("3rd March 2012").as_deref(), Some("2012-03-03"));
        assert_eq!(d("March 3, 2012").as_deref(), Some("2012-03-03"));
        assert_eq!(d("03.04.12").as_deref(), Some("2012-04-03"));
        assert_eq!(d("31/02/2014"), None);
    }

    #[test]
    fn digits_and_at_signs_are_seen_anywhere() {
        let plain = "no figures here, only words and punctuation: naïve café “quotes” – ".repeat(3);
        assert!(!has_digit_or_at(plain.as_bytes()));
        assert!(!has_digit_or_at(b""));
        for i in 0..plain.len() {
            for c in [b'0', b'9', b'@'] {
                let mut b = plain.as_bytes().to_vec();
                b[i] = c;
                assert!(has_digit_or_at(&b), "{} at {i}", c as char);
            }
        }
        assert!(
            !has_digit_or_at(b"/:`?"),
            "the bytes either side of the digits"
        );
    }

    #[test]
    fn columns_of_places_and_of_courses_say_nothing_about_people() {
        let det = Detector::new(&Policy::default()).unwrap();
        let r = det.scan_contents(
            "map.csv",
            "Year,Unit,Key places / case studies\n\
             9,Rivers,Melton Harcourt; Rutland Water\n\
             10,Coasts,Abbey Wood; Lulworth Cove\n",
        );
        assert!(!r.personal_data, "{:?}", r.findings);
        let r = det.scan_contents(
            "cpd.csv",
            "Date,Staff member,Role,CPD activity\n\
             2023-10-01,Priya Raghunathan,AHT,Mental Health First Aid (Youth)\n\
             2023-11-21,Tariq Mahmood,Head of Maths,Access Arrangements assessor training\n",
        );
        assert!(r.personal_data, "{:?}", r.findings);
        assert!(!r.special_category, "{:?}", r.findings);
        // Still sensitive: seats given to pupils are no place; a person's training needs
        // or a course of action are no course taken; a year group's cohort in a table
        // about pupils is the row's pupil's group; a note beside a course is about the
        // person.
        for csv in [
            "Club,Places allocated\nChess,Amara Okafor; Leo Brennan (EHCP)\n",
            "Staff member,Course of action\n\
             Priya Raghunathan,Occupational health referral for depression and anxiety\n",
            "Name,Training needs\nPriya Raghunathan,Needs time off - depression and anxiety\n",
            "Pupil,Group\nAmara Okafor,Y6 pupil premium children\n",
            "Staff member,Course,Notes\n\
             Priya Raghunathan,Team Teach,Postponed: she is off sick with anxiety\n",
        ] {
            let r = det.scan_contents("list.csv", csv);
            assert!(r.special_category, "{csv}: {:?}", r.findings);
        }
    }

    #[test]
    fn a_sensitive_cells_excerpt_does_not_say_whose_it_is() {
        let det = Detector::new(&Policy::default()).unwrap();
        let r = det.scan_contents(
            "medical.csv",
            "Pupil,Medical notes\nAmara Okafor,Amara has asthma (Okafor family aware)\n",
        );
        let excerpts: Vec<&str> = r.findings.iter().map(|f| f.excerpt.as_str()).collect();
        assert!(
            excerpts.contains(&"A•••• has asthma (O•••••"),
            "{excerpts:?}"
        );
        assert!(
            !excerpts
                .iter()
                .any(|e| e.contains("Amara") || e.contains("Okafor"))
        );
        assert_eq!(
            sensitive_excerpt(&det, "Asthma - inhaler in red bag"),
            "Asthma - inhaler in red "
        );
    }

    #[test]
    fn role_mailboxes_are_not_people() {
        assert!(role_mailbox("office@oakfield.sch.uk"));
        assert!(role_mailbox("Admin2@x.org"));
        assert!(role_mailbox("KITCHEN@x.org"));
        assert!(
            role_mailbox("\u{212A}itchen@x.org"),
            "Kelvin sign lower-cases to k"
        );
        assert!(!role_mailbox("kitchens@x.org"));
        assert!(role_mailbox("bookings@museum.org.uk"));
        assert!(!role_mailbox("j.whitfield@oakfield.sch.uk"));
        assert!(role_mailbox("allstaff@oakfield.sch.uk"));
        assert!(role_mailbox("Year7Team@oakfield.sch.uk"));
        assert!(role_mailbox("LADO@kirklees.gov.uk"));
        // Departments, though "Music", "French" and "Art" are names too.
        assert!(role_mailbox("music@fernhill-academy.org.uk"));
        assert!(role_mailbox("PE@oakfield.sch.uk"));
        assert!(role_mailbox("french@oakfield.sch.uk"));
        assert!(!role_mailbox("l.french@oakfield.sch.uk"));
        assert!(
            !role_mailbox("art@gmail.com"),
            "a person's, at a personal provider"
        );
    }

    #[test]
    fn organisations_mailboxes_are_not_people() {
        let names = super::super::names::Names::bundled();
        for org in [
            "eos@aqa.org.uk",
            "quarrybank@nationaltrust.org.uk",
            "childrens.services@leeds.gov.uk",
            "groupvisits@chesterzoo.org",
            "curriculum@ocr.org.uk",
            "uniform@oakfield.sch.uk",
            "appeals@brookvale.sch.uk",
            "class3k@oakridge.sch.uk",
            "nurture@oakfield.sch.uk",
            "sixth.form@oakfield.sch.uk",
            "exams.officer@oakfield.sch.uk",
        ] {
            assert!(names.organisation_mailbox(org), "{org}");
        }
        for person in [
            "amara.okafor@oakfield.sch.uk",
            "jsmith@oakfield.sch.uk",
            "smithj@oakfield.sch.uk",
            "okafor@oakfield.sch.uk",
            "jayden2010@oakfield.sch.uk",
            "20417@oakfield.sch.uk",
            "j.k.whitfield@oakfield.sch.uk",
            "tendai.chikwanha@oakfield.sch.uk",
            "bukola_adesanya@oakfield.sch.uk",
            "amaraokafor@oakfield.sch.uk",
            "okaforamara@nhs.net",
            "coolkid2009@gmail.com",
            "skaterboi@hotmail.co.uk",
            "mwojcik@oakfield.sch.uk",
            "zoë.kowalczyk@oakfield.sch.uk",
        ] {
            assert!(!names.organisation_mailbox(person), "{person}");
        }
    }
}
