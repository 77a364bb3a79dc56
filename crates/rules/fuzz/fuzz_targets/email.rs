#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rules_fuzz::email(&rules_fuzz::text(data));
});
