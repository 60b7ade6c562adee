// A funcref lives in a script global, a probe local or a function's
// parameter; whamm's memory (report/unshared variables) cannot hold one,
// and Wasm cannot compare two function references.
var g: funcref;
wasm:opcode:call_indirect:before {
    report var kept: funcref;
    unshared var mine: funcref;
    var f: funcref = target_funcref;
    if (f == g) { g = f; }
    if (f != target_funcref) { g = f; }
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_funcref.mm:6:5: error: a `report` variable cannot hold a funcref: whamm keeps those in memory, and a function reference is not bytes (keep `resolved_fid` instead) [E0514]
//     6 |     report var kept: funcref;
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~
// err_funcref.mm:7:5: error: an `unshared` variable cannot hold a funcref: whamm keeps those in memory, and a function reference is not bytes (keep `resolved_fid` instead) [E0514]
//     7 |     unshared var mine: funcref;
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~~~
// err_funcref.mm:9:9: error: funcref values cannot be compared with `==` (Wasm cannot compare function references); compare `resolved_fid` instead [E0503]
//     9 |     if (f == g) { g = f; }
//       |         ^~~~~~
// err_funcref.mm:10:9: error: funcref values cannot be compared with `!=` (Wasm cannot compare function references); compare `resolved_fid` instead [E0503]
//    10 |     if (f != target_funcref) { g = f; }
//       |         ^~~~~~~~~~~~~~~~~~~
