#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rules_fuzz::resident_id(&rules_fuzz::text(data));
});
