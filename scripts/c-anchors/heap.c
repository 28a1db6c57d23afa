/* A plain C binary heap doing the hold model, the anchor for `datamarket bench kernel`.
 *
 * Not part of the product: a peer measured on this machine, as issue 2 describes it — a binary
 * min-heap of 16-byte entries (time, FIFO sequence), pop then push, each pop scheduling one event
 * at now + Exp(1) drawn from xoshiro256** (the project's generator, same open-interval mapping).
 *
 * Build: cc -O2 -o heap heap.c -lm    Run: ./heap PENDING EVENTS   (prints ns/event, CPU time)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t s[4] = {1, 2, 3, 4};
static inline uint64_t next(void) {
  const uint64_t result = rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return result;
}

typedef struct { double t; uint64_t seq; } E;
static E *h; static int n;
static inline int lt(E a, E b) { return a.t < b.t || (a.t == b.t && a.seq < b.seq); }
static void push(E e) {
  int i = n++;
  while (i > 0) { int p = (i - 1) / 2; if (lt(e, h[p])) { h[i] = h[p]; i = p; } else break; }
  h[i] = e;
}
static E pop(void) {
  E top = h[0], last = h[--n];
  int i = 0;
  for (;;) {
    int l = 2 * i + 1;
    if (l >= n) break;
    int m = l;
    if (l + 1 < n && lt(h[l + 1], h[l])) m = l + 1;
    if (lt(h[m], last)) { h[i] = h[m]; i = m; } else break;
  }
  h[i] = last;
  return top;
}
static double expo(void) { return -log(((next() >> 12) + 0.5) * (1.0 / 4503599627370496.0)); }

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: heap PENDING EVENTS\n"); return 2; }
  int P = atoi(argv[1]); long N = atol(argv[2]);
  h = malloc(sizeof(E) * (P + 10));
  uint64_t seq = 0;
  for (int i = 0; i < P; i++) push((E){expo(), seq++});
  struct timespec a, b;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
  double sum = 0;
  for (long k = 0; k < N; k++) { E e = pop(); sum += e.t; push((E){e.t + expo(), seq++}); }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
  double sec = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9;
  printf("heap,hold-%d,%.1f ns/event,checksum %g\n", P, sec * 1e9 / N, sum);
  return 0;
}
