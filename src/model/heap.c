/* heap.c: the process's heap (heap.h). Keeps freed memory for the next
 * allocation, and reserves and marks the heap for transparent huge pages,
 * remembering which part it marked so the worker processes
 * (src/publish/workers.c) can keep their heap's top on huge pages too. */
#define _GNU_SOURCE /* sbrk, madvise (MADV_HUGEPAGE) */
#include "sendpack/heap.h"

#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

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
    enum { HUGE = 2 << 20 };
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
