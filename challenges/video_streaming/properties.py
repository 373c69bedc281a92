"""Properties of video_streaming: BBA-0 selection compared exactly (exact boundaries included), segment
lists checked for their properties (the split itself is free), playlists built by the submission parsed
back by a strict trusted parser, and the submission's parser run on playlists written with every
liberty RFC 8216 allows (attribute order, unknown tags and attributes, comments, CRLF)."""
import math
import random
import re

from hypothesis import strategies as st

from judge.harness import prop

# ---------------------------------------------------------------- BBA-0

ladders = st.lists(st.integers(1, 20_000), min_size=1, max_size=8, unique=True).map(sorted)
dyadic = st.integers(-2048, 64 * 1024).map(lambda n: n / 1024)


@prop(ladders, dyadic, st.integers(0, 40), st.integers(1, 80), max_examples=200)
def bba_matches_reference(p, ladder, buffer_s, reservoir_q, cushion_q):
    """Any ascending ladder, any buffer level (negative, inside the reservoir, in the cushion, past it),
    with the default and with other reservoir and cushion sizes."""
    p.call("bba_select", ladder, buffer_s)
    p.call("bba_select", ladder, buffer_s, reservoir_q / 4, cushion_q / 4)
    p.call("bba_select", ladder, buffer_s, reservoir_s=reservoir_q / 4, cushion_s=cushion_q / 4)


@prop(st.integers(1, 8), st.lists(st.integers(1, 7), max_size=6), st.integers(1, 1000), st.integers(1, 5000),
      st.integers(1, 8), st.integers(0, 40), st.integers(0, 8), st.sampled_from([-1, 0, 1]), max_examples=200)
def bba_exact_boundaries(p, steps, inner, step, low, q4, reservoir_q, k, nudge):
    """Buffer levels exactly on a rung's threshold (where the linear map equals the rung) and 1/1024 s on
    either side: the rung counts as 'at or below' the map exactly there; the reservoir and cushion edges
    (buffer == reservoir, buffer == reservoir + cushion) too."""
    ks = sorted({0, steps} | {i for i in inner if i < steps})
    ladder = [low + step * i for i in ks]
    q = q4 / 4
    reservoir, cushion = reservoir_q / 4, steps * q
    level = reservoir + q * ks[k % len(ks)] + nudge / 1024  # on (or next to) an actual rung's threshold
    p.call("bba_select", ladder, level, reservoir, cushion)
    p.call("bba_select", ladder, reservoir + nudge / 1024, reservoir, cushion)
    p.call("bba_select", ladder, reservoir + cushion + nudge / 1024, reservoir, cushion)


# ---------------------------------------------------------------- segments

def segments_ok(total, target):
    """Many splits are right: the fewest segments (ceil(total / target)), each a float in (0, target],
    summing (math.fsum) to total within 1e-9."""

    def compare(expected, actual):
        if type(actual) is not list or any(type(x) is not float for x in actual):
            return f"expected a list of floats, got {actual!r}"[:300]
        if len(actual) != len(expected):
            return f"expected {len(expected)} segments (the fewest), got {len(actual)}"
        bad = [x for x in actual if not 0 < x <= target]
        if bad:
            return f"segment {bad[0]!r} is not within (0, {target!r}]"
        if not abs(math.fsum(actual) - total) <= 1e-9:
            return f"segments sum to {math.fsum(actual)!r}, expected {total!r}"
        return None

    return compare


@prop(st.integers(0, 400_000), st.integers(1, 48), st.integers(0, 30), max_examples=200)
def segments_cover_the_total(p, total_n, target_q, multiple):
    """Random totals (multiples of 1/1024 s), totals that are exact multiples of the target (no short
    last segment), and integer arguments."""
    total, target = total_n / 1024, target_q / 4
    p.call("segment_durations", total, target).compare(segments_ok(total, target))
    p.call("segment_durations", target * multiple, target).compare(segments_ok(target * multiple, target))
    p.call("segment_durations", multiple, target_q).compare(segments_ok(multiple, target_q))


@prop(st.just(None), max_examples=1)
def segment_edge_cases(p, _):
    """A zero total, a total below the target, negative or zero arguments (ValueError)."""
    for total, target in ((0.0, 6.0), (0, 4), (0.5, 6.0), (6.0, 6.0), (6.000001, 6.0), (1e-9, 1e-9), (3600.0, 6.0)):
        p.call("segment_durations", total, target).compare(segments_ok(total, target))
    p.call("segment_durations", -1.0, 6.0)
    p.call("segment_durations", 10.0, 0.0)
    p.call("segment_durations", 10.0, -2.0)
    p.call("bba_select", [], 5.0)
    p.call("bba_select", [800], 0.0)
    p.call("bba_select", [800], 100.0)
    p.call("bba_select", [300, 750, 1200, 2400, 4800], 20.0)


