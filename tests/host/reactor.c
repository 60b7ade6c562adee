/* reactor.c -- tests/host case reactor: a library module (no main, built
 * with -mexec-model=reactor) exporting square(n), which calls mul() once. */
__attribute__((noinline)) int mul(int a, int b) { return a * b; }

__attribute__((export_name("square"))) int square(int n) {
  return mul(n, n);
}
