# expect: RE  writes into the working directory until it fails
class LRUCache:
    def __init__(self, capacity):
        with open("ballast.bin", "wb") as handle:
            while True:
                handle.write(b"\0" * (1 << 20))
