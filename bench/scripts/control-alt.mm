// control-alt.mm -- bench/control.sh form `alt`: every i32.add replaced
// by an alt probe that computes the same sum from its saved operands.
// (`printed` is never changed: it makes the run print a report, which
// bench/control.sh checks.)
report var printed: u32;

wasm:opcode:i32.add(arg0: i32, arg1: i32):alt {
    return arg1 + arg0;
}
