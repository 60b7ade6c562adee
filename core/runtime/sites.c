/* sites.c -- report rows added while a wei monitor is bound
 * (runtime.h: whamm_rt_site_row, whamm_rt_site_rows, whamm_rt_alloc_zero,
 * whamm_rt_site_map).
 *
 * A monitor compiled by `whamm instr --target wei` does not know the
 * program's sites: the report table it carries has the kinds and the runs
 * (empty), and each site's `$aN` helper appends its rows here, in the
 * compact layout of runtime.h, as the engine binds the monitor.  A run's
 * bytes and the table of function names move to the heap as they grow;
 * a run's contexts' lists (rows.h) are made on its first row. */
#include "runtime.h"

#include "mem.h"
#include "rows.h"

#define RUN_MIN_CAP 64u

/* Per run: its buffer, and what the rows appended so far end with (the
 * bits that do not fill a byte yet are in the buffer's last byte as well,
 * counted in the run's length; the next row rewrites it). */
typedef struct {
    uint32_t cap;        /* bytes the run's buffer holds (0: in the image) */
    RtRowEnd end;
} RunEnd;

static RunEnd *ends;     /* one per run, made on the first row */
static uint32_t nends;
static uint32_t nrows;   /* rows added */

uint8_t *whamm_rt_alloc_zero(uint32_t size)
{
    uint8_t *p = whamm_rt_alloc(size);
    for (uint32_t i = 0; i < size; i++)
        p[i] = 0;
    return p;
}

static void copy_bytes(uint8_t *to, const uint8_t *from, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        to[i] = from[i];
}

/* Room for `more` bytes after the complete bytes of run r (its length is
 * in bits). */
static uint8_t *run_room(WhammRtRun *r, RunEnd *e, uint32_t more)
{
    uint32_t len = r->len >> 3;
    if (len + more > e->cap) {
        uint32_t cap = e->cap ? e->cap * 2 : RUN_MIN_CAP;
        while (cap < len + more)
            cap *= 2;
        uint8_t *bytes = whamm_rt_alloc(cap);
        copy_bytes(bytes, rt_ptr(r->bytes), len);
        if (e->cap)
            whamm_rt_free(rt_ptr(r->bytes));
        r->bytes = rt_addr(bytes);
        e->cap = cap;
    }
    return (uint8_t *)rt_ptr(r->bytes) + len;
}

/* The name of function fid, kept the first time a row names it (as its
 * bytes: the report quotes or escapes them when it prints them). */
static void note_name(WhammRtKinds *k, uint32_t fid, const uint8_t *name,
                      uint32_t len)
{
    if (fid >= k->nnames) {
        uint32_t n = fid + 1 > k->nnames * 2 ? fid + 1 : k->nnames * 2;
        WhammRtName *names = (WhammRtName *)whamm_rt_alloc(
            n * (uint32_t)sizeof *names);
        const WhammRtName *old = rt_ptr(k->names);
        for (uint32_t i = 0; i < n; i++) {
            names[i].text = i < k->nnames ? old[i].text : 0;
            names[i].len = i < k->nnames ? old[i].len : WHAMM_RT_UNNAMED;
        }
        k->names = rt_addr(names);
        k->nnames = n;
    }
    WhammRtName *names = rt_ptr(k->names);
    if (names[fid].len != WHAMM_RT_UNNAMED || len == 0 ||
        len >= WHAMM_RT_RAW_NAME)
        return;
    names[fid].text = rt_addr(whamm_rt_str_keep(name, len));
    names[fid].len = len | WHAMM_RT_RAW_NAME;
}

void whamm_rt_site_row(WhammRtReport *report, uint32_t run, uint32_t kind,
                       uint32_t size, const uint8_t *fname,
                       uint32_t fname_len, uint32_t fid, uint32_t pc,
                       uint32_t value)
{
    WhammRtKinds *k = (WhammRtKinds *)(report + 1);
    if (!ends) {
        nends = k->nruns;
        ends = (RunEnd *)whamm_rt_alloc_zero(nends * (uint32_t)sizeof *ends +
                                             1);
    }
    if (run >= nends)
        return; /* never: the monitor names its own runs */
    WhammRtRun *r = (WhammRtRun *)rt_ptr(k->runs) + run;
    RunEnd *e = &ends[run];
    if (!e->end.s.ctx)
        e->end.s.ctx = (RtCtxList *)whamm_rt_alloc_zero(
            WHAMM_RT_NCTX * (uint32_t)sizeof(RtCtxList));
    uint8_t *p = run_room(r, e, WHAMM_RT_ROW_MAX + 1);
    uint32_t n = rt_row_put_site(p, &e->end, kind, size, fid, pc, value);
    p[n] = rt_row_last_byte(&e->end);
    r->len = rt_row_bits(&e->end, (r->len >> 3) + n);
    note_name(k, fid, fname, fname_len);
    nrows++;
}

uint32_t whamm_rt_site_rows(void)
{
    return nrows;
}

WhammRtMap *whamm_rt_site_map(const WhammRtMap *model)
{
    WhammRtMap *m = (WhammRtMap *)whamm_rt_alloc_zero(
        (uint32_t)sizeof *m);
    m->id = model->id;
    m->key_type = model->key_type;
    m->val_type = model->val_type;
    m->key_size = model->key_size;
    m->val_size = model->val_size;
    m->key_name = model->key_name;
    m->val_name = model->val_name;
    return m;
}
