"""Runs on both sides: writes a generated package tree into a fresh temporary folder, calls the
submission's find_import_cycles on it, and returns what it returned (the folder is removed after).

The properties hand the submission's find_import_cycles itself to the helpers here (`p.function`).
"""
import os
import shutil
import tempfile


def write_tree(folder, top, files):
    """files: {relative path with "/": source text}; every folder on the way gets an __init__.py unless
    the description lists it (or marks it absent with None)."""
    root = os.path.join(folder, top)
    os.makedirs(root)
    for rel, source in sorted(files.items()):
        path = os.path.join(root, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if source is not None:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(source)
    return root


def cycles_of(fn, top, files, trailing_slash=False):
    """Write the tree (root folder named top) and return fn(root)."""
    folder = tempfile.mkdtemp(prefix="judge-imports-")
    try:
        root = write_tree(folder, top, files)
        return fn(root + os.sep if trailing_slash else root)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
