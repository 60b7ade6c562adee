// dispatch.c -- bench kernel for bench/resolved.sh: a tiny stack machine
// whose every instruction runs through a table of function pointers (one
// call_indirect per executed instruction).  Prints a checksum.
#include <stdint.h>
#include <stdio.h>

typedef uint32_t (*op_fn)(uint32_t acc, uint32_t arg);
static uint32_t op_add(uint32_t a, uint32_t x) { return a + x; }
static uint32_t op_xor(uint32_t a, uint32_t x) { return a ^ (x * 2654435761u); }
static uint32_t op_rot(uint32_t a, uint32_t x) { return (a << (x & 31)) | (a >> (-x & 31)); }
static uint32_t op_mul(uint32_t a, uint32_t x) { return a * (x | 1); }
static op_fn ops[4] = {op_add, op_xor, op_rot, op_mul};

int main(void)
{
    enum { N = 4096, REPS = 4000 };
    static uint8_t code[N];
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        code[i] = (uint8_t)(seed >> 16);
    }
    uint32_t acc = 1;
    for (int r = 0; r < REPS; r++)
        for (int i = 0; i < N; i++)
            acc = ops[code[i] & 3](acc, code[i] >> 2);
    printf("dispatch: %d x %d ops checksum %u\n", REPS, N, acc);
    return 0;
}
