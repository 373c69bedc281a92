# expect: WA  keeps the start time on the wrapper: recursive and concurrent calls overwrite each other's start
import functools
import inspect
import logging
import time

logger = logging.getLogger("timer")


def timer(func):
    def finish(wrapper, failed):
        seconds = time.perf_counter() - wrapper.start
        word = "failed after" if failed else "took"
        logger.info(f"{func.__qualname__} {word} {seconds:.4f}s")

    if inspect.iscoroutinefunction(func):
        @functools.wraps(func)
        async def awrapper(*args, **kwargs):
            awrapper.start = time.perf_counter()
            try:
                result = await func(*args, **kwargs)
            except BaseException:
                finish(awrapper, True)
                raise
            finish(awrapper, False)
            return result
        return awrapper

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        wrapper.start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except BaseException:
            finish(wrapper, True)
            raise
        finish(wrapper, False)
        return result
    return wrapper
