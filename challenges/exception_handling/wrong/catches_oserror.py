# expect: WA  catches OSError as a whole: a directory gives None instead of IsADirectoryError
def process_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return None
