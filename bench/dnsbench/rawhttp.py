"""A lean keep-alive HTTP/1.1 client for the API load: on a 2-core machine the load generator
competes with the server it measures, and http.client spends about 200 µs of CPU per request
(mostly parsing headers through the email package); this one spends a fraction of that."""

from __future__ import annotations

import socket


class HTTPError(Exception):
    pass


class KeepAliveClient:
    def __init__(self, host: str, port: int, timeout: float = 30):
        self.host, self.port, self.timeout = host, port, timeout
        self.sock: socket.socket | None = None
        self.buffer = b""

    def close(self) -> None:
        if self.sock:
            self.sock.close()
        self.sock, self.buffer = None, b""

    def post(self, path: str, body: bytes, content_type: str = "application/json") -> tuple[int, bytes]:
        """POST and read the whole reply; returns (status, body). Any failure closes the connection
        (the next call reconnects) and raises OSError or HTTPError."""
        if self.sock is None:
            self.sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        try:
            self.sock.sendall(head + body)
            return self._reply()
        except (OSError, HTTPError):
            self.close()
            raise

    def _reply(self) -> tuple[int, bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
            raise HTTPError(f"bad status line {lines[0][:80]!r}")
        length = None
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
            elif name.strip().lower() == b"transfer-encoding":
                raise HTTPError("chunked replies are not read by this client")
        if length is None:
            raise HTTPError("reply without Content-Length")
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return int(parts[1]), body

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise HTTPError("connection closed by the server")
        self.buffer += chunk
