# expect: WA  handles FileNotFoundError only: PermissionError propagates instead of giving None
def process_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except FileNotFoundError:
        return None
