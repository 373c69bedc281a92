# expect: WA  keeps built-ins such as <built-in method builtins.sum> and the profiler's own disable
import cProfile
import pstats
import tracemalloc


def profile_calls(func, *args, **kwargs):
    profiler = cProfile.Profile()
    result = profiler.runcall(func, *args, **kwargs)
    counts = {}
    for (filename, _line, name), (_primitive, total, _tt, _ct, _callers) in pstats.Stats(profiler).stats.items():
        counts[name] = counts.get(name, 0) + total
    return result, counts


def peak_memory(func, *args, **kwargs):
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = func(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        if started:
            tracemalloc.stop()
    return result, peak - baseline
