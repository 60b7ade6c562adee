// values.mm -- tests/report case values: strings a CSV field must quote
// (a comma, quotes, CR/LF, a leading space) or JSON must escape (quotes,
// controls, bytes that are not UTF-8), and numbers at their extremes, read
// back with Python's csv and json modules.
report var texts: map<u32, str>;
report var last: str;
report var pair: (str, u32);
report var big: u64 = 18446744073709551615;
report var neg: i32 = -5;
report var frac: f64 = -0.25;
report var nan: f32 = 0.0 / 0.0;
report var yes: bool = true;

wasm:func:entry(local0: i32, local1: i32) / fname == "take" / {
    report var seen: str;
    var s: str = read_str(0, local0, local1 as u32);
    seen = s;
    texts[local0 as u32] = s;
    last = s;
    pair = (s, local1 as u32);
}
