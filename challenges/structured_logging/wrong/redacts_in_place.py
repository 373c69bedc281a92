# expect: WA  redacts the caller's extras in place: the dict passed in extra= has "***" afterwards
import datetime
import json
import logging

STANDARD = frozenset(logging.LogRecord("n", logging.INFO, "p", 1, "m", None, None).__dict__) | {
    "message", "asctime", "taskName"}
SENSITIVE = ("password", "token", "secret", "api_key")


def _redact(value):
    if isinstance(value, dict):
        for k in value:
            if any(w in k.lower() for w in SENSITIVE):
                value[k] = "***"
            else:
                _redact(value[k])
    elif isinstance(value, list):
        for v in value:
            _redact(v)
    elif isinstance(value, tuple):
        for v in value:
            _redact(v)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        created = datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc)
        payload = {"timestamp": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                   "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if record.exc_info and record.exc_info[0] is not None:
            payload["exc_info"] = self.formatException(record.exc_info)
        for key, value in record.__dict__.items():
            if key not in STANDARD:
                payload[key] = value
        _redact(payload)
        return json.dumps(payload, default=str)
