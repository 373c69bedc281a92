# expect: WA  ack and fail of a job that is not live are silently ignored instead of raising KeyError
import heapq


class Scheduler:
    def __init__(self, base_backoff, max_retries, visibility_timeout):
        self.base = base_backoff
        self.max_retries = max_retries
        self.vt = visibility_timeout
        self.known = set()
        self.run_at = {}     # live job -> run_at
        self.failures = {}   # live job -> failures so far
        self.lease = {}      # leased job -> expiry
        self.ready = []      # (run_at, job) entries; stale unless the job waits with that run_at
        self.expiries = []   # (expiry, job) entries; stale unless the job holds that lease
        self.dead = []

    def _push(self, job):
        heapq.heappush(self.ready, (self.run_at[job], job))

    def schedule(self, job_id, run_at):
        if job_id in self.known:
            return
        self.known.add(job_id)
        self.run_at[job_id] = run_at
        self.failures[job_id] = 0
        self._push(job_id)

    def poll(self, now, max_jobs):
        while self.expiries and self.expiries[0][0] <= now:
            expiry, job = heapq.heappop(self.expiries)
            if self.lease.get(job) == expiry:
                del self.lease[job]
                self._push(job)
        out = []
        seen = set()
        while self.ready and self.ready[0][0] <= now and len(out) < max_jobs:
            run_at, job = heapq.heappop(self.ready)
            if job not in self.run_at or job in self.lease or self.run_at[job] != run_at or job in seen:
                continue
            seen.add(job)
            self.lease[job] = now + self.vt
            heapq.heappush(self.expiries, (now + self.vt, job))
            out.append(job)
        return out

    def ack(self, job_id):
        if job_id not in self.run_at:
            return
        del self.run_at[job_id]
        self.lease.pop(job_id, None)

    def fail(self, job_id, now):
        if job_id not in self.run_at:
            return
        self.lease.pop(job_id, None)
        self.failures[job_id] += 1
        k = self.failures[job_id]
        if k > self.max_retries:
            del self.run_at[job_id]
            self.dead.append(job_id)
            return
        self.run_at[job_id] = now + self.base * 2 ** (k - 1)
        self._push(job_id)

    def dead_letters(self):
        return self.dead[:]
