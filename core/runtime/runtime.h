/* runtime.h -- the instrumentation runtime's interface to emitted code
 * (the output is self-contained; report format: docs/instr.md "The
 * report").  The runtime is freestanding C compiled to a PIC Wasm library
 * and merged into the instrumented module (wasm_merge_library); these
 * functions are its exports.  All pointers are addresses in the memory the
 * runtime was merged into.
 *
 * The report.  Everything in a row but the value is known when the
 * module is instrumented, so the emitter lays out a static table: a header
 * (the format, and whether WHAMM_REPORT is honoured), then the rows.  The
 * runtime prints the banner (CSV) or the document's opening (JSON), then
 * every row's text and formatted value, through WASI fd_write on the
 * report's destination (docs/instr.md "The report").  A row's text up to
 * the value is in the report's format (CSV: "4, memaddr, count, u32, i32,
 * script0, main, 1, 20, 0_wasm:opcode:br_if:before, ", fields quoted as
 * RFC 4180 asks; JSON: "{\"id\": 4, \"id_type\": \"memaddr\", ...,
 * \"value\": ").  The rows come in one of two layouts:
 *  - plain (flags without WHAMM_RT_KINDS): WhammRtRow records, each naming
 *    its whole text but the id;
 *  - compact (WHAMM_RT_KINDS; what the emitter lays out): a module may
 *    have millions of per-site rows, which differ only in their function,
 *    pc and value, so the text is put together when the report is
 *    printed, from a table of row kinds (one per report variable of an
 *    expanded probe: the text around the site's columns and the type), a
 *    table of function names, and per-row bits (see WhammRtKinds).
 *
 * Type descriptors (one character per scalar, in memory order; values are
 * packed, no padding):
 *   B u8  b i8  H u16  h i16  I u32  i i32  L u64  l i64  f f32  d f64
 *   ? bool (4 bytes)  s str (u32 address, u32 length)
 *   ( ... ) a tuple of the descriptors inside, e.g. "(i(ii))"
 *   m a map: the u32 address of its WhammRtMap header (4 bytes); printed
 *     as whamm_rt_map_print does
 */
#ifndef WHAMM_RUNTIME_H
#define WHAMM_RUNTIME_H

#include <stdint.h>

typedef struct {
    uint32_t text;       /* address of the row's text up to the value */
    uint32_t text_len;
    uint32_t value;      /* address of the value */
    uint32_t type;       /* address of the NUL-terminated type descriptor */
} WhammRtRow;

#define WHAMM_RT_CSV 0u
#define WHAMM_RT_JSON 1u
/* flags: the environment variable WHAMM_REPORT chooses the destination
 * (stdout, stderr or a file).  Without it the report goes to stdout. */
#define WHAMM_RT_DEST_ENV 1u

/* flags: the rows are in the compact layout (WhammRtKinds at +8). */
#define WHAMM_RT_KINDS 2u

/* The report table: this header, then the rows (at +8): WhammRtRow
 * records, or with WHAMM_RT_KINDS a WhammRtKinds. */
typedef struct {
    uint32_t format;     /* WHAMM_RT_CSV or WHAMM_RT_JSON */
    uint32_t flags;      /* WHAMM_RT_DEST_ENV, WHAMM_RT_KINDS or 0 */
} WhammRtReport;

