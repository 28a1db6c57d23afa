/* A tight C price-time order book, the anchor for `datamarket bench matching`.
 *
 * Not part of the product: a peer measured on this machine, as the issue describes it —
 * array-indexed price levels, intrusive FIFO queues, a free-list order pool. It replays an
 * order-stream CSV written by `datamarket bench matching --export-orders FILE --workload W`
 * (actions new/cancel, limit gtc and market ioc, optional instrument column) in two ways:
 *
 *   dense  — ids assigned by the book (pool slots): a first, untimed pass resolves every cancel
 *            to the slot its order occupies, then a fresh book replays the slot commands (timed);
 *   hashed — the 64-bit ids of the file, looked up in an open-addressing table of the resting
 *            orders (timed); an id is forgotten when its order leaves the book;
 *   history — hashed, plus what the order-stream contract needs on top: every accepted id is
 *            remembered (for duplicate_order_id / not_active), in an 8-byte-key open-addressing
 *            set checked and extended on every new order (timed);
 *   prefetched — history, with the memory each row's ids will touch (its slot in the history
 *            set, its slot in the resting table) prefetched 32 rows ahead: the same work as
 *            history, with the latency-hiding that `datamarket`'s order-stream processor uses.
 *
 * Build: cc -O2 -march=native -o book book.c    Run: ./book FILE.csv [repeats] [window ticks]
 * Prints one CSV line per variant: name,commands,cpu_s,ns_per_command,trades,resting.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { int64_t price; uint64_t id; int32_t open, next, prev, book; } Order; /* 32 bytes */
typedef struct { int32_t head, tail; } Level;                                        /* 8 bytes  */
typedef struct { int64_t base; int32_t best_bid, best_ask; Level *levels; } Book;

static int32_t SPAN = 1 << 16; /* ticks per book window, centred on the first price (argv[3]) */

static Order *orders; static int32_t norders, cap_orders;
static int32_t *free_list; static int32_t nfree;
static Book *books; static int nbooks;
static uint64_t trades;

static void reset(int nb) {
  for (int b = 0; b < nbooks; b++) free(books[b].levels);
  free(books); free(orders); free(free_list);
  nbooks = nb; books = calloc(nb, sizeof(Book));
  cap_orders = 1 << 17; orders = malloc(sizeof(Order) * cap_orders); norders = 0;
  free_list = malloc(sizeof(int32_t) * cap_orders); nfree = 0; trades = 0;
  for (int b = 0; b < nb; b++) {
    books[b].levels = malloc(sizeof(Level) * SPAN);
    for (int i = 0; i < SPAN; i++) books[b].levels[i].head = books[b].levels[i].tail = -1;
    books[b].base = -1; books[b].best_bid = -1; books[b].best_ask = SPAN;
  }
}

static inline int32_t alloc_order(void) {
  if (nfree) return free_list[--nfree];
  if (norders == cap_orders) {
    cap_orders *= 2;
    orders = realloc(orders, sizeof(Order) * cap_orders);
    free_list = realloc(free_list, sizeof(int32_t) * cap_orders);
  }
  return norders++;
}

/* Match; calls on_done(slot) for each maker that fills completely. Returns the remainder. */
static int32_t (*on_done)(int32_t slot, uint64_t id);
static inline int32_t match(int b, int buy, int64_t limit, int32_t qty) {
  Book *bk = &books[b];
  if (bk->base < 0) return qty;
  while (qty > 0) {
    int32_t idx = buy ? bk->best_ask : bk->best_bid;
    if (buy ? idx >= SPAN : idx < 0) break;
    int64_t price = bk->base + idx;
    if (buy ? price > limit : price < limit) break;
    Level *lv = &bk->levels[idx];
    while (lv->head >= 0 && qty > 0) {
      Order *o = &orders[lv->head];
      int32_t q = qty < o->open ? qty : o->open;
      o->open -= q; qty -= q; trades++;
      if (o->open == 0) {
        int32_t s = lv->head, nx = o->next;
        lv->head = nx;
        if (nx >= 0) orders[nx].prev = -1; else lv->tail = -1;
        free_list[nfree++] = s;
        if (on_done) on_done(s, o->id);
      }
    }
    if (lv->head < 0) {
      if (buy) { do idx++; while (idx < SPAN && bk->levels[idx].head < 0); bk->best_ask = idx; }
      else     { do idx--; while (idx >= 0 && bk->levels[idx].head < 0);   bk->best_bid = idx; }
    }
  }
  return qty;
}

