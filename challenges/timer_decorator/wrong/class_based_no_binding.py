# expect: RE  a class-based decorator without __get__: used as a method it is not bound, the instance is never passed and the call raises TypeError
import functools
import inspect
import logging
import time

logger = logging.getLogger("timer")


class timer:
    def __init__(self, func):
        functools.update_wrapper(self, func)
        self.func = func

    def __call__(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            result = self.func(*args, **kwargs)
        except BaseException:
            logger.info(f"{self.func.__qualname__} failed after {time.perf_counter() - start:.4f}s")
            raise
        logger.info(f"{self.func.__qualname__} took {time.perf_counter() - start:.4f}s")
        return result
