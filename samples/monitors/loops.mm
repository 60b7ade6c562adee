// loops.mm -- loop tracer: per loop, how often the program entered it and
// how many iterations it ran in all.
// Report: per `loop` instruction, an `entered` row (before the loop: once
// per entry from outside) and an `iterations` row (at the head of its
// body: once per iteration, the first included), both at the loop's pc.
// iterations / entered is the mean trip count.
wasm:opcode:loop:before {
    report var entered: u64;
    entered++;
}

wasm:opcode:loop:entry {
    report var iterations: u64;
    iterations++;
}
