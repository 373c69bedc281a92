# expect: WA  takes the milliseconds from record.msecs: when it disagrees with record.created, the timestamp is wrong
import datetime
import json
import logging
import math
import time

# Every attribute a LogRecord has without `extra` (taskName exists from Python 3.12 on), plus the two
# that logging.Formatter.format adds.
STANDARD = frozenset(logging.LogRecord("n", logging.INFO, "p", 1, "m", None, None).__dict__) | {
    "message", "asctime", "taskName"}
SENSITIVE = ("password", "token", "secret", "api_key")


def _sensitive(key):
    return isinstance(key, str) and any(word in key.lower() for word in SENSITIVE)


def _clean(value):
    if isinstance(value, dict):
        return {k: "***" if _sensitive(k) else _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # NaN and the infinities are not JSON: "nan", "inf", "-inf"
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        # as logging.Formatter.formatTime does: the seconds from record.created, the milliseconds from record.msecs
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + ".%03dZ" % record.msecs
        payload = {
            "timestamp": stamp,
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "exc_info": None,
        }
        if record.exc_info and record.exc_info[0] is not None:
            payload["exc_info"] = self.formatException(record.exc_info)
        for key, value in record.__dict__.items():
            if key not in STANDARD:
                payload[key] = "***" if _sensitive(key) else _clean(value)
        return json.dumps(payload, allow_nan=False)
