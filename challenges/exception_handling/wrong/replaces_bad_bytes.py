# expect: WA  decodes with errors="replace": invalid UTF-8 gives text with U+FFFD instead of UnicodeDecodeError
def process_file(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().strip()
    except (FileNotFoundError, PermissionError):
        return None
