# expect: WA  imports the package instead of parsing it: where the imports happen to succeed (a module importing itself, a namespace package, imports in strings) it finds no cycle; elsewhere they fail (ImportError: cycles, stale sys.modules entries)
import importlib
import os
import sys


def find_import_cycles(root):
    root = os.path.abspath(root)
    sys.path.insert(0, os.path.dirname(root))
    try:
        importlib.import_module(os.path.basename(root))
        for folder, _, files in os.walk(root):
            rel = os.path.relpath(folder, os.path.dirname(root)).replace(os.sep, ".")
            for file in files:
                if file.endswith(".py") and file != "__init__.py":
                    importlib.import_module(f"{rel}.{file[:-3]}")
    finally:
        sys.path.remove(os.path.dirname(root))
    return []
