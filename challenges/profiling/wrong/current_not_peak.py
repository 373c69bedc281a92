# expect: WA  reports the traced memory at the end of the call, not its peak
import cProfile
import pstats
import tracemalloc


def profile_calls(func, *args, **kwargs):
    profiler = cProfile.Profile()
    result = profiler.runcall(func, *args, **kwargs)
    counts = {}
    for (filename, _line, name), (_primitive, total, _tt, _ct, _callers) in pstats.Stats(profiler).stats.items():
        if filename == "~":  # built-in functions and methods
            continue
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
        peak = tracemalloc.get_traced_memory()[0]
    finally:
        if started:
            tracemalloc.stop()
    return result, peak - baseline
