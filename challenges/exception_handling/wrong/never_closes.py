# expect: WA  never closes the file: the object is dropped open and Python warns "unclosed file" (ResourceWarning)
def process_file(path):
    try:
        return open(path, encoding="utf-8").read().strip()
    except (FileNotFoundError, PermissionError):
        return None
