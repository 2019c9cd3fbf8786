//! Remembering what the values of a table's columns say.
//!
//! Most columns of an export repeat a few values ("M" and "F", "N" and "Y", "WBRI", the
//! same forenames). What a value's text says on its own (the identifiers in it that pass
//! their checks, the names and sensitive words in it, whether it reads as a name) is the
//! same wherever it stands, so it is worked out once per distinct value of a column and
//! remembered for the rest of the file. What that means for the file (whose row the value
//! is in, whether the row is about someone) is still decided cell by cell.
//!
//! Memory stays bounded: values longer than [`MAX_KEY`] bytes are not remembered, a
//! column remembers at most [`PER_COLUMN`] values and a file at most [`TOTAL`]; a column
//! whose values rarely repeat (UPNs, phone numbers) stops being looked up after
//! [`TRIAL`] cells.

use rustc_hash::FxHashMap as HashMap;

use super::names::Found;
use super::rules::KeywordHit;

/// Values longer than this (notes, comments) are rarely repeated: not remembered.
const MAX_KEY: usize = 64;
/// The most values one column remembers.
const PER_COLUMN: usize = 1024;
/// The most values a file remembers, over all its columns.
const TOTAL: usize = 16 * 1024;
/// After this many cells, a column where fewer than one value in four was seen before
/// is no longer looked up.
const TRIAL: u32 = 256;

/// What a value's text says on its own, each part worked out when first needed.
#[derive(Default)]
pub struct CellFacts {
    /// The identifiers in it that pass their checks: (rule, start, end), by rule then
    /// start.
    pub ids: Option<Vec<(usize, usize, usize)>>,
    /// The names in it (read as a table's cell: without the file's given names).
    pub names: Option<Found>,
    /// The sensitive words in it.
    pub keywords: Option<Vec<KeywordHit>>,
    /// Whether, in a column of names, it reads as a name.
    pub plausible_name: Option<bool>,
    /// Whether it says there is nothing to say ("None known").
    pub negative: Option<bool>,
    /// These facts will be remembered: worth keeping what is worked out.
    pub kept: bool,
}

impl CellFacts {
    /// Whether the facts worked out before say the value holds nothing: no name, no
    /// sensitive word, and no identifier (or it could hold none: `may_hold_id` false).
    pub fn holds_nothing(&self, may_hold_id: impl FnOnce() -> bool) -> bool {
        self.names
            .as_ref()
            .is_some_and(|f| f.names.is_empty() && f.figure_surnames.is_empty())
            && self.keywords.as_ref().is_some_and(Vec::is_empty)
            && match &self.ids {
                Some(ids) => ids.is_empty(),
                None => !may_hold_id(),
            }
    }
}

#[derive(Default)]
struct Column {
    /// Where each remembered value's facts are, in [`CellMemo::slots`].
    values: HashMap<Box<str>, u32>,
    /// Cells looked up, and those whose value was remembered.
    looked: u32,
    found: u32,
    /// No longer looked up.
    off: bool,
}

/// The values remembered for one file.
#[derive(Default)]
pub struct CellMemo {
    columns: Vec<Column>,
    slots: Vec<CellFacts>,
    /// The sheet whose columns these are.
    sheet: String,
    /// The slots are lent out (see [`CellMemo::lend`]).
    lent: bool,
    /// Remembers nothing (to check that remembering changes no answer).
    #[cfg(test)]
    pub forget: bool,
}

impl CellMemo {
    /// Forgets everything (a new file).
    pub fn clear(&mut self) {
        self.columns.clear();
        self.slots.clear();
        self.lent = false;
    }

    /// Where the facts of `text` in column `col` of `sheet` are kept in
    /// [`CellMemo::lend`]'s list (none worked out yet when it is new); `None` when they
    /// are not kept (no column, or not worth it).
    pub fn slot(&mut self, sheet: &str, col: Option<usize>, text: &str) -> Option<usize> {
        if self.lent {
            // The slots lent for the last cell never came back (reading it failed):
            // start afresh rather than trust the columns' places in them.
            self.clear();
        }
        #[cfg(test)]
        if self.forget {
            return None;
        }
        let col = col.filter(|_| text.len() <= MAX_KEY)?;
        // (Lengths first: most tables, every CSV file, have one sheet named "", and an
        // empty string is best not handed to `memcmp`, which may read at its dangling
        // address and stall.)
        if self.sheet.len() != sheet.len() || (!sheet.is_empty() && self.sheet != sheet) {
            // Another sheet's columns hold other things.
            self.clear();
            self.sheet.clear();
            self.sheet.push_str(sheet);
        }
        if self.columns.len() <= col {
            self.columns.resize_with(col + 1, Column::default);
        }
        let c = &mut self.columns[col];
        if c.off {
            return None;
        }
        c.looked += 1;
        if let Some(&slot) = c.values.get(text) {
            c.found += 1;
            return Some(slot as usize);
        }
        if c.looked >= TRIAL && c.found * 4 < c.looked {
            c.off = true;
            c.values = HashMap::default();
            return None;
        }
        if c.values.len() >= PER_COLUMN || self.slots.len() >= TOTAL {
            return None;
        }
        let slot = self.slots.len();
        self.slots.push(CellFacts {
            kept: true,
            ..CellFacts::default()
        });
        c.values.insert(text.into(), slot as u32);
        Some(slot)
    }

