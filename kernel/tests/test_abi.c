/* docs/abi.md and include/neuron/abi.h must agree: every table row
 * "| <number> | <NAME> |" in the doc names a constant of the header with that
 * value, and every syscall, error, cap kind, right and kill reason of the
 * header has such a row. Syscall numbers are unique. */
#include <stdlib.h>
#include <ctype.h>
#include "t.h"
#include "neuron/abi.h"

struct row { long num; char name[48]; };
static struct row rows[256];
static int nrows;

static void parse(char *doc) {
    for (char *line = strtok(doc, "\n"); line; line = strtok(0, "\n")) {
        if (line[0] != '|') continue;
        char *p = line + 1;
        while (*p == ' ') p++;
        char *end;
        long v = strtol(p, &end, 0);
        if (end == p) continue;
        p = end;
        while (*p == ' ') p++;
        if (*p != '|') continue;
        p++;
        while (*p == ' ' || *p == '`') p++;
        int i = 0;
        while ((isalnum((unsigned char)*p) || *p == '_') && i < 47) rows[nrows].name[i++] = *p++;
        rows[nrows].name[i] = 0;
        if (i == 0 || nrows >= 255) continue;
        rows[nrows].num = v;
        nrows++;
    }
}

static int doc_has(const char *name, long num) {
    for (int i = 0; i < nrows; i++)
        if (!strcmp(rows[i].name, name)) return rows[i].num == num ? 1 : -1;
    return 0;
}

static struct { const char *name; long num; } hdr[] = {
#define E(name, num) { #name, num },
    NEURON_SYSCALLS(E) NEURON_ERRORS(E) NEURON_CAP_KINDS(E) NEURON_RIGHTS(E) NEURON_KILL_REASONS(E)
#undef E
};

void test_abi(const char *abi_md) {
    size_t len;
    char *doc = read_file(abi_md, &len);
    parse(doc);
    CHECK(nrows > 40);
    size_t nh = sizeof(hdr) / sizeof(hdr[0]);
    for (size_t i = 0; i < nh; i++) {
        int r = doc_has(hdr[i].name, hdr[i].num);
        if (r != 1) fprintf(stderr, "abi.md: %s = %ld %s\n", hdr[i].name, hdr[i].num, r ? "has another value" : "missing");
        CHECK_EQ(r, 1);
    }
    for (int i = 0; i < nrows; i++) {
        int found = 0;
        for (size_t j = 0; j < nh; j++) if (!strcmp(rows[i].name, hdr[j].name)) found = 1;
        if (!found) fprintf(stderr, "abi.md: row %s not in abi.h\n", rows[i].name);
        CHECK(found);
    }
    static const long sys[] = {
#define S(name, num) num,
        NEURON_SYSCALLS(S)
#undef S
    };
    for (size_t i = 0; i < sizeof(sys) / sizeof(sys[0]); i++)
        for (size_t j = i + 1; j < sizeof(sys) / sizeof(sys[0]); j++) CHECK(sys[i] != sys[j]);
    CHECK_EQ(sizeof(struct nx_msg_hdr), 16);
    free(doc);
}
