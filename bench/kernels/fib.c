// fib.c -- bench kernel: naive doubly recursive Fibonacci (calls and returns).
// Prints fib(N).
#include <stdio.h>

#define N 38

__attribute__((noinline)) static unsigned fib(unsigned n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    (void)argv;
    unsigned n = N + (unsigned)(argc > 100); /* not a compile-time constant */
    printf("fib: fib(%u) = %u\n", n, fib(n));
    return 0;
}
