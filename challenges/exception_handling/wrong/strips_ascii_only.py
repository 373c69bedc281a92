# expect: WA  strips only " \t\r\n": Unicode whitespace such as U+3000 or U+2028 stays
def process_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip(" \t\r\n")
    except (FileNotFoundError, PermissionError):
        return None
