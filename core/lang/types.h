/* types.h -- whamm's types: the primitives, tuples,
 * maps and the internal `unknown`; the TYPE syntax parser used by scripts
 * and provider definitions alike; printing and predicates.
 *
 * TYPE := PRIMITIVE | '(' ')' | '(' TYPE (',' TYPE)* ')' | 'map<' TYPE ',' TYPE '>'
 * PRIMITIVE := u8|i8|u16|i16|u32|i32|f32|u64|i64|f64|bool|str|funcref
 * (provider definitions may also say `unknown`).
 *
 * Primitive types are static singletons; composite types live in the
 * arena they were parsed or built in.  Compare with ty_equal. */
#ifndef WHAMM_LANG_TYPES_H
#define WHAMM_LANG_TYPES_H

#include "../util/util.h"

typedef enum {
    TY_U8, TY_I8, TY_U16, TY_I16, TY_U32, TY_I32, TY_F32, TY_U64, TY_I64,
    TY_F64, TY_BOOL, TY_STR, TY_FUNCREF,
    TY_TUPLE,       /* n elems; n == 0 is `()` */
    TY_MAP,         /* key, val */
    TY_UNKNOWN,     /* provider "type not known" (argN without a bound) */
    TY_KIND_COUNT
} TypeKind;

typedef struct Type Type;
struct Type {
    TypeKind kind;
    uint32_t n;               /* tuple arity */
    const Type *const *elems; /* tuple elements */
    const Type *key, *val;    /* map */
};

/* The singletons, indexed by kind (TY_TUPLE is the unit type `()`): for
 * tables built at compile time (the compiled-in provider definitions). */
extern const Type ty_prims[TY_KIND_COUNT];
/* The singleton of a primitive kind (TY_U8 ... TY_FUNCREF, TY_UNKNOWN). */
const Type *ty_prim(TypeKind kind);
const Type *ty_unit(void);    /* () */
const Type *ty_tuple(Arena *a, const Type *const *elems, uint32_t n);
const Type *ty_map(Arena *a, const Type *key, const Type *val);

/* Parses a whole TYPE from text[0..len).  allow_unknown admits `unknown`
 * (provider definitions).  On error returns NULL and sets *err_off to the
 * byte offset of the problem and err to a message. */
const Type *ty_parse(Arena *a, const char *text, size_t len,
                     bool allow_unknown, size_t *err_off, char *err,
                     size_t errlen);

/* Canonical spelling: u32, (i32,str), map<u32,(i32,i32)>, (), unknown. */
void ty_print(Buf *b, const Type *t);
/* Convenience: canonical spelling in the arena. */
const char *ty_name(Arena *a, const Type *t);
/* Rust Debug spelling used in the reference's messages: U32,
 * Boolean, Str, Tuple { ty_info: [I32, I32] }, Map { key_ty: I32, val_ty:
 * I32 }, Unknown. */
void ty_print_debug(Buf *b, const Type *t);

bool ty_equal(const Type *a, const Type *b);
bool ty_is_int(const Type *t);
bool ty_is_float(const Type *t);
bool ty_is_numeric(const Type *t);
bool ty_is_signed(const Type *t);
/* Bits of an integer or float type (8, 16, 32, 64); 0 otherwise. */
unsigned ty_bits(const Type *t);

/* Compiled, a value is a sequence of Wasm values: one per scalar, bool or
 * map, two per str, a tuple's elements' in order.  whamm holds at most
 * TY_MAX_WASM_VALUES of them in one value (a tuple with 9 strs is too big). */
#define TY_MAX_WASM_VALUES 16
/* How many Wasm values a value of type t takes (see above); 0 for types
 * with no value (funcref, unit, unknown). */
uint32_t ty_wasm_values(const Type *t);

#endif
