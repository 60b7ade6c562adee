// A map is used through its entries: assigning or comparing two maps
// as a whole is an error in `whamm check` as in `whamm instr`.
var a: map<u32, u32>;
var b: map<u32, u32>;
var c: map<u32, u32> = b;
wasm:opcode:br_if:before {
    a = b;
    if (a == b) { a[1] = 2; }
    if (a != b) { a[2] = b[2]; }
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_map_whole.mm:5:24: error: a map cannot be assigned as a whole [E0515]
//     5 | var c: map<u32, u32> = b;
//       |                        ^
// note: assign its entries instead: `m[key] = value;`
// err_map_whole.mm:7:9: error: a map cannot be assigned as a whole [E0515]
//     7 |     a = b;
//       |         ^
// note: assign its entries instead: `m[key] = value;`
// err_map_whole.mm:8:9: error: maps cannot be compared with `==`; compare their entries [E0515]
//     8 |     if (a == b) { a[1] = 2; }
//       |         ^~~~~~
// err_map_whole.mm:9:9: error: maps cannot be compared with `!=`; compare their entries [E0515]
//     9 |     if (a != b) { a[2] = b[2]; }
//       |         ^~~~~~
