"""Reference: catch only the two expected failures of open(), let everything else propagate, and let
`with` close the file on every path (a successful read, or an exception while reading)."""


def process_file(path: str) -> str | None:
    try:
        handle = open(path, encoding="utf-8")
    except (FileNotFoundError, PermissionError):
        return None
    else:
        with handle:
            return handle.read().strip()
