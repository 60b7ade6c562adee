// any.mm -- e2e case error-app: any valid script; the app is malformed.
report var count: u64;
wasm:opcode:*:before {
    count++;
}
