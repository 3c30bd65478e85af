/* rng.h - small deterministic PRNG (splitmix64 seeding + xoshiro256**). */
#ifndef AMCGEN_RNG_H
#define AMCGEN_RNG_H
#include <stdint.h>

typedef struct { uint64_t s[4]; } Rng;

uint64_t splitmix64(uint64_t *x);
void rng_seed(Rng *r, uint64_t a, uint64_t b, uint64_t c);
uint64_t rng_u64(Rng *r);
double rng_f(Rng *r);                 /* [0,1) */
int rng_int(Rng *r, int lo, int hi);  /* inclusive */
double rng_range(Rng *r, double lo, double hi);
int rng_chance(Rng *r, double p);
double rng_gauss(Rng *r);             /* approx N(0,1) */
#define RNG_PICK(r, arr) ((arr)[rng_int((r), 0, (int)(sizeof(arr) / sizeof((arr)[0])) - 1)])
#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#endif
