import sys


class LRUCache:
    def __init__(self, capacity):
        while True:
            sys.stdout.write("x" * 65536)
