#ifndef C_ALLOCATION_COUNTER_H
#define C_ALLOCATION_COUNTER_H

#include <stddef.h>

/// Heap calls made by the current thread between `start` and `stop`. Other threads (Swift
/// Testing runs tests in parallel) are never counted.
typedef struct {
    size_t allocations; ///< malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign
    size_t frees;       ///< free of a non-null pointer
} allocation_count;

void allocation_counter_start(void);
allocation_count allocation_counter_stop(void);

#endif
