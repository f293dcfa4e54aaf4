/* heap.h: how the process's heap is set up (main() calls sp_heap_setup
 * first) and what the worker processes ask of it. */
#ifndef SENDPACK_HEAP_H
#define SENDPACK_HEAP_H

#include <stdbool.h>
#include <stddef.h>

/* glibc's allocator kept from giving memory back, and the heap on
 * transparent huge pages where the machine is large enough (heap.c). */
void sp_heap_setup(void);

/* Whether [p, p + n) lies in the part of the heap sp_heap_setup marked for
 * huge pages (never, before it ran or where it marked nothing). */
bool sp_heap_marked_huge(const void *p, size_t n);

/* First thing in a forked worker: give back the pages of the parent's
 * freed heap (its free chunks and free top), which it would otherwise copy
 * page by page, and keep the heap's top on a huge page. */
void sp_heap_unshare(void);

#endif
