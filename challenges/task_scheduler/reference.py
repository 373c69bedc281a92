"""Reference task scheduler: a heap of waiting jobs by (run_at, job_id) and a heap of leases by expiry,
both with lazy deletion through a per-job version number (the seed's delay queue + visibility timeout
+ retry with exponential backoff + dead letter queue)."""
import heapq


class _Job:
    __slots__ = ("run_at", "failures", "version")

    def __init__(self, run_at):
        self.run_at = run_at
        self.failures = 0
        self.version = 0


class Scheduler:
    def __init__(self, base_backoff, max_retries, visibility_timeout) -> None:
        self.base_backoff = base_backoff
        self.max_retries = max_retries
        self.visibility_timeout = visibility_timeout
        self.jobs = {}        # live jobs: job_id -> _Job
        self.seen = set()     # every id ever scheduled (schedule is idempotent per id)
        self.waiting = []     # heap of (run_at, job_id, version)
        self.leases = []      # heap of (lease expiry, job_id, version)
        self.dead = []

    def _wait(self, job_id, job):
        job.version += 1
        heapq.heappush(self.waiting, (job.run_at, job_id, job.version))

    def schedule(self, job_id, run_at) -> None:
        if job_id in self.seen:
            return
        self.seen.add(job_id)
        job = self.jobs[job_id] = _Job(run_at)
        self._wait(job_id, job)

    def poll(self, now, max_jobs) -> list:
        while self.leases and self.leases[0][0] <= now:  # expired leases: due again, original run_at
            _, job_id, version = heapq.heappop(self.leases)
            job = self.jobs.get(job_id)
            if job is not None and job.version == version:
                self._wait(job_id, job)
        handed = []
        while self.waiting and len(handed) < max_jobs and self.waiting[0][0] <= now:
            _, job_id, version = heapq.heappop(self.waiting)
            job = self.jobs.get(job_id)
            if job is None or job.version != version:
                continue  # acked, failed or dead since this entry was pushed
            job.version += 1
            heapq.heappush(self.leases, (now + self.visibility_timeout, job_id, job.version))
            handed.append(job_id)
        return handed

    def ack(self, job_id) -> None:
        del self.jobs[job_id]  # KeyError for an unknown, acked or dead job

    def fail(self, job_id, now) -> None:
        job = self.jobs[job_id]
        job.failures += 1
        if job.failures > self.max_retries:
            del self.jobs[job_id]
            self.dead.append(job_id)
            return
        job.run_at = now + self.base_backoff * 2 ** (job.failures - 1)
        self._wait(job_id, job)

    def dead_letters(self) -> list:
        return list(self.dead)
