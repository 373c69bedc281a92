# expect: WA  logs "took" from a finally block, so a call that raised is reported as taking its time, not as failed
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
                return await func(*args, **kwargs)
            finally:
                logger.info(f"{func.__qualname__} took {time.perf_counter() - start:.4f}s")
        return awrapper

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            logger.info(f"{func.__qualname__} took {time.perf_counter() - start:.4f}s")
    return wrapper
