// sieve.c -- bench kernel: sieve of Eratosthenes over a byte array, repeated.
// Prints the number of primes below N and a checksum over the repetitions.
#include <stdio.h>
#include <string.h>

#define N 2000000
#define REPS 50

static unsigned char composite[N];

int main(void) {
    unsigned long long check = 0;
    int count = 0;
    for (int rep = 0; rep < REPS; rep++) {
        memset(composite, 0, sizeof composite);
        count = 0;
        for (int i = 2; i < N; i++) {
            if (composite[i]) continue;
            count++;
            check = check * 31 + (unsigned)i;
            for (long long j = (long long)i * i; j < N; j += i) composite[j] = 1;
        }
    }
    printf("sieve: primes below %d: %d checksum %llu\n", N, count, check);
    return 0;
}
