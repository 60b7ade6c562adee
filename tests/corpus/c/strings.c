/* strings.c -- malloc/free/realloc and string handling with printf.
 * Splits a sentence into a malloc'ed singly linked list of words, reverses
 * it, joins it back with a growing realloc'ed buffer, counts word
 * frequencies in a chained hash table (djb2), sorts the table entries with
 * qsort (comparator via function pointer), exercises <string.h> (strlen,
 * strcmp, strncmp, strchr, strrchr, strstr, memcpy, memmove, memset,
 * strncpy), snprintf into fixed buffers (with truncation), <ctype.h>
 * (toupper), strtol/atoi, and prints argc.  Tracks allocations so that it
 * can show every malloc was freed.  Deterministic; exit code 0. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation" /* truncation below is intended */
#endif

static int n_alloc, n_free;
static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    printf("out of memory\n");
    exit(1);
  }
  n_alloc++;
  return p;
}
static void xfree(void *p) {
  if (p) n_free++;
  free(p);
}
static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = xmalloc(n);
  memcpy(d, s, n);
  return d;
}

struct word {
  char *text;
  struct word *next;
};

static struct word *split(const char *s) {
  struct word *head = NULL, **tail = &head;
  while (*s) {
    while (*s == ' ') s++;
    if (!*s) break;
    const char *start = s;
    while (*s && *s != ' ') s++;
    struct word *w = xmalloc(sizeof *w);
    w->text = xmalloc((size_t)(s - start) + 1);
    memcpy(w->text, start, (size_t)(s - start));
    w->text[s - start] = '\0';
    w->next = NULL;
    *tail = w;
    tail = &w->next;
  }
  return head;
}

static struct word *reverse(struct word *w) {
  struct word *prev = NULL;
  while (w) {
    struct word *next = w->next;
    w->next = prev;
    prev = w;
    w = next;
  }
  return prev;
}

static char *join(const struct word *w, const char *sep) {
  size_t cap = 4, len = 0;
  char *buf = xmalloc(cap);
  buf[0] = '\0';
  for (; w; w = w->next) {
    size_t need = len + strlen(w->text) + strlen(sep) + 1;
    if (need > cap) {
      while (cap < need) cap *= 2;
      buf = realloc(buf, cap); /* realloc keeps the allocation count */
    }
    if (len) {
      strcpy(buf + len, sep);
      len += strlen(sep);
    }
    strcpy(buf + len, w->text);
    len += strlen(w->text);
  }
  return buf;
}

#define BUCKETS 16
struct entry {
  char *key;
  int count;
  struct entry *next;
};
static struct entry *table[BUCKETS];

static unsigned djb2(const char *s) {
  unsigned h = 5381;
  while (*s) h = h * 33 + (unsigned char)*s++;
  return h;
}

static void count_word(const char *w) {
  unsigned b = djb2(w) % BUCKETS;
  for (struct entry *e = table[b]; e; e = e->next)
    if (strcmp(e->key, w) == 0) {
      e->count++;
      return;
    }
  struct entry *e = xmalloc(sizeof *e);
  e->key = xstrdup(w);
  e->count = 1;
  e->next = table[b];
  table[b] = e;
}

static int by_count_then_key(const void *a, const void *b) {
  const struct entry *x = *(const struct entry *const *)a, *y = *(const struct entry *const *)b;
  if (x->count != y->count) return y->count - x->count;
  return strcmp(x->key, y->key);
}

int main(int argc, char **argv) {
  (void)argv;
  printf("argc=%d\n", argc);
  const char *sentence = "the quick brown fox jumps over the lazy dog and the dog sleeps  ";
  struct word *words = split(sentence);
  int n = 0;
  for (struct word *w = words; w; w = w->next) n++;
  printf("words=%d\n", n);

  char *forward = join(words, " ");
  printf("forward: \"%s\" (len %zu)\n", forward, strlen(forward));
  words = reverse(words);
  char *backward = join(words, ", ");
  printf("reversed: \"%s\"\n", backward);

  for (struct word *w = words; w; w = w->next) count_word(w->text);
  struct entry *all[64];
  int m = 0;
  for (int b = 0; b < BUCKETS; b++)
    for (struct entry *e = table[b]; e; e = e->next) all[m++] = e;
  qsort(all, (size_t)m, sizeof all[0], by_count_then_key);
  printf("distinct=%d:", m);
  for (int i = 0; i < m; i++) printf(" %s:%d", all[i]->key, all[i]->count);
  printf("\n");
  printf("djb2(\"hello\")=%u djb2(\"\")=%u\n", djb2("hello"), djb2(""));

  printf("strcmp: %d %d %d, strncmp(\"abcd\",\"abcx\",3)=%d\n", strcmp("a", "b") < 0, strcmp("b", "a") > 0,
         strcmp("same", "same"), strncmp("abcd", "abcx", 3));
  const char *p = strchr(forward, 'q'), *r = strrchr(forward, 'o'), *s = strstr(forward, "lazy");
  printf("strchr at %d, strrchr at %d, strstr at %d, missing=%s\n", (int)(p - forward), (int)(r - forward),
         (int)(s - forward), strstr(forward, "cat") ? "found" : "null");

  char buf[32];
  memset(buf, '.', sizeof buf);
  buf[31] = '\0';
  memcpy(buf, "0123456789", 10);
  memmove(buf + 2, buf, 10); /* overlapping */
  printf("memmove: %s\n", buf);
  strncpy(buf, "xyz", 5);
  printf("strncpy: %s|%d%d\n", buf, buf[3], buf[4]);

  char small[8];
  int want = snprintf(small, sizeof small, "%s-%d", "truncated", 12345);
  printf("snprintf wanted %d, got \"%s\"\n", want, small);
  char fmt[64];
  snprintf(fmt, sizeof fmt, "[%5d|%-5d|%05d|%x|%X|%o|%c|%%]", 42, 42, 42, 255, 255, 8, 'A');
  printf("%s\n", fmt);
  printf("[%10s|%-10s|%.3s]\n", "right", "left", "truncate");

  char *up = xstrdup(sentence);
  for (char *q = up; *q; q++) *q = (char)toupper((unsigned char)*q);
  printf("upper: %s|\n", up);
  printf("strtol(\"-0x1F\",16)=%ld atoi(\"  123abc\")=%d strtol(\"777\",8)=%ld\n", strtol("-0x1F", NULL, 16),
         atoi("  123abc"), strtol("777", NULL, 8));

  xfree(up);
  xfree(forward);
  xfree(backward);
  while (words) {
    struct word *next = words->next;
    xfree(words->text);
    xfree(words);
    words = next;
  }
  for (int b = 0; b < BUCKETS; b++)
    while (table[b]) {
      struct entry *next = table[b]->next;
      xfree(table[b]->key);
      xfree(table[b]);
      table[b] = next;
    }
  printf("allocs=%d frees=%d\n", n_alloc, n_free);
  return 0;
}