static inline int32_t rest(int b, int buy, int64_t price, int32_t qty, uint64_t id) {
  Book *bk = &books[b];
  if (bk->base < 0) bk->base = price - SPAN / 2;
  int32_t idx = (int32_t)(price - bk->base);
  if (idx < 0 || idx >= SPAN) { fprintf(stderr, "price %lld outside the window\n", (long long)price); exit(1); }
  int32_t s = alloc_order();
  Level *lv = &bk->levels[idx];
  Order *o = &orders[s];
  o->price = price; o->id = id; o->open = qty; o->next = -1; o->prev = lv->tail; o->book = b;
  if (lv->tail >= 0) orders[lv->tail].next = s; else lv->head = s;
  lv->tail = s;
  if (buy) { if (idx > bk->best_bid) bk->best_bid = idx; }
  else if (idx < bk->best_ask) bk->best_ask = idx;
  return s;
}

static inline void cancel(int32_t s) {
  Order *o = &orders[s];
  Book *bk = &books[o->book];
  int32_t idx = (int32_t)(o->price - bk->base);
  Level *lv = &bk->levels[idx];
  if (o->prev >= 0) orders[o->prev].next = o->next; else lv->head = o->next;
  if (o->next >= 0) orders[o->next].prev = o->prev; else lv->tail = o->prev;
  free_list[nfree++] = s;
  if (lv->head < 0) {
    if (idx == bk->best_bid) { do idx--; while (idx >= 0 && bk->levels[idx].head < 0); bk->best_bid = idx; }
    else if (idx == bk->best_ask) { do idx++; while (idx < SPAN && bk->levels[idx].head < 0); bk->best_ask = idx; }
  }
}

/* Open addressing, linear probing, backward-shift deletion: resting ids only. */
typedef struct { uint64_t key; int32_t slot; } Entry;
static Entry *table; static uint64_t mask;
static inline uint64_t mix(uint64_t z) {
  z += 0x9E3779B97F4A7C15ull; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull; return z ^ (z >> 31);
}
static inline void table_put(uint64_t key, int32_t slot) {
  uint64_t i = mix(key) & mask;
  while (table[i].slot >= 0) i = (i + 1) & mask;
  table[i].key = key; table[i].slot = slot;
}
static inline int64_t table_find(uint64_t key) {
  uint64_t i = mix(key) & mask;
  while (table[i].slot >= 0) { if (table[i].key == key) return (int64_t)i; i = (i + 1) & mask; }
  return -1;
}
static inline void table_erase(uint64_t i) {
  uint64_t j = i;
  for (;;) {
    j = (j + 1) & mask;
    if (table[j].slot < 0) break;
    uint64_t home = mix(table[j].key) & mask;
    if (((j - home) & mask) >= ((j - i) & mask)) { table[i] = table[j]; i = j; }
  }
  table[i].slot = -1;
}
static int32_t erase_done(int32_t slot, uint64_t id) { (void)slot; table_erase((uint64_t)table_find(id)); return 0; }

typedef struct { int64_t price; uint64_t id; int32_t qty, book, slot; uint8_t kind, buy; } Cmd; /* kind 0 limit, 1 cancel, 2 market */