/* The compact layout.  The rows are in runs, printed one after the other;
 * a run is a string of bits, read from the lowest bit of each byte up, of
 * WhammRtRun.len bits (the last byte's unused high bits are 0).  Reading
 * keeps, per run: the previous row's fid and pc; three value registers,
 * `value` (the previous row's address), `other` and `stride`; the kinds
 * of the previous two rows, k1 and k2; and lists of recent row shapes.
 * All of it is 0, and the lists empty, before a run's first row.
 *
 * Shapes.  A site row in the previous row's function whose value address
 * is not a difference (a mode below other than DELTA) has a shape: its
 * kind, its pc's difference from the previous row's (any 32-bit one) and
 * its value mode.  A run has a list of up to WHAMM_RT_RECENT distinct
 * shapes (the run's list), and each of its 1 << WHAMM_RT_CTX_BITS
 * contexts one of up to WHAMM_RT_CTX_RECENT (the context's list), most
 * recent first.  A row's context is
 * ((k1 << 16 ^ k2) * 0x9E3779B1) >> (32 - WHAMM_RT_CTX_BITS), in 32-bit
 * arithmetic: with a probe on every instruction the kinds are the
 * opcodes, and two of them mostly tell the next one and the pc step.
 * Every row that has a shape moves it to the front of its context's list
 * (one not there is put there, the last one dropping off a full list);
 * one not found in its context's list does the same in the run's list.
 *
 * A row starts with u one bits (at most WHAMM_RT_ESCAPE):
 *  - u < WHAMM_RT_ESCAPE, then a zero bit, then u - 1 bits x when u > 1:
 *    the shape at position 0 (u = 0), 1 (u = 1), or (1 << (u - 1)) + x of
 *    the context's list as it is before the row;
 *  - u = WHAMM_RT_ESCAPE, then a bit 0 and WHAMM_RT_RECENT_BITS bits: the
 *    shape at that position of the run's list;
 *  - u = WHAMM_RT_ESCAPE, then a bit 1: a full row, unsigned LEB128
 *    numbers of 8 bits a byte: h = kind << WHAMM_RT_KIND_SHIFT |
 *    mode << WHAMM_RT_MODE_SHIFT | WHAMM_RT_SAME_FID (when it holds; kind
 *    is an index in `kinds`), then
 *      a site kind's fid, as a difference from the previous row's fid,
 *        unless SAME_FID (the same fid),
 *      a site kind's pc, as a difference from the previous row's pc,
 *      with mode WHAMM_RT_DELTA, the value's address as a difference from
 *        `value`.
 * A row of a shape has its kind, pc difference and value mode, and the
 * previous row's fid.  The value modes: SAME_VALUE, `value` (sites whose
 * counts the emitter derives from one counter per straight-line segment
 * share it); NEXT_VALUE, `value` plus the size of the row's type;
 * OTHER_VALUE and OTHER_NEXT, the same from `other`; STRIDE, `value`
 * plus `stride`; DELTA, the number.  A row of mode DELTA, OTHER_VALUE or
 * OTHER_NEXT sets `other` to `value`; every row then sets `stride` to its
 * address minus `value`, `value` to its address, k2 to k1 and k1 to its
 * kind.  (A counter shared by sites far apart, then the one after the
 * last counter again, is thus OTHER_VALUE then OTHER_NEXT; the rows of
 * one variable of a probe with several, in a run of their own, are
 * STRIDE apart.)
 * A difference d is the 32-bit wrapping one, zig-zag coded
 * ((d << 1) ^ (d >> 31), arithmetic shift).  A probe on every instruction
 * makes most rows one to four bits.  rows.h writes rows (the emitter and
 * sites.c share it) and keeps the state.
 *
 * A site row prints: the kind's text, the function's name from `names`
 * (by fid), the fid and pc (CSV: ", FID, PC, "; JSON: ", \"fid\": FID,
 * \"pc\": PC, \"probe_id\": "), then the kind's tail.  Any other row prints
 * the kind's text.  Then comes the value. */
#define WHAMM_RT_SAME_FID 1u
#define WHAMM_RT_MODE_SHIFT 1
#define WHAMM_RT_DELTA 0u
#define WHAMM_RT_SAME_VALUE 1u
#define WHAMM_RT_NEXT_VALUE 2u
#define WHAMM_RT_OTHER_VALUE 3u
#define WHAMM_RT_OTHER_NEXT 4u
#define WHAMM_RT_STRIDE 5u
#define WHAMM_RT_KIND_SHIFT 4
#define WHAMM_RT_ESCAPE 4u
#define WHAMM_RT_RECENT_BITS 6
#define WHAMM_RT_RECENT (1u << WHAMM_RT_RECENT_BITS)
#define WHAMM_RT_CTX_RECENT (1u << (WHAMM_RT_ESCAPE - 1))
#define WHAMM_RT_CTX_BITS 9

typedef struct {
    uint32_t text;       /* address of the text after the id ... */
    uint32_t text_len;   /* ... up to the fname (site) or the value */
    uint32_t tail;       /* site kinds: the text after the pc columns */
    uint32_t tail_len;   /*   up to the value */
    uint32_t type;       /* address of the NUL-terminated type descriptor */
    uint32_t site;       /* 1: a site kind */
} WhammRtKind;

