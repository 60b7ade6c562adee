/* app.c -- e2e case top-malloc: 3000 malloc'd blocks of 1..4093 bytes,
 * every third one realloc'd to 4 times its size, filled with known bytes
 * and summed at the end: about 14 MB, so malloc grows memory many times.
 * take(i % 1000) is called once per block (the probe's key). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N = 3000 };

volatile unsigned last_key; /* keeps the calls of take at -O2 */

__attribute__((noinline)) void take(unsigned key) { last_key = key; }

static unsigned block_size(unsigned i) { return 1 + (i * 37) % 4093; }

int main(void) {
  unsigned char **blocks = malloc(N * sizeof *blocks);
  if (!blocks)
    return 1;
  for (unsigned i = 0; i < N; i++) {
    take(i % 1000);
    blocks[i] = malloc(block_size(i));
    if (!blocks[i])
      return 1;
    memset(blocks[i], (int)(i & 0xFF), block_size(i));
  }
  for (unsigned i = 0; i < N; i += 3) {
    unsigned size = block_size(i);
    blocks[i] = realloc(blocks[i], size * 4);
    if (!blocks[i])
      return 1;
    memset(blocks[i] + size, (int)((i + 1) & 0xFF), size * 3);
  }
  unsigned long long sum = 0, bytes = 0;
  for (unsigned i = 0; i < N; i++) {
    unsigned size = block_size(i) * (i % 3 == 0 ? 4 : 1);
    for (unsigned k = 0; k < size; k++)
      sum += blocks[i][k];
    bytes += size;
    free(blocks[i]);
  }
  free(blocks);
  printf("bytes=%llu sum=%llu\n", bytes, sum);
  return 0;
}
