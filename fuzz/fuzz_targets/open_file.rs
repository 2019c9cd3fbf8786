#![no_main]
//! See `safecarry::fuzzing::open_file` for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    safecarry::fuzzing::open_file(data);
});
