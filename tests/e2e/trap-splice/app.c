/* app.c -- e2e case trap-splice: main calls check(1), check(5), check(9),
 * check(13); the fourth prints a message and calls abort(), whose body
 * is only the trap (`unreachable`).  The divisor is volatile so that the
 * remainder stays an i32.rem_s at -O2 too; check is noinline so that it
 * stays a function of its own, named `check`. */
#include <stdio.h>
#include <stdlib.h>

static volatile int divisor = 7;

__attribute__((noinline)) int check(int value) {
  if (value > 10) {
    printf("value %d too large, aborting\n", value);
    fflush(stdout);
    abort();
  }
  return value % divisor + value;
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
