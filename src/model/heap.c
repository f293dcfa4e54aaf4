/* heap.c: the process's heap (heap.h). Keeps freed memory for the next
 * allocation, reserves and marks the heap for transparent huge pages, and
 * in a forked worker (src/publish/workers.c) gives back what the parent's
 * heap had freed and keeps the heap's top on a huge page. */
#define _GNU_SOURCE /* sbrk, madvise (MADV_HUGEPAGE, MADV_COLLAPSE) */
#include "sendpack/heap.h"

#include <errno.h>
#include <glib.h>
#include <inttypes.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { HUGE = 2 << 20 }; /* a transparent huge page */

static uintptr_t marked_from, marked_to;

/* The heap on transparent huge pages: one page fault maps 2 MB instead of
 * 4 KB (in a virtual machine a fault costs as much as thousands of
 * instructions; the x100 synthetic build took 162,000 faults and 10 s, now
 * 15,000 and 7 s). A quarter of the memory (at most 2 GB, the most that
 * M_TOP_PAD takes) is reserved for the heap at once, as address space
 * only (memory is used as it is touched), and marked MADV_HUGEPAGE, which
 * the kernel honours when its setting is "madvise" (Debian's default) or
 * "always" and ignores when it is "never". Heap beyond the reservation
 * grows as usual, and worker processes (workers.c) inherit the marking.
 * glibc's tunable glibc.malloc.hugetlb=1 does the same, but only when set
 * in the environment before the process starts. */
static void heap_on_huge_pages(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    uint64_t quarter = pages > 0 && size > 0 ? (uint64_t)pages * (uint64_t)size / 4 : 0;
    if (quarter < 16 * HUGE)
        return; /* a small machine: glibc's defaults */
    /* kept for good: a smaller pad would let free() trim the marked heap */
    mallopt(M_TOP_PAD, (int)(quarter < INT_MAX ? quarter : INT_MAX & ~(HUGE - 1)));
    /* more than the heap's free top holds, so brk grows by the pad */
    void *grow = malloc(mallinfo2().keepcost + HUGE * 4);
    uintptr_t end = (uintptr_t)sbrk(0), from = ((uintptr_t)grow + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
    if (grow && end > from + HUGE) {
        uintptr_t to = from + ((end - from) & ~(uintptr_t)(HUGE - 1));
        if (madvise((void *)from, to - from, MADV_HUGEPAGE) == 0) {
            marked_from = from;
            marked_to = to;
        }
    }
    free(grow);
}

void sp_heap_setup(void)
{
    /* Keep freed memory for the next allocation instead of handing it back
     * to the kernel: a chart's image and PNG buffers, the workbook's parts
     * and the web pages' text are each a few MB, allocated and freed over
     * and over, and each fresh page is a page fault (doubling the faults of
     * a national pack, and in a virtual machine a fault costs as much as
     * thousands of instructions). glibc's defaults: 128 KB and 256 KB. */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    heap_on_huge_pages();
}

bool sp_heap_marked_huge(const void *p, size_t n)
{
    uintptr_t a = (uintptr_t)p;
    return marked_to > marked_from && a >= marked_from && a <= marked_to && n <= marked_to - a;
}

/* Giving back the top's pages split the huge page the top began in (the
 * rest of the heap's marked part stays whole), so the worker's first
 * allocations there took 4 KB faults one at a time, some 400 a worker,
 * until they reached the next 2 MB. Where sp_heap_setup marked the heap for
 * huge pages, that 2 MB is made one huge page again at once
 * (MADV_COLLAPSE, Linux 6.1: a fresh page holding the live data below the
 * top, now the worker's own), again while another worker collapsing the
 * same parent's pages holds them (EAGAIN); where the kernel cannot, pages
 * come as before. */
static void top_on_huge_page(uintptr_t from, uintptr_t hi)
{
    enum { COLLAPSE = 25 /* MADV_COLLAPSE, if the headers lack it */ };
    uintptr_t huge = from & ~(uintptr_t)(HUGE - 1);
    if (huge + HUGE > hi || !sp_heap_marked_huge((const void *)huge, HUGE))
        return;
    /* EAGAIN: the other workers are copying the same pages just now (for a
     * few milliseconds at most here, in 800 collapses by pairs of workers) */
    gulong wait = 100; /* microseconds, doubled each time: 25 ms in all at most */
    while (madvise((void *)huge, HUGE, COLLAPSE) != 0 && errno == EAGAIN && wait <= 12800) {
        g_usleep(wait);
        wait *= 2;
    }
}

/* A worker's heap, unshared from the parent's where that costs nothing:
 * the pages of the parent's free chunks and of the free top of its heap.
 * After fork every page the parent had touched is shared copy-on-write, so
 * each page the worker's allocations then write is copied, one 4 KB fault
 * at a time with a TLB flush, even where the parent's page held nothing
 * (its heap is on huge pages: one byte touched there made 2 MB present).
 * Given back here, those pages come fresh when touched, on huge pages where
 * whole 2 MB are free. The national pack's workers took 2,660 copy faults
 * and 515 ms of CPU; now 1,000 and 440 ms (wall 302 -> 271 ms, 15 pairs).
 * malloc_trim's pad keeps the top whole (its address space stays marked
 * for huge pages); the top chunk's own pages go by madvise. The
 * files are the same: only where memory comes from changes. */
void sp_heap_unshare(void)
{
    malloc_trim((size_t)1 << 40);
    struct mallinfo2 mi = mallinfo2(); /* keepcost: the top chunk's size */
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo = 0, hi = 0;
    if (mi.keepcost < 4 * page)
        return;
    /* the top chunk ends the heap only while the heap is one piece (malloc
     * goes on in mmap'd memory when brk fails): make sure, by the heap's
     * bounds and the chunk's own size field, before giving pages back */
    FILE *maps = fopen("/proc/self/maps", "re");
    char line[512];
    while (maps && fgets(line, sizeof line, maps)) {
        uintptr_t a, b; /* the part marked for huge pages is a mapping of its own */
        if (strstr(line, "[heap]") && sscanf(line, "%" SCNxPTR "-%" SCNxPTR, &a, &b) == 2 &&
            (!hi || a == hi)) {
            lo = hi ? lo : a;
            hi = b;
        }
    }
    if (maps)
        fclose(maps);
    uintptr_t top = hi - mi.keepcost;
    if (!hi || hi != (uintptr_t)sbrk(0) || mi.keepcost > hi - lo ||
        ((const size_t *)top)[1] != (mi.keepcost | 1)) /* size, previous chunk in use */
        return;
    /* past the chunk's header, whole pages only */
    uintptr_t from = (top + 64 + page - 1) & ~(page - 1);
    if (from < hi)
        madvise((void *)from, hi - from, MADV_DONTNEED);
    top_on_huge_page(from, hi);
}
