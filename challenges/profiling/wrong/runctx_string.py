# expect: WA  the seed's cProfile.run style: profiling a statement string adds "<module>" to the counts
import cProfile
import pstats
import tracemalloc


def profile_calls(func, *args, **kwargs):
    profiler = cProfile.Profile()
    scope = {"func": func, "args": args, "kwargs": kwargs}
    profiler.runctx("result = func(*args, **kwargs)", scope, scope)
    counts = {}
    for (filename, _line, name), stat in pstats.Stats(profiler).stats.items():
        if filename != "~":
            counts[name] = counts.get(name, 0) + stat[1]
    return scope["result"], counts


def peak_memory(func, *args, **kwargs):
    tracemalloc.start()
    try:
        result = func(*args, **kwargs)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
