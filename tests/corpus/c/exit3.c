/* exit3.c -- exits with a non-zero status via exit(3) after printing.
 * Output is written with printf (buffered) and must be flushed by exit();
 * an atexit() handler prints a last line; a message goes to stderr (not part
 * of the expected stdout).  Code after exit() is never reached.
 * Deterministic; exit code 3. */
#include <stdio.h>
#include <stdlib.h>

static void goodbye(void) { printf("atexit handler ran\n"); }

static int check(int value) {
  if (value > 10) {
    printf("value %d too large, exiting with status 3\n", value);
    fprintf(stderr, "exit3: fatal: value %d too large\n", value);
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
