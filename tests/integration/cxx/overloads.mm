// overloads.mm -- calls of each of geo::scale's two overloads: a probe on
// function entry whose predicate names the overload by its full name (as
// the module's name section has it), one report variable each.
wasm:func:entry / fname == "geo::scale(int)" / {
    report var scale_int: u32;
    scale_int++;
}
wasm:func:entry / fname == "geo::scale(double)" / {
    report var scale_double: u32;
    scale_double++;
}
