/* app.c -- e2e case primes-c: counts the primes below 30 by calling
 * is_prime(i) for i = 0..29 (prints "10 primes below 30").  is_prime is
 * noinline and external so that every call stays a real call at -O2; its
 * trial-division loop depends on the argument, so nothing folds away. */
#include <stdio.h>

__attribute__((noinline)) int is_prime(int n) {
  if (n < 2)
    return 0;
  for (int d = 2; d * d <= n; d++)
    if (n % d == 0)
      return 0;
  return 1;
}

int main(void) {
  int count = 0;
  for (int i = 0; i < 30; i++)
    if (is_prime(i))
      count++;
  printf("%d primes below 30\n", count);
  return 0;
}
