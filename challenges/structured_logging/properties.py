"""Properties of structured_logging: records built by support.py (fixed creation times, any level,
%-style arguments, extras nested to any depth with sensitive keys and values JSON cannot encode,
exceptions, a chained one, and the (None, None, None) of logger.exception outside an except block)
are formatted by the submission's JsonFormatter in a non-UTC local time zone; the parsed line is
compared with the reference's, and the line must be the same twice and leave the extras unchanged."""
from hypothesis import strategies as st

from judge.harness import prop

PLAIN_KEYS = ["user", "id", "count", "path", "data", "items", "Tokenizer", "apikey", "pass", "key", "secrets_count"]
SENSITIVE_KEYS = ["password", "PASSWORD", "db_password", "Token", "access_token", "secret", "Client_Secret",
                  "api_key", "X_API_KEY", "my_api_key_2"]
keys = st.sampled_from(PLAIN_KEYS + SENSITIVE_KEYS)
leaves = st.one_of(
    st.integers(-(2**40), 2**40), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=6),
    st.none(), st.booleans(), st.binary(max_size=3), st.frozensets(st.integers(0, 9), max_size=3),
    st.sets(st.integers(0, 9), max_size=3), st.complex_numbers(max_magnitude=10, allow_nan=False),
    st.tuples(st.just("<object>"), st.sampled_from(["a", "b c"])),
    st.tuples(st.just("<datetime>"), st.integers(0, 2**31)),
    st.tuples(st.just("<float>"), st.sampled_from(["nan", "inf", "-inf"])),
)
values = st.recursive(leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.tuples(inner, inner), st.dictionaries(keys, inner, max_size=3)), max_leaves=12)
# Top-level extras: never a LogRecord attribute, "message"/"asctime", or one of the five fixed keys.
extra_keys = st.sampled_from(["user", "request_id", "payload", "items", "count", "duration_ms", "apikey",
                              "password", "session_token", "SECRET", "api_key", "Config"])
extras = st.dictionaries(extra_keys, values, max_size=4)
levels = st.sampled_from([10, 20, 30, 40, 50, 25, 5])
names = st.sampled_from(["root", "app", "app.db", "payments.api"])
micros = st.integers(0, 2**31 * 1_000_000 - 1)
messages = st.sampled_from([("plain message", ()), ("user %s logged in", ("alice",)), ("%d items, %.2f%%", (3, 99.5)),
                            ("line one\nline two \"quoted\" \u00fcn\u00efcode", ()),
                            ("%(user)s did %(what)s", ({"user": "bob", "what": "x"},)),
                            ("token=%s", ("abc",)), ("%s", (("<object>", "arg"),))])
exceptions = st.sampled_from([None, None, "none_tuple", "value", "chained", "unraised"])


@prop(names, levels, messages, extras, micros, exceptions, st.one_of(st.none(), st.integers(0, 999)),
      max_examples=250)
def records(p, name, level, message, extra, when, exc, msecs):
    """Any record: the five fields (UTC timestamp of record.created with milliseconds truncated and Z,
    whatever record.msecs says; levelname, logger name, getMessage(), the formatted traceback or nothing)
    plus every extra, sensitive keys redacted at any depth, unencodable values (NaN and the infinities
    too) as str(value), on one line of strict JSON; formatting twice gives the same line and never
    changes the extras."""
    f = p.new("JsonFormatter")
    p.helper("format_record", f, name, level, message[0], message[1], extra, when, exc, msecs)


@prop(st.dictionaries(extra_keys, values, min_size=1, max_size=3), st.booleans(), max_examples=60)
def through_a_logger(p, extra, fail):
    """Used by a real handler: logger.exception(...) in an except block, and logger.warning(...), with extras."""
    f = p.new("JsonFormatter")
    p.helper("is_formatter", f)
    p.helper("through_logger", f, extra, fail)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Milliseconds truncated at .9997 s and at the last millisecond of a day, the epoch, no extras, a
    sensitive key holding a dict, an empty nested dict, logger.exception outside an except block, a
    record.msecs that disagrees with record.created, NaN and the infinities at the top and nested."""
    f = p.new("JsonFormatter")
    cases = [
        ("app", 20, "m", (), {}, 999_700, None),
        ("app", 40, "m", (), {"user": {"password": {"a": 1}, "nested": [{"token": 5}, {}]}}, 86_399_999_999, "value"),
        ("app", 40, "m", (), {"payload": {}}, 0, "none_tuple"),
        ("app", 40, "m", (), {}, 1, "unraised"),
        ("root", 30, "%s", (("<object>", "o"),), {"items": [("<object>", "x"), {1, 2}, b"\x00"]}, 1_700_000_000_123_999, None),
        ("app.db", 50, "done", (), {"api_key": None, "Config": {"API_KEY": "k", "apikey": "visible"}}, 1_234_567_890_500_000, "chained"),
        ("app", 20, "m", (), {}, 1_700_000_000_123_400, None, 0),
        ("app", 20, "m", (), {}, 1_700_000_000_000_000, None, 999),
        ("app", 20, "m", (), {"count": ("<float>", "nan"), "items": [("<float>", "inf"), 1.5, ("<float>", "-inf")],
                              "payload": {"ratio": ("<float>", "nan"), "password": ("<float>", "inf")}}, 5_000, None),
    ]
    for case in cases:
        p.helper("format_record", f, *case)
