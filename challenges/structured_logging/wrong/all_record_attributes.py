# expect: WA  treats every record attribute as an extra: pathname, lineno, thread and the rest appear in the line
import datetime
import json
import logging

SENSITIVE = ("password", "token", "secret", "api_key")


def _clean(value):
    if isinstance(value, dict):
        return {k: "***" if any(w in k.lower() for w in SENSITIVE) else _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        created = datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc)
        payload = {"timestamp": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                   "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if record.exc_info and record.exc_info[0] is not None:
            payload["exc_info"] = self.formatException(record.exc_info)
        for key, value in record.__dict__.items():
            if key not in payload and key not in ("msg", "args", "exc_info", "exc_text", "levelname", "name"):
                payload[key] = _clean({key: value})[key]
        return json.dumps(payload)
