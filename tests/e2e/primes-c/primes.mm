// primes.mm -- e2e case primes-c (at -O0 and -O2): calls of is_prime seen
// at the call sites (before and after, static and run-time predicates) and
// at the callee's entry.  Expected: calls 30, entries 30, big_args 10
// (i = 20..29), primes 10 (2 3 5 7 11 13 17 19 23 29).
report var calls: u32;
report var entries: u32;
report var big_args: u32;
report var primes: u32;

wasm:opcode:call:before / target_fn_name == "is_prime" / {
    calls++;
}

wasm:opcode:call(arg0: i32):before / target_fn_name == "is_prime" && arg0 >= 20 / {
    big_args++;
}

wasm:opcode:call(res0: i32):after / target_fn_name == "is_prime" / {
    if (res0 != 0) {
        primes++;
    }
}

wasm:func:entry / fname == "is_prime" / {
    entries++;
}
