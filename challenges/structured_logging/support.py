"""Runs on both sides (trusted): builds LogRecords (fixed creation times, extras, exceptions), formats
them with the formatter under test in a non-UTC local time zone, and returns what the line says.

Values the wire cannot carry are described by tags and built here: ("<object>", name) becomes an
object JSON cannot encode whose str() is "<Opaque name>", ("<datetime>", seconds) a UTC datetime,
("<float>", "nan") a NaN or an infinity ("inf", "-inf").
Tracebacks name files whose paths differ between the judge and the sandbox, so the helper checks
an `exc_info` value against `formatException` itself and reports a marker instead of the text.
"""
import datetime
import json
import logging
import os
import sys
import time

TIME_ZONE = "JUD+03:30"  # local time is UTC-3:30 while formatting: local time is never UTC by chance
TRACEBACK_OK = "<the traceback logging.Formatter.formatException gives>"


class Opaque:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f"<Opaque {self.name}>"

    __repr__ = __str__


def build(value):
    if type(value) is tuple and len(value) == 2 and value[0] == "<object>":
        return Opaque(value[1])
    if type(value) is tuple and len(value) == 2 and value[0] == "<datetime>":
        return datetime.datetime.fromtimestamp(value[1], tz=datetime.timezone.utc)
    if type(value) is tuple and len(value) == 2 and value[0] == "<float>":
        return float(value[1])  # "nan", "inf", "-inf"
    if type(value) is tuple:
        return tuple(build(v) for v in value)
    if type(value) is list:
        return [build(v) for v in value]
    if type(value) is dict:
        return {k: build(v) for k, v in value.items()}
    return value


def _exc_info(kind):
    if kind is None:
        return None
    if kind == "none_tuple":  # what logger.exception() outside an except block records
        return (None, None, None)
    if kind == "unraised":  # logger.error(..., exc_info=exc) with an exception never raised: no traceback
        exc = ValueError("never raised")
        return (ValueError, exc, None)
    try:
        try:
            raise KeyError("inner")
        except KeyError as inner:
            if kind == "chained":
                raise ValueError("outer\nsecond line") from inner
            raise ValueError("bad value")
    except ValueError:
        return sys.exc_info()


class _LocalTime:
    def __enter__(self):
        self.saved = os.environ.get("TZ")
        os.environ["TZ"] = TIME_ZONE
        time.tzset()

    def __exit__(self, *exc):
        if self.saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = self.saved
        time.tzset()
        return False


def _not_json(constant):
    raise ValueError(f"{constant} is not JSON (RFC 8259 has no NaN or Infinity)")


def _read(line, record):
    """The parsed line, or a string saying why it is not one line of strict JSON."""
    if type(line) is not str:
        return f"format() returned a {type(line).__name__}, not a str"
    if "\n" in line or "\r" in line:
        return f"not one line: {line.count(chr(10)) + 1} lines"
    try:
        payload = json.loads(line, parse_constant=_not_json)
    except ValueError as exc:
        return f"not JSON: {exc}"
    if type(payload) is not dict:
        return f"not a JSON object: {type(payload).__name__}"
    if payload.get("exc_info", 0) is None:
        del payload["exc_info"]  # absent and null are the same
    if type(payload.get("exc_info")) is str and record.exc_info and record.exc_info[0] is not None:
        expected = logging.Formatter().formatException(record.exc_info)
        if payload["exc_info"].rstrip("\n") == expected.rstrip("\n"):
            payload["exc_info"] = TRACEBACK_OK
    return payload


def format_record(formatter, name, level, msg, args, extras, micros, exc, msecs=None):
    """Format a record created at `micros` microseconds (plus a quarter) after the epoch, twice. With
    `msecs`, record.msecs is set to it afterwards, disagreeing with record.created (as when code sets
    record.created on a record made earlier): the timestamp must follow record.created.

    Returns [payload, the same line both times, the extras left unchanged].
    """
    extras = build(extras)
    logger = logging.getLogger(name)
    record = logger.makeRecord(name, level, "app.py", 42, build(msg), build(args), _exc_info(exc),
                               extra=extras)
    record.created = (micros + 0.25) / 1_000_000
    record.msecs = int((record.created - int(record.created)) * 1000) + 0.0 if msecs is None else float(msecs)
    before = repr(extras)
    with _LocalTime():
        line = formatter.format(record)
        again = formatter.format(record)
    return [_read(line, record), again == line, repr(extras) == before]


class _Keep(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines, self.records = [], []

    def emit(self, record):
        self.records.append(record)
        self.lines.append(self.format(record))


def through_logger(formatter, extras, fail):
    """Log through a real logger and handler: logger.exception inside an except block (or logger.warning),
    with extras. The real creation time is checked here against the two ways to write it."""
    logger = logging.getLogger("judge.structured_logging")
    keep = _Keep()
    keep.setFormatter(formatter)
    saved = (logger.level, logger.propagate)
    logger.addHandler(keep)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        with _LocalTime():
            if fail:
                try:
                    {}["missing"]
                except KeyError:
                    logger.exception("lookup of %r failed", "missing", extra=build(extras))
            else:
                logger.warning("disk %d%% full", 93, extra=build(extras))
    finally:
        logger.removeHandler(keep)
        logger.level, logger.propagate = saved
    record = keep.records[0]
    payload = _read(keep.lines[0], record)
    if type(payload) is dict and "timestamp" in payload:
        utc = time.gmtime(record.created)
        by_msecs = time.strftime("%Y-%m-%dT%H:%M:%S", utc) + ".%03dZ" % record.msecs
        by_datetime = datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc).isoformat(
            timespec="milliseconds").replace("+00:00", "Z")
        payload["timestamp"] = payload["timestamp"] in (by_msecs, by_datetime)
    return payload


def is_formatter(formatter):
    """A logging.Formatter, so that handler.setFormatter accepts it."""
    return isinstance(formatter, logging.Formatter)
