// static.mm -- bench/static.sh: a @static predicate at every call site.
use sel;
report var kept: u64;
wasm:opcode:call:before / @static sel.keep(fid as i32, pc as i32) == 1 / {
    kept++;
}
