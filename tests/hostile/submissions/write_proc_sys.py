# expect: RE  writing to /proc/sys and /sys fails
class LRUCache:
    def __init__(self, capacity):
        errors = []
        for path in ("/proc/sys/kernel/hostname", "/sys/kernel/mm/transparent_hugepage/enabled", "/proc/sysrq-trigger"):
            try:
                with open(path, "w") as handle:
                    handle.write("x")
                raise SystemExit(f"ESCAPED: wrote {path}")
            except OSError as exc:
                errors.append(type(exc).__name__)
        raise PermissionError(",".join(errors))
