"""Runs on both sides: each scenario creates its file inside the sandbox (in a fresh temporary folder),
calls the submission's process_file on it, and reports plain data: what it returned or raised, and
whether it left the file open.

The properties hand the submission's process_file itself to `scenario` (`p.function`).

"Permission denied" is simulated, since the reference runs as root (which may read any file): while the
function runs, builtins.open, io.open and os.open raise PermissionError for that one path.
"""
import builtins
import gc
import io
import os
import shutil
import tempfile
import warnings

# The judge runs a program that calls these helpers with nothing else in flight: its scenarios
# gc.collect() the judge to find files left open (a reply arriving meanwhile would be measured too).
RUN_ALONE = True

KINDS = ("text", "bytes", "missing", "missing_parent", "dangling_symlink", "directory", "not_a_directory",
         "denied")


def _open_fds_under(folder):
    """Descriptors of this process that point inside folder (Linux /proc; empty where it is missing)."""
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return []
    found = []
    for fd in fds:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(folder):
            found.append(target[len(folder):])
    return sorted(found)


class _Denied:
    """Patches the three ways to open a file so that opening `path` raises PermissionError."""

    def __init__(self, path):
        self.path = path
        self.saved = (builtins.open, io.open, os.open)

    def _check(self, file):
        if isinstance(file, (str, bytes, os.PathLike)) and os.fsdecode(os.fspath(file)) == self.path:
            raise PermissionError(13, "Permission denied", self.path)

    def __enter__(self):
        real_open, _, real_os_open = self.saved

        def fake_open(file, *args, **kwargs):
            self._check(file)
            return real_open(file, *args, **kwargs)

        def fake_os_open(file, *args, **kwargs):
            self._check(file)
            return real_os_open(file, *args, **kwargs)

        builtins.open = io.open = fake_open
        os.open = fake_os_open
        return self

    def __exit__(self, *exc):
        builtins.open, io.open, os.open = self.saved
        return False


def _make(folder, kind, data):
    path = os.path.join(folder, "input.txt")
    if kind in ("text", "bytes", "denied", "not_a_directory"):
        with open(path, "wb") as handle:
            handle.write(data)
    if kind == "missing_parent":
        path = os.path.join(folder, "no_such_folder", "input.txt")
    elif kind == "dangling_symlink":
        os.symlink(os.path.join(folder, "gone.txt"), path)
    elif kind == "directory":
        os.mkdir(path)
    elif kind == "not_a_directory":
        path = os.path.join(path, "child.txt")
    return path


def scenario(fn, kind, data=b""):
    """Create a path of the given kind (file contents `data`, bytes), call fn(path), and report:

    result / raised: the return value, or the qualified name of the exception type (never both);
    open_files: files inside the scenario's folder still open after the call and a gc.collect();
    resource_warnings: ResourceWarnings about those files (an unclosed file object);
    file_unchanged: the file (if any) has the same bytes afterwards, and a missing one was not created."""
    folder = tempfile.mkdtemp(prefix="judge-exc-")
    try:
        path = _make(folder, kind, data)
        before = _snapshot(folder)
        result, raised = None, None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                if kind == "denied":
                    with _Denied(path):
                        result = fn(path)
                else:
                    result = fn(path)
            except Exception as exc:  # noqa: BLE001 - the exception itself is the observation
                raised = f"{type(exc).__module__}.{type(exc).__qualname__}"
                del exc
            gc.collect()
        warned = sum(1 for w in caught if issubclass(w.category, ResourceWarning) and folder in str(w.message))
        return {"result": result, "raised": raised, "open_files": _open_fds_under(folder),
                "resource_warnings": warned, "file_unchanged": _snapshot(folder) == before}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _snapshot(folder):
    """Every entry under folder with its bytes (files) or a mark (folders, links): to see changes."""
    out = []
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            full = os.path.join(root, name)
            if os.path.islink(full):
                out.append((full, "link", os.readlink(full)))
            elif os.path.isfile(full):
                with open(full, "rb") as handle:
                    out.append((full, "file", handle.read()))
            else:
                out.append((full, "dir", None))
    return sorted(out)
