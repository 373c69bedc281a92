"""Reference timer decorator: one wrapper for plain functions and one for coroutine functions, both
made with functools.wraps, timing with time.perf_counter and logging on the "timer" logger."""
import functools
import inspect
import logging
import time

logger = logging.getLogger("timer")


def _report(func, start, failed):
    seconds = time.perf_counter() - start
    if failed:
        logger.info("%s failed after %.4fs", func.__qualname__, seconds)
    else:
        logger.info("%s took %.4fs", func.__qualname__, seconds)


def timer(func):
    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def async_wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = await func(*args, **kwargs)
            except BaseException:
                _report(func, start, True)
                raise
            _report(func, start, False)
            return result

        return async_wrapper

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except BaseException:
            _report(func, start, True)
            raise
        _report(func, start, False)
        return result

    return wrapper
