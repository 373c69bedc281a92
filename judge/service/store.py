"""The service's database: judgments, API tokens, and the claim/lease/attempt rules.

Idempotency lives here, not in the broker. A delivery of a judgment (from the embedded dispatcher
or a Celery worker, possibly twice) first claims the row with one conditional UPDATE; zero rows
changed means someone else holds it or it is finished, and the delivery stops. The holder renews
its lease while it judges; its final write names its attempt, so a worker that lost its lease
cannot overwrite a newer attempt's result. A row whose lease ran out is claimable again, until
MAX_ATTEMPTS attempts have been spent: then the verdict is IE.

Times are epoch seconds from the writer's clock (workers and server are expected to run NTP).
"""
from __future__ import annotations

import hashlib
import json
import secrets
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

MAX_ATTEMPTS = 3
DEFAULT_LEASE_S = 10.0

metadata = sa.MetaData()

judgments = sa.Table(
    "judgments", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("idempotency_key", sa.String(200), unique=True, nullable=True),
    sa.Column("token_id", sa.Integer, nullable=True),
    sa.Column("api", sa.String(16), nullable=False, server_default="native"),
    sa.Column("challenge", sa.String(100), nullable=False),
    sa.Column("filename", sa.String(200), nullable=False, server_default="submission.py"),
    sa.Column("source", sa.LargeBinary, nullable=False),
    sa.Column("seed", sa.BigInteger, nullable=False),
    sa.Column("max_examples", sa.Integer, nullable=True),
    sa.Column("limits", sa.Text, nullable=True),  # JSON: limits tightened by a Judge0 client
    sa.Column("state", sa.String(16), nullable=False, server_default="queued"),
    sa.Column("attempt", sa.Integer, nullable=False, server_default="0"),
    sa.Column("lease_owner", sa.String(200), nullable=True),
    sa.Column("lease_until", sa.Float, nullable=True),
    sa.Column("progress", sa.Text, nullable=True),  # JSON: step, examples, shrinking
    sa.Column("result", sa.Text, nullable=True),  # JSON: Result.to_dict()
    sa.Column("verdict", sa.String(8), nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("enqueued_at", sa.Float, nullable=True),
    sa.Column("started_at", sa.Float, nullable=True),
    sa.Column("finished_at", sa.Float, nullable=True),
    sa.Column("callback_url", sa.String(2000), nullable=True),
    sa.Column("callback_state", sa.String(16), nullable=True),  # pending, sending, sent, failed
    sa.Column("callback_tries", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_judgments_state", "state"),
)

tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("digest", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.Float, nullable=False),
)


def default_db_url() -> str:
    """The embedded default: a SQLite file in the user's data folder."""
    import os

    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "judge"
    base.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{base / 'service.db'}"


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL (readers never block the writer), a busy timeout, and no
    pooling across threads' connections beyond what it allows."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (run by `judge serve` at start)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass
class Judgment:
    id: str
    challenge: str
    filename: str
    source: bytes
    seed: int
    max_examples: int | None
    limits: dict | None
    state: str
    attempt: int
    lease_owner: str | None
    lease_until: float | None
    progress: dict | None
    result: dict | None
    verdict: str | None
    created_at: float
    started_at: float | None
    finished_at: float | None
    api: str
    idempotency_key: str | None
    callback_url: str | None
    token_id: int | None

    @classmethod
    def from_row(cls, row: Any) -> "Judgment":
        m = row._mapping
        loads = lambda text: json.loads(text) if text else None  # noqa: E731
        return cls(id=m["id"], challenge=m["challenge"], filename=m["filename"], source=bytes(m["source"]),
                   seed=m["seed"], max_examples=m["max_examples"], limits=loads(m["limits"]), state=m["state"],
                   attempt=m["attempt"], lease_owner=m["lease_owner"], lease_until=m["lease_until"],
                   progress=loads(m["progress"]), result=loads(m["result"]), verdict=m["verdict"],
                   created_at=m["created_at"], started_at=m["started_at"], finished_at=m["finished_at"],
                   api=m["api"], idempotency_key=m["idempotency_key"], callback_url=m["callback_url"],
                   token_id=m["token_id"])


class DuplicateKey(Exception):
    """An idempotency key already names a judgment; carries its id."""

    def __init__(self, judgment_id: str) -> None:
        super().__init__(judgment_id)
        self.judgment_id = judgment_id


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)

    def close(self) -> None:
        self.engine.dispose()

    # -- submitting and reading

    def create(self, *, challenge: str, source: bytes, seed: int, filename: str = "submission.py",
               max_examples: int | None = None, limits: dict | None = None, idempotency_key: str | None = None,
               api: str = "native", callback_url: str | None = None, token_id: int | None = None) -> str:
        """A new queued judgment's id; DuplicateKey when the idempotency key is taken."""
        if idempotency_key is not None:
            existing = self.by_key(idempotency_key)
            if existing is not None:
                raise DuplicateKey(existing)
        judgment_id = str(uuid.uuid4())
        now = time.time()
        try:
            with self.engine.begin() as c:
                c.execute(judgments.insert().values(
                    id=judgment_id, idempotency_key=idempotency_key, token_id=token_id, api=api,
                    challenge=challenge, filename=filename, source=source, seed=seed, max_examples=max_examples,
                    limits=json.dumps(limits) if limits else None, state="queued", attempt=0, created_at=now,
                    enqueued_at=now, callback_url=callback_url, callback_state="pending" if callback_url else None))
        except sa.exc.IntegrityError:
            existing = self.by_key(idempotency_key) if idempotency_key else None
            if existing is None:
                raise
            raise DuplicateKey(existing) from None
        return judgment_id

    def by_key(self, key: str) -> str | None:
        with self.engine.connect() as c:
            return c.execute(sa.select(judgments.c.id).where(judgments.c.idempotency_key == key)).scalar()

    def get(self, judgment_id: str) -> Judgment | None:
        with self.engine.connect() as c:
            row = c.execute(sa.select(judgments).where(judgments.c.id == judgment_id)).first()
        return Judgment.from_row(row) if row is not None else None

    def get_many(self, ids: list[str]) -> dict[str, Judgment]:
        with self.engine.connect() as c:
            rows = c.execute(sa.select(judgments).where(judgments.c.id.in_(ids))).all()
        return {row._mapping["id"]: Judgment.from_row(row) for row in rows}

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as c:
            rows = c.execute(sa.select(judgments.c.state, sa.func.count()).group_by(judgments.c.state)).all()
        return {state: count for state, count in rows}

    # -- claiming, the lease, the final write

    def claim(self, judgment_id: str, owner: str, lease_s: float = DEFAULT_LEASE_S) -> Judgment | None:
        """Take the judgment for a new attempt, or None: it is finished, someone's lease on it is
        live, or its attempts are spent. One conditional UPDATE: two deliveries cannot both win."""
        now = time.time()
        j = judgments.c
        with self.engine.begin() as c:
            changed = c.execute(
                judgments.update()
                .where(j.id == judgment_id, j.attempt < MAX_ATTEMPTS,
                       sa.or_(j.state == "queued", sa.and_(j.state == "running", j.lease_until < now)))
                .values(state="running", attempt=j.attempt + 1, lease_owner=owner, lease_until=now + lease_s,
                        started_at=now, progress=None)).rowcount
        if changed != 1:
            self.give_up_if_spent(judgment_id)
            return None
        return self.get(judgment_id)

    def renew(self, judgment_id: str, attempt: int, lease_s: float, progress: dict | None = None) -> bool:
        """Extend the lease (and record progress); False when this attempt is no longer the current one."""
        values: dict[str, Any] = {"lease_until": time.time() + lease_s}
        if progress is not None:
            values["progress"] = json.dumps(progress)
        j = judgments.c
        with self.engine.begin() as c:
            return c.execute(judgments.update().where(j.id == judgment_id, j.attempt == attempt, j.state == "running")
                             .values(**values)).rowcount == 1

    def finish(self, judgment_id: str, attempt: int, result: dict) -> bool:
        """Write the result of `attempt`; False (nothing written) when a newer attempt took over."""
        j = judgments.c
        with self.engine.begin() as c:
            return c.execute(judgments.update().where(j.id == judgment_id, j.attempt == attempt, j.state == "running")
                             .values(state="done", result=json.dumps(result), verdict=result["verdict"],
                                     finished_at=time.time(), lease_owner=None, lease_until=None)).rowcount == 1

    def release(self, judgment_id: str, owner: str) -> None:
        """The dispatcher saw `owner`'s process die: its lease on the judgment ends now, not at expiry."""
        j = judgments.c
        with self.engine.begin() as c:
            c.execute(judgments.update().where(j.id == judgment_id, j.lease_owner == owner, j.state == "running")
                      .values(lease_until=0.0))

    def release_all_running(self) -> int:
        """Embedded start-up: no other process judges for this store, so every running row is left
        over from a previous server and is claimable at once."""
        with self.engine.begin() as c:
            return c.execute(judgments.update().where(judgments.c.state == "running").values(lease_until=0.0)).rowcount

    def give_up_if_spent(self, judgment_id: str | None = None) -> int:
        """Rows whose last allowed attempt's lease ran out end as IE. Returns how many."""
        now = time.time()
        j = judgments.c
        query = sa.select(judgments).where(j.state == "running", j.lease_until < now, j.attempt >= MAX_ATTEMPTS)
        if judgment_id is not None:
            query = query.where(j.id == judgment_id)
        with self.engine.connect() as c:
            rows = [Judgment.from_row(r) for r in c.execute(query).all()]
        given_up = 0
        for row in rows:
            result = internal_error(row, f"the judgment was attempted {row.attempt} times and each attempt's "
                                         "process died before it finished (the judge, not the submission)")
            given_up += self.finish(row.id, row.attempt, result)
        return given_up

    def claimable(self, limit: int, exclude: set[str] = frozenset()) -> list[str]:
        """Ids of rows a dispatcher may claim now, oldest first."""
        now = time.time()
        j = judgments.c
        query = (sa.select(j.id).where(j.attempt < MAX_ATTEMPTS,
                                       sa.or_(j.state == "queued", sa.and_(j.state == "running", j.lease_until < now)))
                 .order_by(j.created_at).limit(limit + len(exclude)))
        with self.engine.connect() as c:
            ids = [row[0] for row in c.execute(query).all()]
        return [i for i in ids if i not in exclude][:limit]

    def to_enqueue(self, stale_queued_s: float) -> list[str]:
        """Distributed mode, the reconciler: rows whose lease expired, and queued rows not claimed
        within `stale_queued_s` of being sent (a broker that lost its messages). Marks each as
        sent now, so the next sweep does not send it again at once."""
        now = time.time()
        j = judgments.c
        expired = sa.and_(j.state == "running", j.lease_until < now, j.attempt < MAX_ATTEMPTS)
        stale = sa.and_(j.state == "queued", j.enqueued_at < now - stale_queued_s)
        with self.engine.begin() as c:
            ids = [row[0] for row in c.execute(sa.select(j.id).where(sa.or_(expired, stale))).all()]
            for judgment_id in ids:
                c.execute(judgments.update().where(j.id == judgment_id, sa.or_(expired, stale))
                          .values(state="queued", lease_owner=None, enqueued_at=now))
        return ids

    # -- callbacks

    def callbacks_due(self) -> list[Judgment]:
        """Finished judgments whose callback is still to be sent; each is marked as being sent."""
        j = judgments.c
        with self.engine.begin() as c:
            rows = [Judgment.from_row(r) for r in c.execute(
                sa.select(judgments).where(j.state == "done", j.callback_state == "pending").limit(20)).all()]
            taken = []
            for row in rows:
                if c.execute(judgments.update().where(j.id == row.id, j.callback_state == "pending")
                             .values(callback_state="sending")).rowcount == 1:
                    taken.append(row)
        return taken

    def callback_done(self, judgment_id: str, ok: bool, tries: int) -> None:
        with self.engine.begin() as c:
            c.execute(judgments.update().where(judgments.c.id == judgment_id)
                      .values(callback_state="sent" if ok else "failed", callback_tries=tries))

    def callback_state(self, judgment_id: str) -> tuple[str | None, int]:
        with self.engine.connect() as c:
            row = c.execute(sa.select(judgments.c.callback_state, judgments.c.callback_tries)
                            .where(judgments.c.id == judgment_id)).first()
        return (row[0], row[1]) if row else (None, 0)

    # -- API tokens

    def create_token(self, name: str) -> str:
        """A new API token: printed once, stored only as its SHA-256."""
        token = "jt_" + secrets.token_urlsafe(32)
        with self.engine.begin() as c:
            c.execute(tokens.insert().values(name=name, digest=_digest(token), created_at=time.time()))
        return token

    def token_id(self, token: str) -> int | None:
        with self.engine.connect() as c:
            return c.execute(sa.select(tokens.c.id).where(tokens.c.digest == _digest(token))).scalar()

    def has_tokens(self) -> bool:
        with self.engine.connect() as c:
            return c.execute(sa.select(sa.func.count()).select_from(tokens)).scalar() > 0

    def iter_ids(self) -> Iterator[str]:
        with self.engine.connect() as c:
            yield from (row[0] for row in c.execute(sa.select(judgments.c.id)).all())


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def internal_error(row: Judgment, message: str) -> dict:
    """An IE document in the `judge run --json` shape, for a judgment the judge could not finish."""
    from judge.result import Result, Verdict

    result = Result(verdict=Verdict.IE, challenge=row.challenge, message=message, seed=row.seed,
                    submission=row.filename)
    return result.to_dict()
