// calls.mm -- e2e case calls-static: call counts under predicates on
// static bound values only (target_fn_name, imm0, fname, target_fn_type),
// folded per site; `never` has a predicate that folds to false at every
// call site (no function is named nosuch, and helper makes no calls).
// Expected (see NOTES): helper_calls 6, in_twice 2, never 0, to_fid2 2,
// to_import 1.
report var helper_calls: u32;
report var to_fid2: u32;
report var in_twice: u32;
report var to_import: u32;
report var never: u32;

wasm:opcode:call:before / target_fn_name == "helper" / {
    helper_calls++;
}

wasm:opcode:call:before / imm0 == 2 / {
    to_fid2++;
}

wasm:opcode:call:before / fname == "twice" / {
    in_twice++;
}

wasm:opcode:call:before / target_fn_type == "import" / {
    to_import++;
}

wasm:opcode:call:before / target_fn_name == "nosuch" || fname == "helper" / {
    report var never_here: u32;
    never_here++;
    never++;
}
