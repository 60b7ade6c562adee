// quoting.mm -- e2e case report-csv-quoting: report values with a comma, a
// double quote, CR and LF, and whamm types with a comma (a tuple, maps):
// each such CSV field is quoted (RFC 4180, docs/instr.md "The report").
report var words: map<u32, str>;
report var last: str;
report var pair: (str, u32);
report var sizes: map<(u32, u32), u32>;

wasm:func:entry(local0: i32, local1: i32) / fname == "take" / {
    report var got: str;
    var s: str = read_str(0, local0, local1 as u32);
    got = s;
    words[local0 as u32] = s;
    last = s;
    pair = (s, local1 as u32);
    sizes[(local0 as u32, local1 as u32)]++;
}
