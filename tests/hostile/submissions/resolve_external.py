# expect: RE  no network: resolving and connecting to an external host fails
import socket


class LRUCache:
    def __init__(self, capacity):
        socket.create_connection(("pypi.org", 443), timeout=3)
