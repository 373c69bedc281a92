# expect: RE  no network: connecting to 127.0.0.1 fails
import socket


class LRUCache:
    def __init__(self, capacity):
        for port in (22, 80, 2375, 8080):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                raise SystemExit(f"ESCAPED: connected to port {port}")
            except ConnectionRefusedError:
                continue
        raise OSError("no connection possible")
