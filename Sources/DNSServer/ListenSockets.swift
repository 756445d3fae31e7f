import Glibc

/// The sockets `start()` binds on the calling thread before any worker exists, so "address in use"
/// is reported to the caller at once. Each worker gets its own UDP and TCP socket per address,
/// all bound with SO_REUSEPORT so the kernel spreads datagrams and connections over the workers
/// (after a probe without it has checked that no one else holds the port).
struct ListenSockets {
    /// `udp[worker][address]` and `tcp[worker][address]`: file descriptors, owned until a worker adopts them.
    var udp: [[Int32]]
    var tcp: [[Int32]]
    /// The addresses actually bound (port 0 resolved), in the order of the configuration.
    var bound: [ListenAddress] = []

    /// Binds every address for every worker; on failure closes whatever it had opened.
    static func bind(_ addresses: [ListenAddress], workers: Int, backlog: Int32) throws(ServerError) -> ListenSockets {
        var sockets = ListenSockets(
            udp: Array(repeating: [], count: workers), tcp: Array(repeating: [], count: workers))
        do throws(ServerError) {
            for address in addresses {
                let (udp, tcp, bound) = try bindEveryWorker(address, workers: workers, backlog: backlog)
                for worker in 0..<workers {
                    sockets.udp[worker].append(udp[worker])
                    sockets.tcp[worker].append(tcp[worker])
                }
                sockets.bound.append(bound)
            }
        } catch {
            sockets.closeAll()
            throw error
        }
        return sockets
    }

    func closeAll() {
        for fd in udp.joined() { close(fd) }
        for fd in tcp.joined() { close(fd) }
    }

    /// A port may only be shared by our own workers: a probe socket without SO_REUSEPORT binds
    /// first (and is closed again), so a port held by anyone else, another shoal included, is
    /// reported as in use instead of being silently shared. The probe also picks the port when
    /// the configuration says 0; TCP may find that port taken, so port 0 retries a few times.
    private static func bindEveryWorker(
        _ address: ListenAddress, workers: Int, backlog: Int32
    ) throws(ServerError) -> (udp: [Int32], tcp: [Int32], bound: ListenAddress) {
        guard let requested = SocketAddress(address) else {
            throw ServerError(.invalidListenAddress, "invalid listen address \"\(address)\": not an IP address")
        }
        let attempts = address.port == 0 ? 8 : 1
        var attempt = 0
        while true {
            attempt += 1
            var opened: [Int32] = []
            do throws(ServerError) {
                let (port, target) = try probe(address, requested)
                let actual = ListenAddress(host: address.host, port: port)
                var udp: [Int32] = []
                var tcp: [Int32] = []
                for _ in 0..<workers {
                    udp.append(try openSocket(actual, target, stream: false, shared: true, backlog: backlog))
                    opened.append(udp[udp.count - 1])
                    tcp.append(try openSocket(actual, target, stream: true, shared: true, backlog: backlog))
                    opened.append(tcp[tcp.count - 1])
                }
                let bound = SocketAddress(localAddressOf: udp[0])?.listenAddress ?? actual
                return (udp, tcp, bound)
            } catch {
                for fd in opened { close(fd) }
                if error.code == .cannotListen && attempt < attempts { continue }
                throw error
            }
        }
    }

    /// Binds plain UDP and TCP sockets (no SO_REUSEPORT) to see that nobody holds the port, and
    /// returns the port (the kernel's choice for port 0) with its sockaddr.
    private static func probe(
        _ address: ListenAddress, _ socketAddress: SocketAddress
    ) throws(ServerError) -> (UInt16, SocketAddress) {
        let udp = try openSocket(address, socketAddress, stream: false, shared: false, backlog: 0)
        defer { close(udp) }
        guard let local = SocketAddress(localAddressOf: udp) else {
            throw ServerError.cannotListen(on: address, "getsockname", errno: errno)
        }
        let tcp = try openSocket(
            ListenAddress(host: address.host, port: local.port), local, stream: true, shared: false, backlog: 0)
        close(tcp)
        return (local.port, local)
    }

    /// socket() + SO_REUSEADDR for TCP (so a restart binds despite connections in TIME_WAIT)
    /// + SO_REUSEPORT when `shared` (one socket per worker) + IPV6_V6ONLY (so [::] and 0.0.0.0
    /// can be listed side by side) + bind, + listen for shared TCP sockets.
    private static func openSocket(
        _ address: ListenAddress, _ socketAddress: SocketAddress, stream: Bool, shared: Bool, backlog: Int32
    ) throws(ServerError) -> Int32 {
        let type = Int32((stream ? SOCK_STREAM : SOCK_DGRAM).rawValue)
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(socketAddress.family, type | flags, 0)
        guard fd >= 0 else { throw ServerError.cannotListen(on: address, "socket", errno: errno) }

        func failure(_ operation: String) -> ServerError {
            let error = errno
            close(fd)
            return ServerError.cannotListen(on: address, operation, errno: error)
        }
        var one: Int32 = 1
        let size = socklen_t(MemoryLayout<Int32>.size)
        if stream && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, size) != 0 {
            throw failure("setsockopt(SO_REUSEADDR)")
        }
        if shared && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, size) != 0 {
            throw failure("setsockopt(SO_REUSEPORT)")
        }
        if socketAddress.family == AF_INET6
            && setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, size) != 0
        {
            throw failure("setsockopt(IPV6_V6ONLY)")
        }
        if socketAddress.withSockaddr({ Glibc.bind(fd, $0, $1) }) != 0 { throw failure("bind") }
        if stream && shared && listen(fd, backlog) != 0 { throw failure("listen") }
        return fd
    }
}
