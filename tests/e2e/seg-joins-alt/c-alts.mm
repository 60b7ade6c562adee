// c-alts.mm -- e2e case seg-joins-alt: the block of del goes; the block
// of grd and the loop of lp are left out when their operand is 1.
wasm:opcode:block:alt / fname == "del" / {
}

wasm:opcode:block(arg0: i32):alt / fname == "grd" && arg0 == 1 / {
    return 7;
}

wasm:opcode:loop(arg0: i32):alt / fname == "lp" && arg0 == 1 / {
}
