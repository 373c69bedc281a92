# expect: WA  `except Exception: return None` swallows IsADirectoryError and UnicodeDecodeError too
def process_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except Exception:
        return None
