// Interposes the C allocator for the test executable: every call forwards to glibc's own entry
// points, and is counted only on a thread that turned counting on. Linked into tests only.
#define _GNU_SOURCE
#include <errno.h>
#include <features.h>

#ifndef __GLIBC__
#error "the allocation counter forwards to glibc's own allocator entry points"
#endif
#include <stddef.h>

#include "CAllocationCounter.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);

// Initial-exec TLS in the executable: reading it never allocates, so malloc cannot recurse.
static __thread int counting;
static __thread allocation_count counted;

void allocation_counter_start(void) {
    counted.allocations = 0;
    counted.frees = 0;
    counting = 1;
}

allocation_count allocation_counter_stop(void) {
    counting = 0;
    return counted;
}

static inline void count_allocation(void) {
    if (counting) counted.allocations++;
}

void *malloc(size_t size) {
    count_allocation();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    count_allocation();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    count_allocation();
    return __libc_realloc(pointer, size);
}

void free(void *pointer) {
    if (counting && pointer) counted.frees++;
    __libc_free(pointer);
}

void *memalign(size_t alignment, size_t size) {
    count_allocation();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count_allocation();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    count_allocation();
    // POSIX: a power of two and a multiple of sizeof(void *).
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = __libc_memalign(alignment, size);
    if (!pointer) return ENOMEM;
    *result = pointer;
    return 0;
}
