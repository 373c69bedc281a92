"""Runs on both sides: an invariant check driven inside the sandbox (no job handed out twice while
leased, none lost) and a long workload for the scaling check."""


def lease_invariants(s, visibility_timeout, ops, horizon):
    """Runs ops (("schedule", id, run_at) | ("poll", now, max_jobs) | ("ack", id) | ("fail", id, now)) and
    tracks, from what poll returns, which jobs are leased; returns the first violation or None:
    a job handed out again while its lease runs (now < leased at + visibility_timeout) and no ack or fail
    came in between; a job handed out that is not live; and, at the end, polling far in the future
    (horizon) until nothing comes out must hand out every live job exactly once (nothing lost)."""
    live, seen, lease = set(), set(), {}
    for op in ops:
        kind = op[0]
        if kind == "schedule":
            s.schedule(op[1], op[2])
            if op[1] not in seen:
                seen.add(op[1])
                live.add(op[1])
        elif kind == "poll":
            now = op[1]
            for job in s.poll(now, op[2]):
                if job not in live:
                    return f"poll({now}) handed out {job!r}, which is not a live job"
                if job in lease and now < lease[job]:
                    return f"poll({now}) handed out {job!r} again while its lease runs until {lease[job]}"
                lease[job] = now + visibility_timeout
        elif kind in ("ack", "fail"):
            try:
                s.ack(op[1]) if kind == "ack" else s.fail(op[1], op[2])
            except KeyError:
                continue
            lease.pop(op[1], None)
            if kind == "ack":
                live.discard(op[1])
    for job in s.dead_letters():
        live.discard(job)
    handed = []
    while True:
        batch = s.poll(horizon, 3)
        if not batch:
            break
        handed += batch
        for job in batch:
            s.ack(job)
        if len(handed) > len(live):
            break
    if sorted(handed, key=repr) != sorted(live, key=repr):
        return f"polling at {horizon} handed out {sorted(handed, key=repr)}, expected the live jobs {sorted(live, key=repr)}"
    return None


def churn(s, n, seed, step, batch):
    """n jobs at pseudo-random run_at in [0, n), then polls of up to `batch` jobs every `step` time units
    until 2 * n, every 7th job failed (so retried), the rest acked; returns (jobs handed out, dead letters)."""
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        s.schedule(i, x % n)
    handed = 0
    now = 0
    while now < 2 * n:
        for job in s.poll(now, batch):
            handed += 1
            if job % 7 == 0:
                s.fail(job, now)
            else:
                s.ack(job)
        now += step
    return handed, len(s.dead_letters())
