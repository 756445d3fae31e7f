#define _GNU_SOURCE
#include "CSyscalls.h"

#include <pthread.h>
#include <stddef.h>

_Static_assert(sizeof(struct cs_mmsghdr) == sizeof(struct mmsghdr), "cs_mmsghdr size differs from mmsghdr");
_Static_assert(offsetof(struct cs_mmsghdr, msg_hdr) == offsetof(struct mmsghdr, msg_hdr),
               "cs_mmsghdr.msg_hdr offset differs");
_Static_assert(offsetof(struct cs_mmsghdr, msg_len) == offsetof(struct mmsghdr, msg_len),
               "cs_mmsghdr.msg_len offset differs");

int cs_sendmmsg(int fd, struct cs_mmsghdr *messages, unsigned int count, int flags) {
    return sendmmsg(fd, (struct mmsghdr *)messages, count, flags);
}

int cs_recvmmsg(int fd, struct cs_mmsghdr *messages, unsigned int count, int flags) {
    return recvmmsg(fd, (struct mmsghdr *)messages, count, flags, NULL);
}

int cs_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
