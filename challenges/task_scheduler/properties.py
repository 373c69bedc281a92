"""Properties of task_scheduler: a stateful differential test (hypothesis generates a list of
schedule/poll/ack/fail/dead_letters operations with a clock that never goes back, recorded on the
program as lru_cache does) against the reference; the lease invariants (no job handed out twice while
leased, none lost) checked inside the sandbox; retries and dead-lettering at exact backoff times;
explicit edge cases; and an O(log n)-per-job check."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

ids = st.sampled_from(["a", "b", "c", "d", "e", "f"])
op = st.one_of(
    st.tuples(st.just("schedule"), ids, st.integers(-3, 12)),
    st.tuples(st.just("poll"), st.integers(0, 4), st.integers(0, 3)),
    st.tuples(st.just("ack"), ids),
    st.tuples(st.just("fail"), ids, st.integers(0, 2)),
    st.tuples(st.just("dead_letters")),
)
configs = st.tuples(st.sampled_from([1, 2, 3, 0.5, 0]), st.integers(0, 3), st.sampled_from([1, 2, 5, 0.25]))


def timed(ops, start=0):
    """Gives schedule a run_at relative to the clock and poll/fail an absolute `now` that never decreases."""
    now, out = start, []
    for o in ops:
        if o[0] == "schedule":
            out.append(("schedule", o[1], now + o[2]))
        elif o[0] == "poll":
            now += o[1]
            out.append(("poll", now, o[2]))
        elif o[0] == "fail":
            now += o[2]
            out.append(("fail", o[1], now))
        else:
            out.append(o)
    return out


def record(s, ops):
    for o in ops:
        if o[0] == "schedule":
            s.schedule(o[1], o[2])
        elif o[0] == "poll":
            s.poll(o[1], o[2])
        elif o[0] == "ack":
            s.ack(o[1])
        elif o[0] == "fail":
            s.fail(o[1], o[2])
        else:
            s.dead_letters()


@prop(configs, st.lists(op, max_size=45), max_examples=300)
def matches_reference(p, config, ops):
    """Any operation sequence: poll hands out due, unleased jobs by (run_at, id), at most max_jobs;
    leases expire after visibility_timeout (the job keeps its run_at); the k-th fail retries at
    now + base_backoff * 2 ** (k - 1) and fail max_retries + 1 dead-letters; ack and fail of a job that
    is not live raise KeyError; schedule of a known id does nothing."""
    s = p.new("Scheduler", *config)
    record(s, timed(ops))
    s.dead_letters()
    s.poll(10**6, 100)


@prop(configs, st.lists(op, max_size=45), max_examples=150)
def no_double_lease_and_nothing_lost(p, config, ops):
    """Checked inside the sandbox from what poll returns: a job is never handed out again while its lease
    runs, only live jobs are handed out, and in the end every live job comes out exactly once."""
    s = p.new("Scheduler", *config)
    p.helper("lease_invariants", s, config[2], timed(ops), 10**9)


fail_heavy = st.one_of(
    st.tuples(st.just("fail"), ids, st.integers(0, 1)),
    st.tuples(st.just("fail"), ids, st.integers(0, 1)),
    st.tuples(st.just("poll"), st.integers(0, 2), st.integers(1, 2)),
    st.tuples(st.just("poll"), st.integers(0, 2), st.integers(1, 2)),
    st.tuples(st.just("ack"), ids),
)


@prop(st.lists(st.tuples(ids, st.integers(0, 9)), min_size=1, max_size=6), st.lists(fail_heavy, max_size=30),
      st.sampled_from([1, 2, 3]), max_examples=250)
def fail_while_waiting(p, jobs, ops, base):
    """Jobs failed while still waiting (before or between hand-outs), often more than once: the retry
    time replaces the job's run_at whether it is earlier or later, the old run_at no longer counts, and a
    job is never handed out twice while leased."""
    s = p.new("Scheduler", base, 3, 3)
    for job_id, run_at in jobs:
        s.schedule(job_id, run_at)
    record(s, timed(ops))
    s.dead_letters()
    for now in (20, 21, 40, 100):
        s.poll(now, 10)


@prop(st.sampled_from([1, 3, 0.5, 1 / 1024]), st.integers(0, 5), st.integers(0, 4), st.integers(0, 3),
      max_examples=150)
def backoff_schedule(p, base, max_retries, delay, vt):
    """One job failing again and again: retry k is due exactly at now + base * 2 ** (k - 1) (not a tick
    earlier), failure max_retries + 1 dead-letters it, and it is never handed out again."""
    s = p.new("Scheduler", base, max_retries, vt + 1)
    s.schedule(7, 0)
    now = 0
    for k in range(1, max_retries + 3):
        s.poll(now, 5)
        s.fail(7, now)
        s.dead_letters()
        due = now + base * 2 ** (k - 1)
        s.poll(due - 1 / 1024, 5)
        now = due + delay
    s.poll(now, 5)
    s.poll(now + 10**6, 5)
    s.dead_letters()


@prop(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5)), min_size=1, max_size=25), st.integers(0, 6),
      max_examples=150)
def order_and_batches(p, jobs, batch):
    """Many jobs with ties on run_at, integer ids: batches come out by (run_at, job_id), at most max_jobs
    each, including jobs whose lease expired (ordered by their original run_at)."""
    s = p.new("Scheduler", 1, 2, 3)
    for job_id, run_at in jobs:
        s.schedule(job_id, run_at)
    for now in range(0, 12):
        s.poll(now, batch)
    s.poll(100, 100)
    s.poll(103, 100)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Lease expiry exactly at now + visibility_timeout, max_jobs 0, ack/fail of unknown, acked and dead
    jobs, re-scheduling a finished id, a job due exactly at now, max_retries 0."""
    s = p.new("Scheduler", 2, 1, 5)
    s.poll(0, 10)
    s.schedule("x", 3)
    s.schedule("x", 0)
    s.schedule("y", 3)
    s.poll(2, 10)
    s.poll(3, 0)
    s.poll(3, 1)
    s.poll(7, 10)
    s.poll(8, 10)
    s.ack("x")
    s.ack("x")
    s.fail("x", 8)
    s.ack("nope")
    s.schedule("x", 0)
    s.poll(13, 10)
    s.fail("y", 13)
    s.poll(14, 10)
    s.poll(15, 10)
    s.fail("y", 15)
    s.fail("y", 15)
    s.ack("y")
    s.dead_letters()
    z = p.new("Scheduler", 1, 0, 1)
    z.schedule(1, 0)
    z.fail(1, 0)
    z.dead_letters()
    z.poll(100, 5)
    z.dead_letters()


@scaling(ratio=8)
def logarithmic_poll(p, rng):
    """40,000 jobs, polled up to 8 at a time every 4 time units (20,000 polls), one in 7 failed (inside the
    sandbox): scanning or sorting all jobs on each poll is far slower than a heap."""
    p.helper("churn", p.new("Scheduler", 3, 2, 50), 40_000, rng.randrange(1 << 30), 4, 8)
