/*
 * yaml-parse: the floor for yunwang's load benchmark.
 *
 * Reads each given file (or every *.yaml / *.yml below a given directory,
 * hidden entries skipped, as yunwang does) whole into memory and runs
 * libyaml's event parser over it: a yaml_parser_parse loop with
 * yaml_event_delete, nothing else (no nodes, no strings kept, no checks).
 * One thread: the number is libyaml's own single-threaded speed.
 *
 *   cc -O2 bench/yaml-parse.c $(pkg-config --cflags --libs yaml-0.1) -o yaml-parse
 *   ./yaml-parse bench-data/inventory
 *
 * Output (one line each, stable keys for scripts):
 *   files: N
 *   bytes: N
 *   events: N
 *   seconds: S        (wall time: reading + parsing, single thread)
 *   threads: 1
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <yaml.h>

static char **paths;
static size_t npaths, cappaths;

static void add_path(const char *p) {
    if (npaths == cappaths) {
        cappaths = cappaths ? cappaths * 2 : 64;
        paths = realloc(paths, cappaths * sizeof *paths);
        if (!paths) { perror("realloc"); exit(2); }
    }
    paths[npaths++] = strdup(p);
}

static int has_suffix(const char *s, const char *suf) {
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static void walk(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) { perror(dir); exit(2); }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *full = malloc(n);
        snprintf(full, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(full, &st) == 0) {
            if (S_ISDIR(st.st_mode)) walk(full);
            else if (S_ISREG(st.st_mode) && (has_suffix(e->d_name, ".yaml") || has_suffix(e->d_name, ".yml"))) add_path(full);
        }
        free(full);
    }
    closedir(d);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) { perror(argv[i]); return 2; }
        if (S_ISDIR(st.st_mode)) walk(argv[i]); else add_path(argv[i]);
    }
    qsort(paths, npaths, sizeof *paths, cmp);

    unsigned long long events = 0, bytes = 0;
    double t0 = now();
    for (size_t i = 0; i < npaths; i++) {
        FILE *f = fopen(paths[i], "rb");
        if (!f) { perror(paths[i]); return 2; }
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fseek(f, 0, SEEK_SET);
        unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
        if (!buf || (size > 0 && fread(buf, 1, (size_t)size, f) != (size_t)size)) { perror(paths[i]); return 2; }
        fclose(f);
        bytes += (unsigned long long)size;

        yaml_parser_t parser;
        yaml_event_t event;
        if (!yaml_parser_initialize(&parser)) { fprintf(stderr, "yaml_parser_initialize failed\n"); return 2; }
        yaml_parser_set_input_string(&parser, buf, (size_t)size);
        for (;;) {
            if (!yaml_parser_parse(&parser, &event)) {
                fprintf(stderr, "%s:%lu:%lu: %s\n", paths[i], (unsigned long)parser.problem_mark.line + 1,
                        (unsigned long)parser.problem_mark.column + 1, parser.problem ? parser.problem : "parse error");
                return 2;
            }
            events++;
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            if (done) break;
        }
        yaml_parser_delete(&parser);
        free(buf);
    }
    double secs = now() - t0;
    printf("files: %zu\nbytes: %llu\nevents: %llu\nseconds: %.3f\nthreads: 1\n", npaths, bytes, events, secs);
    printf("libyaml event parse, single thread: %.1f MB/s\n", secs > 0 ? bytes / 1e6 / secs : 0.0);
    return 0;
}
