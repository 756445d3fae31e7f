#ifndef SHOAL_CSYSTEM_H
#define SHOAL_CSYSTEM_H

// What Swift's Glibc module hides: recvmmsg and sendmmsg need _GNU_SOURCE, so they and
// struct mmsghdr are not imported. This header declares a struct with the same layout
// (checked by _Static_assert in CSyscalls.c) and thin wrappers around the real calls.

#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>

/// Same layout as glibc's struct mmsghdr.
struct cs_mmsghdr {
    struct msghdr msg_hdr;
    unsigned int msg_len;
};

/// sendmmsg(2): returns the number of messages sent, or -1 with errno set.
int cs_sendmmsg(int fd, struct cs_mmsghdr *messages, unsigned int count, int flags);

/// recvmmsg(2) without a timeout: returns the number of messages received, or -1 with errno set.
int cs_recvmmsg(int fd, struct cs_mmsghdr *messages, unsigned int count, int flags);

/// pthread_setname_np(pthread_self(), name): names worker threads for top, perf and gdb
/// (at most 15 characters). Returns 0 or an error number.
int cs_set_thread_name(const char *name);

#endif
