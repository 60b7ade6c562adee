/* fib.c -- recursion and 64-bit integer arithmetic.
 * Recursive fib, Ackermann and gcd; iterative 64-bit fib up to F(93) (the
 * largest that fits in uint64_t); modular exponentiation; Collatz step counts;
 * signed/unsigned 64-bit division, remainder, shifts, wrap-around, and bit
 * counting builtins (i64.popcnt/clz/ctz).  Deterministic; exit code 0. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static unsigned fib_rec(unsigned n) { return n < 2 ? n : fib_rec(n - 1) + fib_rec(n - 2); }

static uint64_t fib_iter(unsigned n) {
  uint64_t a = 0, b = 1;
  while (n--) {
    uint64_t t = a + b;
    a = b;
    b = t;
  }
  return a;
}

static int ackermann(int m, int n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static uint64_t gcd(uint64_t a, uint64_t b) { return b == 0 ? a : gcd(b, a % b); }

/* m < 2^32, so every product fits in 64 bits */
static uint64_t powmod(uint64_t base, uint64_t exp, uint64_t m) {
  uint64_t r = 1;
  base %= m;
  while (exp) {
    if (exp & 1) r = r * base % m;
    base = base * base % m;
    exp >>= 1;
  }
  return r;
}

static unsigned collatz_steps(uint64_t n) {
  unsigned steps = 0;
  while (n != 1) {
    n = (n & 1) ? 3 * n + 1 : n / 2;
    steps++;
  }
  return steps;
}

int main(void) {
  printf("fib_rec:");
  for (unsigned i = 0; i <= 20; i++) printf(" %u", fib_rec(i));
  printf("\n");
  printf("fib_rec(25) = %u\n", fib_rec(25));
  printf("fib_iter(50) = %" PRIu64 "\n", fib_iter(50));
  printf("fib_iter(90) = %" PRIu64 "\n", fib_iter(90));
  printf("fib_iter(93) = %" PRIu64 "\n", fib_iter(93));
  printf("ackermann(2,3) = %d\n", ackermann(2, 3));
  printf("ackermann(3,3) = %d\n", ackermann(3, 3));
  printf("gcd(1071,462) = %" PRIu64 "\n", gcd(1071, 462));
  printf("gcd(F(60),F(45)) = %" PRIu64 "\n", gcd(fib_iter(60), fib_iter(45)));
  printf("powmod(2,10,1000) = %" PRIu64 "\n", powmod(2, 10, 1000));
  printf("powmod(2,64,1000000007) = %" PRIu64 "\n", powmod(2, 64, 1000000007));
  printf("powmod(3,1000000006,1000000007) = %" PRIu64 "\n", powmod(3, 1000000006, 1000000007));
  printf("collatz(27) = %u, collatz(97) = %u\n", collatz_steps(27), collatz_steps(97));

  int64_t neg = -7;
  uint64_t max = UINT64_MAX;
  printf("-7/2 = %" PRId64 ", -7%%2 = %" PRId64 "\n", neg / 2, neg % 2);
  printf("INT64_MIN = %" PRId64 ", INT64_MAX = %" PRId64 "\n", INT64_MIN, INT64_MAX);
  printf("UINT64_MAX = %" PRIu64 ", *3 = %" PRIu64 ", +2 = %" PRIu64 "\n", max, max * 3, max + 2);
  printf("1<<63 = %" PRIu64 ", >>60 = %" PRIu64 "\n", (uint64_t)1 << 63, ((uint64_t)1 << 63) >> 60);
  printf("-1>>1 (signed) = %" PRId64 "\n", (int64_t)-1 >> 1);
  printf("hex = 0x%016" PRIx64 "\n", (uint64_t)0xDEADBEEFCAFEBABEull);
  printf("popcount = %d, clz(1) = %d, ctz(256) = %d\n",
         __builtin_popcountll(0xF0F0F0F0F0F0F0F0ull), __builtin_clzll(1), __builtin_ctzll(256));
  printf("u32 wrap: %u\n", (uint32_t)(4000000000u + 500000000u));
  return 0;
}
