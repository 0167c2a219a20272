/*
 * wordfreq: counts the words of its input with a chained hash table of malloc'ed strings, grows an array of
 * entries with realloc, sorts it and frees everything. heaplab records it with heaptrack in its tests, and
 * compiles it with cc1 for the cc1-compile built-in workload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

struct entry {
    char *word;
    long count;
    struct entry *next;
};

static struct entry **table;
static size_t table_size = 64;
static size_t entries;

static unsigned long hash(const char *s) {
    unsigned long h = 5381;
    while (*s) {
        h = h * 33 + (unsigned char) *s++;
    }
    return h;
}

static void grow_table(void) {
    size_t new_size = table_size * 2;
    struct entry **bigger = calloc(new_size, sizeof *bigger);
    for (size_t i = 0; i < table_size; i++) {
        struct entry *e = table[i];
        while (e) {
            struct entry *next = e->next;
            unsigned long slot = hash(e->word) % new_size;
            e->next = bigger[slot];
            bigger[slot] = e;
            e = next;
        }
    }
    free(table);
    table = bigger;
    table_size = new_size;
}

static void add(const char *word) {
    unsigned long slot = hash(word) % table_size;
    for (struct entry *e = table[slot]; e; e = e->next) {
        if (strcmp(e->word, word) == 0) {
            e->count++;
            return;
        }
    }
    struct entry *e = malloc(sizeof *e);
    e->word = strdup(word);
    e->count = 1;
    e->next = table[slot];
    table[slot] = e;
    if (++entries > table_size) {
        grow_table();
    }
}

static int by_count(const void *a, const void *b) {
    const struct entry *x = *(struct entry *const *) a;
    const struct entry *y = *(struct entry *const *) b;
    if (x->count != y->count) {
        return x->count < y->count ? 1 : -1;
    }
    return strcmp(x->word, y->word);
}

int main(int argc, char **argv) {
    FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    table = calloc(table_size, sizeof *table);
    size_t cap = 16, len = 0;
    char *word = malloc(cap);
    int c;
    while ((c = fgetc(in)) != EOF) {
        if (isalnum(c)) {
            if (len + 1 == cap) {
                cap *= 2;
                word = realloc(word, cap);
            }
            word[len++] = (char) tolower(c);
        } else if (len > 0) {
            word[len] = '\0';
            add(word);
            len = 0;
        }
    }
    if (len > 0) {
        word[len] = '\0';
        add(word);
    }
    free(word);
    struct entry **all = NULL;
    size_t n = 0, all_cap = 0;
    for (size_t i = 0; i < table_size; i++) {
        for (struct entry *e = table[i]; e; e = e->next) {
            if (n == all_cap) {
                all_cap = all_cap ? all_cap * 2 : 8;
                all = realloc(all, all_cap * sizeof *all);
            }
            all[n++] = e;
        }
    }
    qsort(all, n, sizeof *all, by_count);
    for (size_t i = 0; i < n && i < 5; i++) {
        printf("%ld %s\n", all[i]->count, all[i]->word);
    }
    for (size_t i = 0; i < n; i++) {
        free(all[i]->word);
        free(all[i]);
    }
    free(all);
    free(table);
    if (in != stdin) {
        fclose(in);
    }
    return 0;
}
