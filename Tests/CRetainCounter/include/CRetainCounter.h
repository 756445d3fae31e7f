#ifndef C_RETAIN_COUNTER_H
#define C_RETAIN_COUNTER_H

#include <stddef.h>

/// Swift reference counting done by the current thread between `start` and `stop`, through
/// the runtime entry points this target interposes in the executable that links it.
typedef struct {
    size_t retains;  ///< swift_retain, swift_retain_n (by n), swift_bridgeObjectRetain
    size_t releases; ///< swift_release, swift_release_n (by n), swift_bridgeObjectRelease
} retain_count;

void retain_counter_start(void);
retain_count retain_counter_stop(void);

#endif
