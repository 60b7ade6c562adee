// lib-counts.rs -- e2e case lib-rust: a user library built by rustc for
// wasm32-wasi, as the reference's libraries are: its own memory (17
// pages: a 1 MiB stack), data, a stack pointer global, Rust's allocator
// growing the memory, a HashMap (seeded through WASI random_get), a Mutex
// and println! (WASI fd_write).
use std::collections::HashMap;
use std::sync::Mutex;

static COUNTS: Mutex<Option<HashMap<i32, u32>>> = Mutex::new(None);

#[no_mangle]
pub extern "C" fn hit(fid: i32) {
    let mut g = COUNTS.lock().unwrap();
    *g.get_or_insert_with(HashMap::new).entry(fid).or_insert(0) += 1;
}

/// Prints one line per function seen, by fid; returns how many.
#[no_mangle]
pub extern "C" fn summary() -> i32 {
    let g = COUNTS.lock().unwrap();
    let mut v: Vec<(i32, u32)> = g
        .as_ref()
        .map(|m| m.iter().map(|(k, n)| (*k, *n)).collect())
        .unwrap_or_default();
    v.sort();
    for (k, n) in &v {
        println!("fid {}: {} calls", k, n);
    }
    v.len() as i32
}
