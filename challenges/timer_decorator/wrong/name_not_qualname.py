# expect: WA  logs func.__name__: a method is reported as "deposit" instead of "Account.deposit"
import functools
import inspect
import logging
import time

logger = logging.getLogger("timer")


def timer(func):
    def report(start, failed):
        word = "failed after" if failed else "took"
        logger.info(f"{func.__name__} {word} {time.perf_counter() - start:.4f}s")

    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def awrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = await func(*args, **kwargs)
            except BaseException:
                report(start, True)
                raise
            report(start, False)
            return result
        return awrapper

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except BaseException:
            report(start, True)
            raise
        report(start, False)
        return result
    return wrapper