    /// The facts kept, by slot, lent out while a cell is read: give them back with
    /// [`CellMemo::give_back`].
    pub fn lend(&mut self) -> Vec<CellFacts> {
        self.lent = true;
        std::mem::take(&mut self.slots)
    }

    pub fn give_back(&mut self, slots: Vec<CellFacts>) {
        self.slots = slots;
        self.lent = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` in column `col` as the engine does, noting whether it is negative.
    fn read(memo: &mut CellMemo, col: usize, text: &str) -> (bool, Option<bool>) {
        let slot = memo.slot("", Some(col), text);
        let mut slots = memo.lend();
        let mut scratch = CellFacts::default();
        let facts = slot.map_or(&mut scratch, |s| &mut slots[s]);
        let before = facts.negative;
        facts.negative.get_or_insert(text.starts_with("No"));
        let kept = facts.kept;
        memo.give_back(slots);
        (kept, before)
    }

    #[test]
    fn repeated_values_are_remembered_per_column() {
        let mut memo = CellMemo::default();
        assert_eq!(read(&mut memo, 2, "None known"), (true, None));
        assert_eq!(
            read(&mut memo, 2, "None known"),
            (true, Some(true)),
            "remembered"
        );
        // Another column, or another value, starts afresh.
        assert_eq!(read(&mut memo, 3, "None known"), (true, None));
        assert_eq!(read(&mut memo, 2, "Asthma"), (true, None));
        // Long values are not remembered, nor are pieces outside a column.
        let long = "x".repeat(MAX_KEY + 1);
        assert_eq!(read(&mut memo, 2, &long), (false, None));
        assert_eq!(memo.slot("", None, "Asthma"), None);
        // Another sheet starts afresh.
        assert_eq!(read(&mut memo, 2, "None known"), (true, Some(true)));
        assert!(memo.slot("Sheet2", Some(2), "None known").is_some());
        assert!(memo.slots[0].negative.is_none());
        memo.clear();
        assert_eq!(read(&mut memo, 2, "None known"), (true, None));
    }

    #[test]
    fn columns_of_values_that_never_repeat_are_given_up() {
        let mut memo = CellMemo::default();
        for n in 0..TRIAL + 10 {
            read(&mut memo, 0, &format!("A{n:012}"));
        }
        assert!(memo.columns[0].off);
        assert!(memo.columns[0].values.is_empty(), "memory given back");
        // A column of a few values stays.
        for n in 0..TRIAL + 10 {
            assert!(read(&mut memo, 1, ["M", "F"][n as usize % 2]).0);
        }
        assert!(!memo.columns[1].off);
        assert_eq!(memo.columns[1].found, TRIAL + 8);
    }

    #[test]
    fn slots_not_given_back_are_not_trusted() {
        let mut memo = CellMemo::default();
        read(&mut memo, 0, "Asthma");
        let slot = memo.slot("", Some(0), "Asthma");
        assert_eq!(slot, Some(0));
        let _lost = memo.lend(); // reading the cell failed: never given back
        assert_eq!(memo.slot("", Some(0), "Asthma"), Some(0));
        let slots = memo.lend();
        assert_eq!(slots.len(), 1, "started afresh");
        assert!(slots[0].negative.is_none());
        memo.give_back(slots);
    }

    #[test]
    fn memory_is_bounded() {
        let mut memo = CellMemo::default();
        for col in 0..40 {
            for n in 0..PER_COLUMN + 5 {
                // Every value twice, so that no column is given up.
                read(&mut memo, col, &n.to_string());
                read(&mut memo, col, &n.to_string());
            }
        }
        assert!(memo.columns.iter().all(|c| c.values.len() <= PER_COLUMN));
        assert_eq!(memo.slots.len(), TOTAL);
    }
}
