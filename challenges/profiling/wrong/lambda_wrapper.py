# expect: WA  profiles a lambda around the call: "<lambda>" gets one call too many
import cProfile
import pstats
import tracemalloc


def profile_calls(func, *args, **kwargs):
    profiler = cProfile.Profile()
    result = profiler.runcall(lambda: func(*args, **kwargs))
    counts = {}
    for (filename, _line, name), stat in pstats.Stats(profiler).stats.items():
        if filename != "~":
            counts[name] = counts.get(name, 0) + stat[1]
    return result, counts


def peak_memory(func, *args, **kwargs):
    tracemalloc.start()
    try:
        result = func(*args, **kwargs)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
