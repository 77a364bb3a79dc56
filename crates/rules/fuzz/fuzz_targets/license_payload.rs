#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rules_fuzz::license_payload(&rules_fuzz::text(data));
});
