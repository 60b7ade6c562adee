// strings.mm -- e2e case lib-strings: whamm strings copied into a
// library's memory and back.  Expected values: NOTES.
use whamm_core;
use text;

wasm:end {
    var p: i32 = text.buf_addr();
    write_str(memid(text), p, "banana");
    whamm_core.puti32(text.count(p, 6, 97));
    whamm_core.putc(10);
    var n: i32 = text.greet();
    var g: str = read_str(memid(text), p, n as u32);
    whamm_core.puts(g.addr() as i32, g.len() as i32);
    whamm_core.putc(10);
    memcpy(memid(text), (p + 3) as u32, memid(text), p as u32, 4);
    var h: str = read_str(memid(text), p, 12);
    whamm_core.puts(h.addr() as i32, h.len() as i32);
    whamm_core.putc(10);
    whamm_core.puti32(mem_size(memid(text)) as i32);
    whamm_core.putc(10);
}