/* A function's name as the report prints it (quoted or escaped already);
 * len WHAMM_RT_UNNAMED: it has none, `#FID` is printed (JSON: "#FID"). */
typedef struct {
    uint32_t text;
    uint32_t len;
} WhammRtName;
#define WHAMM_RT_UNNAMED 0xFFFFFFFFu
/* len with this bit (and not WHAMM_RT_UNNAMED): the name's raw bytes,
 * quoted or escaped when printed (names a wei monitor learns while it is
 * bound, sites.c). */
#define WHAMM_RT_RAW_NAME 0x80000000u

typedef struct {
    uint32_t bytes;      /* address of the run's rows */
    uint32_t len;        /* their length in bits */
} WhammRtRun;

typedef struct {
    uint32_t kinds;      /* address of WhammRtKind[] */
    uint32_t names;      /* address of WhammRtName[nnames], by fid */
    uint32_t nnames;
    uint32_t runs;       /* address of WhammRtRun[nruns] */
    uint32_t nruns;
} WhammRtKinds;

/* Prints the report (docs/instr.md "The report") of nrows rows (all the
 * runs' rows in the compact layout): CSV is an empty line,
 * the banner, the column header, then one line per row; JSON is an empty
 * line, then one document {"report": [row, ...]} with one row per line.
 * With WHAMM_RT_DEST_ENV it goes where WHAMM_REPORT says (the environment
 * is read once, here).  A destination that cannot be written is replaced
 * by stderr after one line there saying so.  Returns 0, or the WASI errno
 * when stderr failed too (the report is lost; nothing traps). */
int32_t whamm_rt_report(const WhammRtReport *report, uint32_t nrows);

/* ---- Rows added at bind time (sites.c) ------------------------------------
 * A wei monitor's report table has its kinds and (empty) runs; each site
 * adds its rows when the monitor is bound.  whamm_rt_site_row appends a
 * row of kind `kind` to run `run` (value of `size` bytes at `value`) and
 * keeps the function's name for fid; whamm_rt_site_rows says how many
 * were added (the report prints the table's rows plus these). */
void whamm_rt_site_row(WhammRtReport *report, uint32_t run, uint32_t kind,
                       uint32_t size, const uint8_t *fname,
                       uint32_t fname_len, uint32_t fid, uint32_t pc,
                       uint32_t value);
uint32_t whamm_rt_site_rows(void);

/* Formats one value by its descriptor into the output as a CSV report row
 * shows it, unquoted (the putX built-ins and tests use it); returns the
 * descriptor's end. */
const char *whamm_rt_put_value(const char *type, const uint8_t *value);
/* Appends raw bytes to the output / writes the output out (fd_write).
 * Output outside the report goes to stdout; once stdout has failed, to
 * stderr (after one line there saying so).  flush returns 0, or the WASI
 * errno when stderr failed too: output is then dropped. */
void whamm_rt_put_bytes(const uint8_t *bytes, uint32_t len);
int32_t whamm_rt_flush(void);

/* Strings (str.c): byte equality, prefix, suffix and substring tests of
 * (address, length) pairs; each returns 1 or 0. */
int32_t whamm_rt_str_eq(const uint8_t *a, uint32_t alen, const uint8_t *b,
                        uint32_t blen);
int32_t whamm_rt_str_starts(const uint8_t *s, uint32_t len,
                            const uint8_t *prefix, uint32_t plen);
int32_t whamm_rt_str_ends(const uint8_t *s, uint32_t len,
                          const uint8_t *suffix, uint32_t slen);
int32_t whamm_rt_str_contains(const uint8_t *s, uint32_t len,
                              const uint8_t *needle, uint32_t nlen);
/* Writes "whamm: <msg>" and a newline to stderr, then traps: the run-time
 * errors of emitted code (read_str out of state memory). */
_Noreturn void whamm_rt_fail(const uint8_t *msg, uint32_t len);
/* The same message without the trap. */
void whamm_rt_warn(const uint8_t *msg, uint32_t len);

