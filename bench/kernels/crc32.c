// crc32.c -- bench kernel: table-driven CRC-32 (IEEE) over a pseudo-random buffer,
// repeated.  Prints the CRCs combined into a checksum.
#include <stdint.h>
#include <stdio.h>

#define LEN (1 << 20)
#define REPS 120

static uint8_t buf[LEN];
static uint32_t table[256];

static uint32_t crc32(const uint8_t *p, size_t n, uint32_t crc) {
    crc = ~crc;
    for (size_t i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < LEN; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    uint32_t check = 0;
    for (int rep = 0; rep < REPS; rep++) {
        uint32_t c = crc32(buf, LEN, (uint32_t)rep);
        check = check * 2654435761u + c;
        buf[rep] ^= (uint8_t)c;
    }
    printf("crc32: %d x %d bytes checksum %08x\n", REPS, LEN, check);
    return 0;
}
