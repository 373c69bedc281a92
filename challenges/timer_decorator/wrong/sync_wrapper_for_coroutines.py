# expect: WA  a sync wrapper around a coroutine function times the creation of the coroutine (0.0000s) and is not a coroutine function
import functools
import logging
import time

logger = logging.getLogger("timer")


def timer(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except BaseException:
            logger.info(f"{func.__qualname__} failed after {time.perf_counter() - start:.4f}s")
            raise
        logger.info(f"{func.__qualname__} took {time.perf_counter() - start:.4f}s")
        return result

    return wrapper
