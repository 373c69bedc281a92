# expect: RE  no network: sending UDP fails
import socket


class LRUCache:
    def __init__(self, capacity):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.sendto(b"hello", ("8.8.8.8", 53))
        sock.settimeout(2)
        sock.recvfrom(512)
