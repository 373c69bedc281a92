# expect: WA  `except Exception` misses BaseException subclasses: no "failed after" line when a call is aborted
import functools
import inspect
import logging
import time

logger = logging.getLogger("timer")


def timer(func):
    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def awrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = await func(*args, **kwargs)
            except Exception:
                logger.info(f"{func.__qualname__} failed after {time.perf_counter() - start:.4f}s")
                raise
            logger.info(f"{func.__qualname__} took {time.perf_counter() - start:.4f}s")
            return result
        return awrapper

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except Exception:
            logger.info(f"{func.__qualname__} failed after {time.perf_counter() - start:.4f}s")
            raise
        logger.info(f"{func.__qualname__} took {time.perf_counter() - start:.4f}s")
        return result
    return wrapper
