# Correct: imports perf_counter by name at import time, ordinary Python (issue 11 item 4: once WA).
import functools
import inspect
import logging
from time import perf_counter

logger = logging.getLogger("timer")


def timer(func):
    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def awrapper(*args, **kwargs):
            start = perf_counter()
            try:
                result = await func(*args, **kwargs)
            except BaseException:
                logger.info(f"{func.__qualname__} failed after {perf_counter() - start:.4f}s")
                raise
            logger.info(f"{func.__qualname__} took {perf_counter() - start:.4f}s")
            return result
        return awrapper

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = perf_counter()
        try:
            result = func(*args, **kwargs)
        except BaseException:
            logger.info(f"{func.__qualname__} failed after {perf_counter() - start:.4f}s")
            raise
        logger.info(f"{func.__qualname__} took {perf_counter() - start:.4f}s")
        return result
    return wrapper
