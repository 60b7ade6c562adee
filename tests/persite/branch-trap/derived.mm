// The branch monitor: per if and br_if, how often it was taken and not.
// Its probe only counts in the arms of an if on the condition, so whamm
// puts the counts into the if's arms and before the back edge, and in a
// loop that calls nothing keeps them in locals.
wasm:opcode:br_if|if:before {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}
