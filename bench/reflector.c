/*
 * reflector: the floor of a UDP DNS server on this machine.
 *
 *     reflector HOST PORT [BATCH]
 *
 * Binds HOST:PORT (PORT 0 picks a free one), prints "listening on HOST:PORT"
 * on stdout, then forever: recvmmsg() up to BATCH datagrams (default 64,
 * blocking for the first, MSG_WAITFORONE), sets the QR bit of each one that
 * is at least a DNS header long, and sendmmsg()s them back to their senders.
 * No parsing, no answer: it costs what the kernel's UDP path costs plus two
 * system calls per batch, which is what any real server pays at least.
 * SIGTERM or SIGINT ends it with exit 0.
 *
 * Built by bench/dns_bench.py with `gcc -O2 -o reflector reflector.c`.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_BATCH 256
#define BUF_SIZE 4096

static volatile sig_atomic_t stop;

static void on_signal(int sig) {
    (void)sig;
    stop = 1;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s HOST PORT [BATCH]\n", argv[0]);
        return 2;
    }
    int batch = argc > 3 ? atoi(argv[3]) : 64;
    if (batch < 1 || batch > MAX_BATCH) {
        fprintf(stderr, "BATCH must be 1..%d\n", MAX_BATCH);
        return 2;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: recvmmsg returns EINTR */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    int rcvbuf = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &rcvbuf, sizeof rcvbuf);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
        fprintf(stderr, "bad IPv4 address %s\n", argv[1]);
        return 2;
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    socklen_t alen = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &alen);
    printf("listening on %s:%d\n", argv[1], ntohs(addr.sin_port));
    fflush(stdout);

    static char bufs[MAX_BATCH][BUF_SIZE];
    static struct sockaddr_in peers[MAX_BATCH];
    static struct iovec iov[MAX_BATCH];
    static struct mmsghdr in[MAX_BATCH], out[MAX_BATCH];

    while (!stop) {
        for (int i = 0; i < batch; i++) {
            iov[i].iov_base = bufs[i];
            iov[i].iov_len = BUF_SIZE;
            memset(&in[i].msg_hdr, 0, sizeof in[i].msg_hdr);
            in[i].msg_hdr.msg_iov = &iov[i];
            in[i].msg_hdr.msg_iovlen = 1;
            in[i].msg_hdr.msg_name = &peers[i];
            in[i].msg_hdr.msg_namelen = sizeof peers[i];
        }
        int n = recvmmsg(fd, in, (unsigned)batch, MSG_WAITFORONE, NULL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("recvmmsg");
            return 1;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            unsigned len = in[i].msg_len;
            if (len < 12)
                continue;
            bufs[i][2] |= (char)0x80; /* QR */
            iov[i].iov_len = len;
            memset(&out[m].msg_hdr, 0, sizeof out[m].msg_hdr);
            out[m].msg_hdr.msg_iov = &iov[i];
            out[m].msg_hdr.msg_iovlen = 1;
            out[m].msg_hdr.msg_name = &peers[i];
            out[m].msg_hdr.msg_namelen = in[i].msg_hdr.msg_namelen;
            m++;
        }
        int sent = 0;
        while (sent < m) {
            int r = sendmmsg(fd, out + sent, (unsigned)(m - sent), 0);
            if (r < 0) {
                if (errno == EINTR && !stop)
                    continue;
                break; /* drop the rest of this batch, as a busy server would */
            }
            sent += r;
        }
    }
    close(fd);
    return 0;
}
