/* oob.c -- tests/host case trap: sums 1..10 through add() (10 calls),
 * prints the sum, then stores far outside memory: a trap the program does
 * not raise itself ("memory access out of bounds"), so only the host can
 * get the report printed (whamm_flush). */
#include <stdio.h>

__attribute__((noinline)) int add(int a, int b) { return a + b; }

int main(void) {
  int s = 0;
  for (int i = 1; i <= 10; i++)
    s = add(s, i);
  printf("sum=%d\n", s);
  fflush(stdout);
  *(volatile int *)0xFFFFFFF0u = s;
  printf("not reached\n");
  return 0;
}
