/* collatz.h -- Collatz sequence lengths. */
#ifndef SAMPLE_COLLATZ_H
#define SAMPLE_COLLATZ_H
int collatz_len(int x);
#endif