# ---------------------------------------------------------------- playlists

codecs = st.sampled_from(["avc1.4d401f,mp4a.40.2", "avc1.64001f", "hvc1.2.4.L123.B0,ec-3", "mp4a.40.2", "av01.0.05M.08"])
uris = st.one_of(st.sampled_from(["720p.m3u8", "low/index.m3u8", "https://cdn.example.com/v/1080.m3u8?t=a,b=c"]),
                 st.from_regex(r"[a-z0-9_/]{1,12}\.m3u8", fullmatch=True))


@st.composite
def variant(draw):
    v = {"bandwidth": draw(st.integers(1, 50_000_000))}
    if draw(st.booleans()):
        v["resolution"] = f"{draw(st.integers(16, 7680))}x{draw(st.integers(16, 4320))}"
    if draw(st.booleans()):
        v["codecs"] = draw(codecs)
    v["uri"] = draw(uris)
    return v


variants = st.lists(variant(), max_size=6)
_STREAM = re.compile(r'#EXT-X-STREAM-INF:((?:[A-Z0-9-]+=(?:"[^"\r\n]*"|[^",\s]*))(?:,[A-Z0-9-]+=(?:"[^"\r\n]*"|[^",\s]*))*)')
_ATTR = re.compile(r'([A-Z0-9-]+)=("[^"]*"|[^",]*)')


