// Interposes the Swift runtime's reference counting entry points for the executable that links
// this target (a check, never the server): each call is counted on a thread that turned counting
// on, then forwarded to the runtime's own function. They use the C calling convention on Linux.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>

#include "CRetainCounter.h"

static __thread int counting;
static __thread retain_count counted;

void retain_counter_start(void) {
    counted.retains = 0;
    counted.releases = 0;
    counting = 1;
}

retain_count retain_counter_stop(void) {
    counting = 0;
    return counted;
}

// The runtime's function, found once (dlsym does no reference counting).
#define NEXT(type, name)                                                                           \
    static type next;                                                                              \
    if (!next) next = (type)dlsym(RTLD_NEXT, name)

typedef void *(*retain_function)(void *);
typedef void *(*retain_n_function)(void *, uint32_t);
typedef void (*release_function)(void *);
typedef void (*release_n_function)(void *, uint32_t);

void *swift_retain(void *object) {
    NEXT(retain_function, "swift_retain");
    if (counting && object) counted.retains++;
    return next(object);
}

void *swift_retain_n(void *object, uint32_t count) {
    NEXT(retain_n_function, "swift_retain_n");
    if (counting && object) counted.retains += count;
    return next(object, count);
}

void swift_release(void *object) {
    NEXT(release_function, "swift_release");
    if (counting && object) counted.releases++;
    next(object);
}

void swift_release_n(void *object, uint32_t count) {
    NEXT(release_n_function, "swift_release_n");
    if (counting && object) counted.releases += count;
    next(object, count);
}

// Bridge objects (strings, arrays) may hold tagged values the runtime skips: counted as calls.
void *swift_bridgeObjectRetain(void *object) {
    NEXT(retain_function, "swift_bridgeObjectRetain");
    if (counting && object) counted.retains++;
    return next(object);
}

void swift_bridgeObjectRelease(void *object) {
    NEXT(release_function, "swift_bridgeObjectRelease");
    if (counting && object) counted.releases++;
    next(object);
}
