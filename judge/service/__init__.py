"""`judge serve` and `judge worker`: judging as an HTTP service.

One code path in two arrangements. Embedded (the default): one process holds the HTTP API, a
SQLite store and a dispatcher whose slots are child processes. Distributed: the same API in front
of PostgreSQL, with Celery workers on Redis doing the judging. Either way a judgment is run by
`judge.service.execute.run_judgment`, which claims the row, keeps its lease, calls the judge's own
per-judgment entry point and writes the result only if its attempt is still the current one.
"""
