#![no_main]
//! See `safecarry::fuzzing::detect` for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    safecarry::fuzzing::detect(data);
});
