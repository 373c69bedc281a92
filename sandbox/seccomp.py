"""The seccomp profile the Docker sandbox runs under: `seccomp.json` next to this file.

It is Docker's default profile (moby's profiles/seccomp/default.json, github.com/moby/profiles/seccomp
v0.2.3 as vendored by moby/moby at 35797366d7cd) with these calls taken out of every allow rule, so
they fail with EPERM whatever capabilities the container holds:

- ptrace, process_vm_readv, process_vm_writev, process_madvise, pidfd_getfd, kcmp: reading, writing or
  controlling another process (PTRACE_ATTACH to the container's init or a sibling; PTRACE_TRACEME has
  been a local root door, CVE-2019-13272);
- bpf, perf_event_open: kernel programs and performance counters, frequent kernel attack surface;
- modify_ldt: 16-bit segments for Wine and DOS emulators, a source of kernel bugs;
- personality other than PER_LINUX (0) and the query 0xffffffff: no ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC,
  UNAME26 or PER_LINUX32.

Still denied as in the default: userfaultfd, keyctl, add_key, request_key, io_uring_*, mount, unshare,
setns, kexec and the rest. A submission, plain Python or torch, needs none of these.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

PROFILE = Path(__file__).with_name("seccomp.json")


@functools.lru_cache(maxsize=1)
def profile_text() -> str:
    """The profile as compact JSON, for `security_opt=["seccomp=<json>"]` (the daemon takes the text)."""
    return json.dumps(json.loads(PROFILE.read_text(encoding="utf-8")), separators=(",", ":"))
