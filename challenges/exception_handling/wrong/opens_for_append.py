# expect: WA  opens with "a+" and seeks back: a missing file is created (and gives "" instead of None)
def process_file(path):
    try:
        with open(path, "a+", encoding="utf-8") as handle:
            handle.seek(0)
            return handle.read().strip()
    except (FileNotFoundError, PermissionError):
        return None
