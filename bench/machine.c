/* machine.c: what fresh memory costs on this machine, for bench/run's
 * RESULTS.md. A build's time outside its own instructions is mostly the
 * kernel handing it memory: each first write to a page is a page fault
 * that maps a zeroed page, and after fork each page either process writes
 * first is copied (copy on write). On bare metal a fault costs about a
 * microsecond; in some virtual machines ten or twenty times that, which
 * moves every wall time in RESULTS.md and is not sendpack's doing.
 *
 * Prints one line of key=value pairs (bench/run reads them):
 *   fault_us     a first write to a 4 KB page (MADV_NOHUGEPAGE)
 *   mb_ms        the same per MB of fresh memory
 *   huge_mb_ms   per MB on 2 MB transparent huge pages (MADV_HUGEPAGE;
 *                "-" when the kernel gives none)
 *   huge_first_mb_ms  the same in the first round only: memory the
 *                process has not used before, which a virtual machine's
 *                host may first have to provide (later rounds get back
 *                the pages the round before gave up)
 *   cow_us       a write after fork to a page the parent had written
 * Each is the median of 5 rounds over 32 MB. Never run by the tests. */
#define _GNU_SOURCE /* MADV_HUGEPAGE, MAP_ANONYMOUS */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { PAGE = 4096, HUGE = 2 << 20, SIZE = 32 << 20, ROUNDS = 5 };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return v[n / 2];
}

/* SIZE bytes of fresh, 2 MB-aligned anonymous memory, advised as asked. */
static char *fresh(int advice)
{
    char *m = mmap(NULL, SIZE + HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    char *a = (char *)(((uintptr_t)m + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
    madvise(a, SIZE, advice);
    return a;
}

/* Seconds to write one byte in every page of a. */
static double touch(char *a, char v)
{
    double t = now();
    for (size_t i = 0; i < SIZE; i += PAGE)
        a[i] = v;
    return now() - t;
}

/* Whether the kernel backed a with huge pages (AnonHugePages in smaps). */
static int backed_huge(const char *a)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return 0;
    char line[256];
    int in = 0, huge = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) /* a mapping's first line */
            in = (uintptr_t)a >= lo && (uintptr_t)a < hi;
        unsigned long kb;
        if (in && sscanf(line, "AnonHugePages: %lu kB", &kb) == 1)
            huge = kb > 0;
    }
    fclose(f);
    return huge;
}

int main(void)
{
    double small[ROUNDS], huge[ROUNDS], cow[ROUNDS];
    double first_huge = 0;
    int have_huge = 1;
    for (int r = 0; r < ROUNDS; r++) {
        char *a = fresh(MADV_NOHUGEPAGE), *b = fresh(MADV_HUGEPAGE);
        if (!a || !b)
            return 1;
        small[r] = touch(a, 1);
        huge[r] = touch(b, 1);
        if (r == 0)
            first_huge = huge[0];
        have_huge = have_huge && backed_huge(b);
        /* a is now written by this process: the child's writes copy it */
        int p[2];
        if (pipe(p) != 0)
            return 1;
        pid_t pid = fork();
        if (pid == 0) {
            double t = touch(a, 2);
            (void)!write(p[1], &t, sizeof t);
            _exit(0);
        }
        cow[r] = -1;
        if (pid > 0 && read(p[0], &cow[r], sizeof cow[r]) != sizeof cow[r])
            cow[r] = -1;
        waitpid(pid, NULL, 0);
        close(p[0]);
        close(p[1]);
        munmap(a, SIZE);
        munmap(b, SIZE);
    }
    double pages = SIZE / PAGE, mb = SIZE >> 20;
    double s = median(small, ROUNDS), h = median(huge, ROUNDS), c = median(cow, ROUNDS);
    printf("fault_us=%.1f mb_ms=%.2f", s / pages * 1e6, s / mb * 1e3);
    if (have_huge)
        printf(" huge_mb_ms=%.2f huge_first_mb_ms=%.2f", h / mb * 1e3, first_huge / mb * 1e3);
    else
        printf(" huge_mb_ms=- huge_first_mb_ms=-");
    printf(" cow_us=%.1f\n", c / pages * 1e6);
    return 0;
}
