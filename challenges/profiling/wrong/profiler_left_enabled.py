# expect: WA  enable()/disable() without try/finally: when func raises, the profiler stays installed
import cProfile
import pstats
import tracemalloc


def profile_calls(func, *args, **kwargs):
    profiler = cProfile.Profile()
    profiler.enable()
    result = func(*args, **kwargs)
    profiler.disable()
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
