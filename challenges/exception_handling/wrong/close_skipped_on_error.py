# expect: WA  closes the file after a successful read only: a UnicodeDecodeError leaves it open (ResourceWarning)
def process_file(path):
    try:
        handle = open(path, encoding="utf-8")
    except (FileNotFoundError, PermissionError):
        return None
    text = handle.read()
    handle.close()
    return text.strip()
