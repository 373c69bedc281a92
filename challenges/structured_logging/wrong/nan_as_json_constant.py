# expect: WA  lets json.dumps write NaN and Infinity, which are not JSON (the spec asks for str(value))
import datetime
import json
import logging

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
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        # record.created alone: record.msecs is ignored (it goes stale when record.created is set later)
        created = datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc)
        payload = {
            "timestamp": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
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
        return json.dumps(payload)
