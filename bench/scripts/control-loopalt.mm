// control-loopalt.mm -- bench/control.sh form `loopalt`: an alt on every
// loop with a predicate known only at run time that never holds: the
// loop goes into a block of whamm's, the predicate is computed before it
// and checked at the head of every iteration.
var armed: u32;
report var replaced: u32;

wasm:begin {
    armed = 7;
}

wasm:opcode:loop:alt / armed == 8 / {
    replaced++;
}