static double cpu(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static Cmd *cmds; static size_t ncmds; static int maxbook;

static void load(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { perror(path); exit(2); }
  char line[512];
  size_t cap = 1 << 20; cmds = malloc(sizeof(Cmd) * cap);
  if (!fgets(line, sizeof line, f)) exit(2);
  while (fgets(line, sizeof line, f)) {
    if (ncmds == cap) { cap *= 2; cmds = realloc(cmds, sizeof(Cmd) * cap); }
    char *field[11] = {0}; int n = 0; char *p = line;
    field[n++] = p;
    for (; *p && *p != '\n'; p++) if (*p == ',' && n < 11) { *p = 0; field[n++] = p + 1; }
    *p = 0;
    if (n != 9 && n != 10) {
      fprintf(stderr, "%s:%zu: expected 9 or 10 columns (ts,action,order_id,side,type,tif,price,qty,owner[,instrument]), found %d\n",
              path, ncmds + 2, n);
      exit(2);
    }
    Cmd c = {0};
    c.id = strtoull(field[2], 0, 10);
    c.book = n > 9 && field[9][0] == 'B' ? atoi(field[9] + 1) : 0;
    if (c.book > maxbook) maxbook = c.book;
    if (field[1][0] == 'c') c.kind = 1;
    else {
      c.buy = field[3][0] == 'b'; c.qty = atoi(field[7]);
      if (field[4][0] == 'm') c.kind = 2; else { c.kind = 0; c.price = atoll(field[6]); }
    }
    cmds[ncmds++] = c;
  }
  fclose(f);
}

static uint64_t *history; static uint64_t history_mask; static int history_zero;
/* Inserts id into the history set; returns 0 if it was there already. */
static inline int history_insert(uint64_t id) {
  if (id == 0) { int was = history_zero; history_zero = 1; return !was; }
  uint64_t i = mix(id) & history_mask;
  while (history[i]) { if (history[i] == id) return 0; i = (i + 1) & history_mask; }
  history[i] = id;
  return 1;
}

enum { AHEAD = 32 };
static void run(int hashed, int remember, int prefetch) {
  reset(maxbook + 1);
  for (size_t i = 0; i < ncmds; i++) {
    Cmd *c = &cmds[i];
    if (prefetch && i + AHEAD < ncmds) {
      uint64_t id = cmds[i + AHEAD].id, h = mix(id);
      if (cmds[i + AHEAD].kind != 1) __builtin_prefetch(&history[h & history_mask], 1);
      __builtin_prefetch(&table[h & mask], 1);
    }
    if (remember && c->kind != 1 && !history_insert(c->id)) continue; /* duplicate_order_id */
    if (c->kind == 1) {
      if (hashed) { int64_t e = table_find(c->id); if (e >= 0) { int32_t s = table[e].slot; table_erase((uint64_t)e); cancel(s); } }
      else cancel(c->slot);
    } else {
      int32_t left = match(c->book, c->buy, c->kind == 2 ? (c->buy ? INT64_MAX : INT64_MIN) : c->price, c->qty);
      if (left > 0 && c->kind == 0) {
        int32_t s = rest(c->book, c->buy, c->price, left, c->id);
        if (hashed) table_put(c->id, s);
      }
    }
  }
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: book FILE.csv [repeats]\n"); return 2; }
  int repeats = argc > 2 ? atoi(argv[2]) : 3;
  if (argc > 3) SPAN = atoi(argv[3]);
  load(argv[1]);
  /* Size the id table for the most orders ever resting at once (a cheap untimed count). */
  uint64_t size = 16; while (size < ncmds * 2) size <<= 1;
  table = malloc(sizeof(Entry) * size); mask = size - 1;
  /* Resolve cancels to slots (untimed): a hashed pass that records the slot of each cancel. */
  for (uint64_t i = 0; i <= mask; i++) table[i].slot = -1;
  on_done = erase_done;
  reset(maxbook + 1);
  for (size_t i = 0; i < ncmds; i++) {
    Cmd *c = &cmds[i];
    if (c->kind == 1) {
      int64_t e = table_find(c->id);
      if (e < 0) { fprintf(stderr, "line %zu: cancel of an order that does not rest\n", i + 2); return 1; }
      c->slot = table[e].slot; table_erase(e); cancel(c->slot);
    } else {
      int32_t left = match(c->book, c->buy, c->kind == 2 ? (c->buy ? INT64_MAX : INT64_MIN) : c->price, c->qty);
      if (left > 0 && c->kind == 0) table_put(c->id, rest(c->book, c->buy, c->price, left, c->id));
    }
  }
  int32_t peak = norders; /* pool high-water mark = most orders resting at once */
  size = 16; while (size < (uint64_t)peak * 4) size <<= 1;
  free(table); table = malloc(sizeof(Entry) * size); mask = size - 1;
  uint64_t hsize = 16; while (hsize < ncmds * 2) hsize <<= 1;
  history = malloc(sizeof(uint64_t) * hsize); history_mask = hsize - 1;
  static const char *names[] = {"dense", "hashed", "history", "prefetched"};
  for (int variant = 0; variant < 4; variant++) {
    double best[16]; int n = repeats < 16 ? repeats : 15;
    uint64_t t = 0; int32_t resting = 0;
    for (int r = 0; r < n; r++) {
      for (uint64_t i = 0; i <= mask; i++) table[i].slot = -1;
      memset(history, 0, sizeof(uint64_t) * hsize); history_zero = 0;
      on_done = variant ? erase_done : 0;
      double t0 = cpu();
      run(variant > 0, variant >= 2, variant == 3);
      best[r] = cpu() - t0;
      t = trades; resting = norders - nfree;
    }
    for (int i = 1; i < n; i++) for (int j = i; j > 0 && best[j] < best[j - 1]; j--) { double x = best[j]; best[j] = best[j - 1]; best[j - 1] = x; }
    double med = best[n / 2];
    printf("%s,%zu,%.3f,%.1f,%llu,%d\n", names[variant], ncmds, med, med * 1e9 / ncmds, (unsigned long long)t, resting);
  }
  return 0;
}