/* ---- Maps (map.c; docs/instr.md "Maps and tuples") ------------------------
 *
 * A map lives in whamm's memory.  Its header is laid out by the emitter in
 * the state image (all fields below `statics` are zero there and belong to
 * the runtime).  Keys and values are records packed like report values
 * (descriptors above; a str part is (address, length)); key_size and
 * val_size are those packed sizes rounded up to a multiple of 4, so that
 * records stay 4-aligned.
 *
 * An entry is {u32 next; u32 present; key[key_size]; value[val_size]}:
 * the key at +8, the value at +8+key_size.  Entries whose key is known
 * when the module is instrumented ("static" entries, e.g. count[(fid, pc)])
 * are laid out by the emitter in the image, chained through `next` from
 * `statics`, with present = 0 and a zero value; emitted code updates their
 * value in place.  An entry is present when its present word is not 0 or
 * its value is not all zero bytes: an assignment sets present = 1, while
 * `m[k]++`/`--` on an integer value only sets it when the new value is 0
 * (a hot counter then costs no extra store).  The runtime takes
 * them into its hash table (all of them, present or not) before the first
 * find, insert or print of that map, so a dynamic key equal to a static
 * one reaches the same entry.  Entries the runtime creates are allocated
 * in its own heap; the string bytes of their keys are copied there (static
 * entries' key strings are literals in the image and are not copied).
 *
 * A missing key, or an entry with present = 0, is "not in the map". */
typedef struct {
    uint32_t id;         /* the map's id (creation order), print_map_as_csv */
    uint32_t key_type;   /* address of the key's NUL-terminated descriptor */
    uint32_t val_type;   /* address of the value's descriptor */
    uint32_t key_size;   /* bytes of a key record (multiple of 4) */
    uint32_t val_size;   /* bytes of a value record (multiple of 4) */
    uint32_t key_name;   /* NUL-terminated whamm type for the CSV header, */
    uint32_t val_name;   /*   e.g. "(i32,i32)" and "u32" */
    uint32_t statics;    /* first static entry, 0 if none */
    uint32_t count;      /* runtime: entries in the table */
    uint32_t cap;        /* runtime: table slots (0 or a power of two) */
    uint32_t table;      /* runtime: address of cap u32 entry addresses */
    uint32_t ingested;   /* runtime: statics taken into the table */
} WhammRtMap;

/* A new empty map for one site of a wei monitor (sites.c): the header of `model` (laid out by the
 * emitter, without static entries) copied, its runtime fields zero. */
WhammRtMap *whamm_rt_site_map(const WhammRtMap *model);

/* The value record of key's entry if it is present, else 0 (NULL).
 * key points to a key record (strings by address and length). */
uint8_t *whamm_rt_map_find(WhammRtMap *m, const uint8_t *key);
/* The value record of key's entry, created (zero value) when missing;
 * marks the entry present.  Traps with a message when memory runs out. */
uint8_t *whamm_rt_map_insert(WhammRtMap *m, const uint8_t *key);
/* Appends the map's value rendering to the output (as the report prints it):
 * present entries sorted by key, `key->value` joined by `;`, tuples in
 * keys and values as `(a,b)`; `empty map` when none. */
void whamm_rt_map_print(WhammRtMap *m);
/* print_map_as_csv (docs/instr.md "whamm_core"), to the output. */
void whamm_rt_map_print_csv(WhammRtMap *m);

/* whamm's heap (alloc.c), in the runtime's memory: pages come from
 * memory.grow, so it has no fixed capacity.  whamm_rt_alloc traps with a
 * message when memory cannot grow; alignment 8. */
uint8_t *whamm_rt_alloc(uint32_t size);
void whamm_rt_free(uint8_t *p);
/* A copy of (s, len) in the heap, kept until the program ends (a str value
 * stored in a map outlives read_str's heap). */
uint8_t *whamm_rt_str_keep(const uint8_t *s, uint32_t len);
/* size bytes from whamm_rt_alloc, zeroed (a wei monitor's per-site
 * block, sites.c). */
uint8_t *whamm_rt_alloc_zero(uint32_t size);

/* whamm_core's printing functions (core.c; docs/instr.md "whamm_core"): each
 * appends exactly the value to the output, no newline; floats as in the
 * report.  puts prints len bytes at ptr. */
