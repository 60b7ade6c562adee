// RUN: check --user-libs mylib=../libs/mylib.wasm {}
// Compiler functions and string methods.
use mylib;
wasm:opcode:call:before {
    var eq: bool = strcmp((0, 3), "abc");
    var has: bool = strcontains((0, 3), "b");
    var mem: u32 = memid(mylib);
    memcpy(0, 0, 1, 0, 16);
    var st: u32 = active_data_start(0) + active_data_len(0);
    var ps: u32 = page_size(0) + mem_size(APP_MEMID);
    write_str(1, 0, "hi");
    var rs: str = read_str(0, 0, 4);
    var n: u32 = target_fn_name.len();
    var ad: u32 = fname.addr();
    var sw: bool = target_imp_module.starts_with("env") ||
        opname.ends_with("call") || fname.contains("main");
    alt_call_by_name("other");
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
