/* app.c -- e2e case trap-abort: main calls check(1), check(5), check(9),
 * check(13); the fourth prints a message and calls abort(), which ends
 * the program with a trap (`unreachable`).  check is noinline so it stays
 * a function of its own, named `check`, at -O2 too. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) int check(int value) {
  if (value > 10) {
    printf("value %d too large, aborting\n", value);
    fflush(stdout);
    abort();
  }
  return value * 2;
}

int main(void) {
  int total = 0;
  for (int i = 1; i <= 20; i += 4) {
    total += check(i);
    printf("i=%d total=%d\n", i, total);
  }
  printf("not reached\n");
  return 0;
}