def strict_parse(text):
    """The judge's own parser for a built playlist: #EXTM3U first, every #EXT-X-STREAM-INF well formed
    (BANDWIDTH a decimal integer, RESOLUTION WxH, CODECS quoted) and followed by its URI line."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != "#EXTM3U":
        return "the playlist does not start with a #EXTM3U line"
    result, pending = [], None
    for line in lines[1:]:
        if line.startswith("#EXT-X-STREAM-INF"):
            match = _STREAM.fullmatch(line)
            if not match or pending is not None:
                return f"malformed or misplaced line {line!r}"
            attrs = dict(_ATTR.findall(match.group(1)))
            if not re.fullmatch(r"0|[1-9][0-9]*", attrs.get("BANDWIDTH", "")):
                return f"BANDWIDTH missing or not a decimal integer in {line!r}"
            pending = {"bandwidth": int(attrs["BANDWIDTH"])}
            if "RESOLUTION" in attrs:
                if not re.fullmatch(r"[0-9]+x[0-9]+", attrs["RESOLUTION"]):
                    return f"RESOLUTION is not WxH in {line!r}"
                pending["resolution"] = attrs["RESOLUTION"]
            if "CODECS" in attrs:
                if not attrs["CODECS"].startswith('"'):
                    return f"CODECS is not a quoted string in {line!r}"
                pending["codecs"] = attrs["CODECS"][1:-1]
        elif line.startswith("#") or not line.strip():
            continue
        elif pending is None:
            return f"URI line {line!r} without a #EXT-X-STREAM-INF before it"
        else:
            pending["uri"] = line
            result.append(pending)
            pending = None
    if pending is not None:
        return "the last #EXT-X-STREAM-INF has no URI line"
    return result


def parses_back_to(variants_in):
    def compare(expected, actual):
        if type(actual) is not str:
            return f"expected a str, got {type(actual).__name__}"
        parsed = strict_parse(actual)
        if type(parsed) is str:
            return parsed
        if parsed != variants_in:
            return f"the playlist parses to {parsed!r}, expected {variants_in!r}"[:600]
        return None

    return compare


def render(variants_in, seed):
    """A valid master playlist for `variants_in`, written with the liberties a parser must accept."""
    rng = random.Random(seed)
    newline = rng.choice(["\n", "\r\n"])
    lines = ["#EXTM3U"]
    extras = ["#EXT-X-VERSION:6", "#EXT-X-INDEPENDENT-SEGMENTS", "# a comment, with = signs",
              '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",URI="audio/en.m3u8"',
              '#EXT-X-SESSION-DATA:DATA-ID="com.example.title",VALUE="A, B"', ""]
    for v in variants_in:
        if rng.random() < 0.5:
            lines.append(rng.choice(extras))
        attrs = [f"BANDWIDTH={v['bandwidth']}"]
        if "resolution" in v:
            attrs.append(f"RESOLUTION={v['resolution']}")
        if "codecs" in v:
            attrs.append(f'CODECS="{v["codecs"]}"')
        attrs += rng.sample(['AVERAGE-BANDWIDTH=900000', 'FRAME-RATE=29.970', 'AUDIO="aac"',
                             'CLOSED-CAPTIONS=NONE', 'HDCP-LEVEL=TYPE-0', 'VIDEO-RANGE=SDR',
                             'SUBTITLES="subs,en"'], rng.randrange(3))
        rng.shuffle(attrs)
        lines.append("#EXT-X-STREAM-INF:" + ",".join(attrs))
        if rng.random() < 0.3:
            lines.append(rng.choice(["# comment between the tag and its URI", ""]))
        lines.append(v["uri"])
    text = newline.join(lines)
    return text + newline if rng.random() < 0.8 else text


@prop(variants, max_examples=200)
def built_playlists_parse_back(p, vs):
    """build_master_playlist's output is a valid master playlist holding exactly these variants in order
    (checked by a strict parser, so formatting details are free); parsing it gives them back."""
    p.call("build_master_playlist", vs).compare(parses_back_to(vs))
    p.call("parse_master_playlist", render(vs, 0).replace("\r\n", "\n"))


@prop(variants, st.integers(0, 2**32), max_examples=250)
def parser_copes_with_real_playlists(p, vs, seed):
    """Attributes in any order, unknown attributes (quoted values with commas), unknown tags, comments,
    blank lines, CRLF line endings and a missing final newline: the same variants come out."""
    p.call("parse_master_playlist", render(vs, seed))


def _stream_inf(attributes):
    return f"#EXTM3U\n#EXT-X-STREAM-INF:{attributes}\nv.m3u8\n"


@prop(st.text("0123456789+-._ e\"x\u0663", max_size=6), st.text("0123456789Xx -\"\u00d7p", max_size=7),
      max_examples=200)
def attribute_values(p, bandwidth, resolution):
    """BANDWIDTH must be a decimal-integer (ASCII digits only: no sign, space, `_`, quotes, fraction or
    exponent, below 2**64) and RESOLUTION a decimal-resolution (digits, a lowercase x, digits), or
    parse_master_playlist raises ValueError; valid values come back (RESOLUTION as written)."""
    p.call("parse_master_playlist", _stream_inf(f"BANDWIDTH={bandwidth}"))
    p.call("parse_master_playlist", _stream_inf(f"BANDWIDTH=100,RESOLUTION={resolution}"))


@prop(st.just(None), max_examples=1)
def playlist_edge_cases(p, _):
    """An empty variant list, a playlist without #EXTM3U, a tag without BANDWIDTH or without a URI; blank
    lines before #EXTM3U, a lone \\r (not a line end), BANDWIDTH, RESOLUTION and CODECS malformed."""
    p.call("build_master_playlist", []).compare(parses_back_to([]))
    p.call("parse_master_playlist", "#EXTM3U\n")
    p.call("parse_master_playlist", "#EXTM3U")
    p.call("parse_master_playlist", "")
    p.call("parse_master_playlist", "#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n")
    p.call("parse_master_playlist", "#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=1x1\na.m3u8\n")
    p.call("parse_master_playlist", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=5\n")
    p.call("parse_master_playlist", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=5\n#EXT-X-STREAM-INF:BANDWIDTH=6\nb\n")
    p.call("parse_master_playlist", '#EXTM3U\r\n#EXT-X-STREAM-INF:CODECS="a,b",BANDWIDTH=7\r\nx.m3u8\r\n')
    for text in ["\n#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n", "\r\n#EXTM3U\n", "  \n#EXTM3U\n",
                 "  #EXTM3U \t\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8",
                 "#EXTM3U\r#EXT-X-STREAM-INF:BANDWIDTH=1\ra.m3u8\r", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na\rb.m3u8\n",
                 "#EXTM3U\r\r\n#EXT-X-STREAM-INF:BANDWIDTH=1\r\r\na.m3u8\r\r\n",
                 "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n# note\rx.m3u8\n",
                 "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\u2028x\na.m3u8\n"]:
        p.call("parse_master_playlist", text)
    for attributes in ["BANDWIDTH=1.5", "BANDWIDTH=1e6", "BANDWIDTH=-5", "BANDWIDTH=+5", "BANDWIDTH= 5", "BANDWIDTH=1_000",
                       'BANDWIDTH="1000"', "BANDWIDTH=", "BANDWIDTH=\u0663", "BANDWIDTH=18446744073709551616",
                       "BANDWIDTH=18446744073709551615", "BANDWIDTH=007", "BANDWIDTH=0",
                       "BANDWIDTH=1,RESOLUTION=1280X720", "BANDWIDTH=1,RESOLUTION=1280x", "BANDWIDTH=1,RESOLUTION=x720",
                       "BANDWIDTH=1,RESOLUTION=1280x720p", 'BANDWIDTH=1,RESOLUTION="1280x720"', "BANDWIDTH=1,RESOLUTION=-1x5",
                       "BANDWIDTH=1,RESOLUTION=1280\u00d7720", "BANDWIDTH=1,RESOLUTION=0x0", "BANDWIDTH=1,RESOLUTION=01280x0720",
                       "BANDWIDTH=1,CODECS=avc1", 'BANDWIDTH=1,CODECS=""', 'BANDWIDTH=1,CODECS="avc1.4d401f,mp4a.40.2"']:
        p.call("parse_master_playlist", _stream_inf(attributes))
