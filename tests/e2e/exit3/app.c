/* app.c -- e2e case exit3 (after tests/corpus/c/exit3.c): main calls
 * check(1), check(5), check(9), check(13); the fourth prints a message and
 * calls exit(3), which runs the atexit handler, flushes stdio and ends in
 * WASI proc_exit(3).  check is noinline (and external) so that it stays a
 * function of its own, named `check`, at -O2 too. */
#include <stdio.h>
#include <stdlib.h>

static void goodbye(void) { printf("atexit handler ran\n"); }

__attribute__((noinline)) int check(int value) {
  if (value > 10) {
    printf("value %d too large, exiting with status 3\n", value);
    exit(3);
  }
  return value * 2;
}

int main(void) {
  atexit(goodbye);
  int total = 0;
  for (int i = 1; i <= 20; i += 4) {
    total += check(i);
    printf("i=%d total=%d\n", i, total);
  }
  printf("not reached\n");
  return 0;
}