void whamm_rt_putc(int32_t c);
void whamm_rt_puts(const uint8_t *ptr, uint32_t len);
void whamm_rt_putu8(uint32_t v);
void whamm_rt_puti8(int32_t v);
void whamm_rt_putu16(uint32_t v);
void whamm_rt_puti16(int32_t v);
void whamm_rt_putu32(uint32_t v);
void whamm_rt_puti32(int32_t v);
void whamm_rt_putu64(uint64_t v);
void whamm_rt_puti64(int64_t v);
void whamm_rt_putf32(float v);
void whamm_rt_putf64(double v);
void whamm_rt_putbool(int32_t v);

/* ---- User libraries' WASI calls (libwasi.c; docs/libraries.md) -----------
 *
 * A user library merged into the output keeps its memory in a region of
 * whamm's memory that starts at `base`; every address it passes is
 * relative to that region.  The emitter binds each WASI import of the
 * library to the function below of the same name, passing base first. */
int32_t whamm_rt_lib_fd_write(uint32_t base, int32_t fd, uint32_t iovs,
                              uint32_t n, uint32_t nwritten);
int32_t whamm_rt_lib_fd_fdstat_get(uint32_t base, int32_t fd, uint32_t out);
int32_t whamm_rt_lib_fd_seek(uint32_t base, int32_t fd, int64_t offset,
                             int32_t whence, uint32_t out);
int32_t whamm_rt_lib_fd_close(uint32_t base, int32_t fd);
int32_t whamm_rt_lib_environ_sizes_get(uint32_t base, uint32_t count,
                                       uint32_t size);
int32_t whamm_rt_lib_environ_get(uint32_t base, uint32_t environ,
                                 uint32_t buf);
int32_t whamm_rt_lib_args_sizes_get(uint32_t base, uint32_t count,
                                    uint32_t size);
int32_t whamm_rt_lib_args_get(uint32_t base, uint32_t argv, uint32_t buf);
int32_t whamm_rt_lib_random_get(uint32_t base, uint32_t buf, uint32_t len);
int32_t whamm_rt_lib_sched_yield(uint32_t base);
/* No directories are open to a library: EBADF (a monitor merged as a
 * library prints its report to stdout). */
int32_t whamm_rt_lib_fd_prestat_get(uint32_t base, int32_t fd, uint32_t out);
int32_t whamm_rt_lib_fd_prestat_dir_name(uint32_t base, int32_t fd,
                                         uint32_t path, uint32_t len);
int32_t whamm_rt_lib_path_open(uint32_t base, int32_t dirfd,
                               uint32_t dirflags, uint32_t path,
                               uint32_t path_len, uint32_t oflags,
                               uint64_t rights_base,
                               uint64_t rights_inheriting, uint32_t fdflags,
                               uint32_t fd);

/* ---- Derived counts (derive.c) --------------------------------------------
 * Some per-site counts are not counted but follow from others (the code
 * after an `if` without else runs as often as the code before it, minus
 * its then arm, plus the times that arm reaches the `end`; the code after
 * a block's `end` as often as the end is reached plus the br_table edges
 * to it are taken).  The emitter lists them in a table of `len` bytes at
 * `table`, in the order they were laid out (an entry may read a count an
 * entry before it made); every number is an unsigned LEB128 and every
 * distance in units of 8 bytes.  An entry starts with 4 * how far its u64
 * d lies after the previous entry's (0 before the first) + its kind, then
 * names a count a.  For kinds 0 and 1, a is the count that lies that
 * far before d.  For kinds 2 and 3, a is the sum of n adjacent edge
 * counts: the number is 8 * z + n - 1 (n from 1 to 8), where z says how
 * far the first lies from the end of the run the last entry of those
 * kinds read (0 before the first), zig zag (2m for m, 2m - 1 for -m).
 * Then for kinds 0 and 2 comes how far before d a count b lies.  Kind 0
 * stores a - b at d, kinds 1 and 3 add a to d, kind 2 stores a + b at d
 * (all wrapping).  Called once, before the report is printed. */
void whamm_rt_derive(uint32_t table, uint32_t len);
/* The kinds above, and the most edge counts an entry of kind 2 or 3
 * reads. */
enum {
    WHAMM_RT_DERIVE_DIFF, WHAMM_RT_DERIVE_ADD, WHAMM_RT_DERIVE_EDGE_SUM,
    WHAMM_RT_DERIVE_EDGE_ADD
};
#define WHAMM_RT_DERIVE_RUN_MAX 8u

#endif
