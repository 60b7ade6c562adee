// json.mm -- e2e case report-json (args: --report-format=json): every kind
// of report value as JSON -- integers at their extremes, floats with NaN,
// the infinities and -0, bools, strings that need escapes or are not
// UTF-8, tuples, maps with tuple keys, an empty map (docs/instr.md "The
// report").
report var big: u64 = 18446744073709551615;
report var low: i64 = -9223372036854775807 - 1;
report var small: i8 = -128;
report var half: f64 = 0.5;
report var third: f32 = 1.0 / 3.0;
report var nan: f64 = 0.0 / 0.0;
report var pinf: f32 = 1.0 / 0.0;
report var ninf: f64 = -1.0 / 0.0;
report var nz: f64 = -0.0;
report var yes: bool = true;
report var texts: map<u32, str>;
report var nest: (u32, (bool, str));
report var lens: map<(u32, bool), u32>;
report var never: map<u32, u32>;

wasm:func:entry(local0: i32, local1: i32) / fname == "take" / {
    report var calls: u32;
    report var got: str;
    var s: str = read_str(0, local0, local1 as u32);
    calls++;
    got = s;
    texts[local0 as u32] = s;
    nest = (local1 as u32, (local1 > 4, s));
    lens[(local1 as u32, local1 > 4)]++;
}
