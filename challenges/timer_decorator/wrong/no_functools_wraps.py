# expect: WA  no functools.wraps: the decorated function is called "wrapper", has no __doc__ and no __wrapped__
import inspect
import logging
import time

logger = logging.getLogger("timer")


def timer(func):
    if inspect.iscoroutinefunction(func):
        async def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = await func(*args, **kwargs)
            except BaseException:
                logger.info(f"{func.__qualname__} failed after {time.perf_counter() - start:.4f}s")
                raise
            logger.info(f"{func.__qualname__} took {time.perf_counter() - start:.4f}s")
            return result
        return wrapper

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
