#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rules_fuzz::person_name(&rules_fuzz::text(data));
});
