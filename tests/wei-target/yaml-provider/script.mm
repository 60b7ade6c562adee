// script.mm -- wei-target case yaml-provider: probes on the events of a
// provider that only YAML defines (extra-defs/syscall.yaml).
report var opens: u64;
report var bytes: u64;
syscall:posix:open / pid == 3 && flags != 0 / {
    opens++;
}
syscall:posix:read {
    report var reads: u32;
    reads++;
    bytes = bytes + count + (fd as u64);
}
