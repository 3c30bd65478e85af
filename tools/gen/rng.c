/* rng.c - splitmix64 + xoshiro256**; never rand()/time(). */
#include "rng.h"

uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void rng_seed(Rng *r, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t x = a * 0x100000001B3ULL ^ 0xA0761D6478BD642FULL;
    x ^= splitmix64(&x) + b * 0xE7037ED1A0B428DBULL;
    x ^= splitmix64(&x) + c * 0x8EBC6AF09C88C6E3ULL;
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t rng_u64(Rng *r)
{
    uint64_t *s = r->s;
    uint64_t res = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    return res;
}

double rng_f(Rng *r) { return (double)(rng_u64(r) >> 11) * (1.0 / 9007199254740992.0); }

int rng_int(Rng *r, int lo, int hi)
{
    if (hi <= lo) return lo;
    return lo + (int)(rng_u64(r) % (uint64_t)(hi - lo + 1));
}

double rng_range(Rng *r, double lo, double hi) { return lo + (hi - lo) * rng_f(r); }
int rng_chance(Rng *r, double p) { return rng_f(r) < p; }

double rng_gauss(Rng *r)
{
    double s = 0;
    for (int i = 0; i < 4; i++) s += rng_f(r);
    return (s - 2.0) * 1.7320508; /* var of sum of 4 U = 1/3 */
}
