# expect: WA  reads BANDWIDTH with int(): "+5", " 5", "1_000" and non-ASCII digits pass instead of a ValueError
import math
import re
from fractions import Fraction


def bba_select(ladder_kbps, buffer_s, reservoir_s=10.0, cushion_s=20.0):
    if not ladder_kbps:
        raise ValueError("empty ladder")
    low, high = ladder_kbps[0], ladder_kbps[-1]
    if buffer_s <= reservoir_s:
        return low
    if buffer_s >= reservoir_s + cushion_s:
        return high
    # the highest rung r with r <= low + (high - low) * (buffer - reservoir) / cushion, compared exactly
    excess = Fraction(buffer_s) - Fraction(reservoir_s)
    chosen = low
    for rate in ladder_kbps:
        if (rate - low) * Fraction(cushion_s) <= (high - low) * excess:
            chosen = rate
    return chosen


def segment_durations(total_s, target_s):
    if total_s < 0 or target_s <= 0:
        raise ValueError("total must be >= 0 and target > 0")
    count = math.ceil(Fraction(total_s) / Fraction(target_s))
    if count == 0:
        return []
    return [float(target_s)] * (count - 1) + [float(total_s - target_s * (count - 1))]


def build_master_playlist(variants):
    lines = ["#EXTM3U"]
    for v in variants:
        attributes = [f"BANDWIDTH={v['bandwidth']}"]
        if "resolution" in v:
            attributes.append(f"RESOLUTION={v['resolution']}")
        if "codecs" in v:
            attributes.append(f'CODECS="{v["codecs"]}"')
        lines.append("#EXT-X-STREAM-INF:" + ",".join(attributes))
        lines.append(v["uri"])
    return "\n".join(lines) + "\n"


def _attributes(text):
    """NAME=VALUE pairs separated by commas; a quoted value may contain commas."""
    result, i = {}, 0
    while i < len(text):
        eq = text.index("=", i)
        name = text[i:eq].strip()
        if text.startswith('"', eq + 1):
            close = text.index('"', eq + 2)
            value, i = text[eq + 1:close + 1], close + 1
        else:
            comma = text.find(",", eq)
            end = len(text) if comma < 0 else comma
            value, i = text[eq + 1:end], end
        result[name] = value
        i += 1  # the comma
    return result


def _variant(attributes):
    """The variant an #EXT-X-STREAM-INF's attributes describe; ValueError unless they are well formed."""
    if "BANDWIDTH" not in attributes:
        raise ValueError("#EXT-X-STREAM-INF without BANDWIDTH")
    bandwidth = attributes["BANDWIDTH"]
    variant = {"bandwidth": int(bandwidth)}  # int() raises ValueError for anything that is not a number
    if "RESOLUTION" in attributes:
        if not re.fullmatch(r"[0-9]+x[0-9]+", attributes["RESOLUTION"]):  # a decimal-resolution
            raise ValueError(f"RESOLUTION={attributes['RESOLUTION']} is not WxH")
        variant["resolution"] = attributes["RESOLUTION"]
    if "CODECS" in attributes:
        if not re.fullmatch(r'"[^"]*"', attributes["CODECS"]):  # a quoted-string
            raise ValueError(f"CODECS={attributes['CODECS']} is not a quoted string")
        variant["codecs"] = attributes["CODECS"][1:-1]
    return variant


def parse_master_playlist(text):
    # only \n and \r\n end a line (RFC 8216): a lone \r is a character of its line (whitespace at its ends)
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    if not lines or lines[0] != "#EXTM3U":
        raise ValueError("a playlist starts with #EXTM3U")
    variants, pending = [], None
    for line in lines[1:]:
        if line.startswith("#EXT-X-STREAM-INF:"):
            if pending is not None:
                raise ValueError("#EXT-X-STREAM-INF without a URI")
            pending = _variant(_attributes(line[len("#EXT-X-STREAM-INF:"):]))
        elif line and not line.startswith("#") and pending is not None:
            pending["uri"] = line
            variants.append(pending)
            pending = None
    if pending is not None:
        raise ValueError("#EXT-X-STREAM-INF without a URI")
    return variants
