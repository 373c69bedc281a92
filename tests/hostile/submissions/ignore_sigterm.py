# expect: TLE  ignores SIGTERM, SIGINT, SIGXCPU and loops: only SIGKILL from outside ends it
import signal

for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGXCPU, signal.SIGALRM, signal.SIGHUP):
    signal.signal(sig, signal.SIG_IGN)


class LRUCache:
    def __init__(self, capacity):
        while True:
            pass
