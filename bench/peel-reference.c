/* The C reference of `npm run bench peel`: a plain queue peeler for the 1-skill learner (SCNS with phi_1 = 1) with
 * the XOR trick (docs/THEORY.md §2 "The peeling engine": per text the count of its unlearned skills and the XOR of
 * their indices; a text whose count is 1 names its last skill in its XOR). It reads the graph that bench/peel.ts
 * wrote (little-endian int32: skills, texts, edges, the skill -> text CSR offsets and targets, the per-text counts
 * and XORs), peels it `repeats` times from the same start, and prints one line of JSON: the skills learned and the
 * median wall and CPU time of one peel in milliseconds. Built by the bench with the system cc (`cc -O2`).
 * Usage: peel-reference GRAPH_FILE REPEATS */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int32_t *read_ints(FILE *f, size_t n, const char *what) {
  int32_t *a = malloc((n ? n : 1) * sizeof(int32_t));
  if (!a || fread(a, sizeof(int32_t), n, f) != n) {
    fprintf(stderr, "peel-reference: cannot read %zu ints of %s\n", n, what);
    exit(1);
  }
  return a;
}

static double ms(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* One peel from the given counts and XORs; returns the number of skills learned. */
static int32_t peel(int32_t skills, int32_t texts, const int32_t *offsets, const int32_t *targets, const int32_t *counts0,
                    const int32_t *xors0, int32_t *count, int32_t *xr, uint8_t *learned, int32_t *queue) {
  memcpy(count, counts0, texts * sizeof(int32_t));
  memcpy(xr, xors0, texts * sizeof(int32_t));
  memset(learned, 0, skills);
  int32_t head = 0, tail = 0, n = 0;
  for (int32_t t = 0; t < texts; t++)
    if (count[t] == 1) queue[tail++] = t;
  while (head < tail) {
    int32_t t = queue[head++];
    if (count[t] != 1) continue; /* its skill was learned from another text meanwhile */
    int32_t s = xr[t];
    learned[s] = 1;
    n++;
    for (int32_t e = offsets[s], end = offsets[s + 1]; e < end; e++) {
      int32_t u = targets[e];
      xr[u] ^= s;
      if (--count[u] == 1) queue[tail++] = u;
    }
  }
  return n;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: peel-reference GRAPH_FILE REPEATS\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    fprintf(stderr, "peel-reference: cannot open %s\n", argv[1]);
    return 1;
  }
  int repeats = atoi(argv[2]);
  if (repeats < 1) repeats = 1;
  int32_t *head = read_ints(f, 3, "the header");
  int32_t skills = head[0], texts = head[1], edges = head[2];
  int32_t *offsets = read_ints(f, (size_t)skills + 1, "the offsets");
  int32_t *targets = read_ints(f, (size_t)edges, "the targets");
  int32_t *counts = read_ints(f, (size_t)texts, "the counts");
  int32_t *xors = read_ints(f, (size_t)texts, "the XORs");
  fclose(f);
  int32_t *count = malloc((size_t)texts * sizeof(int32_t));
  int32_t *xr = malloc((size_t)texts * sizeof(int32_t));
  int32_t *queue = malloc((size_t)texts * sizeof(int32_t));
  uint8_t *learned = malloc((size_t)skills);
  double *wall = malloc(repeats * sizeof(double));
  double *cpu = malloc(repeats * sizeof(double));
  int32_t n = peel(skills, texts, offsets, targets, counts, xors, count, xr, learned, queue); /* warm-up */
  for (int i = 0; i < repeats; i++) {
    double w = ms(CLOCK_MONOTONIC), c = ms(CLOCK_PROCESS_CPUTIME_ID);
    n = peel(skills, texts, offsets, targets, counts, xors, count, xr, learned, queue);
    cpu[i] = ms(CLOCK_PROCESS_CPUTIME_ID) - c;
    wall[i] = ms(CLOCK_MONOTONIC) - w;
  }
  qsort(wall, repeats, sizeof(double), by_value);
  qsort(cpu, repeats, sizeof(double), by_value);
  printf("{\"learned\":%d,\"wallMs\":%.3f,\"cpuMs\":%.3f}\n", n, wall[repeats / 2], cpu[repeats / 2]);
  return 0;
}
