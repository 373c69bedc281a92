"""Building the sandbox images the Docker backend runs: one per runtime profile, tagged by content.

`ensure_image(client, profile)` returns a tag `judge-sandbox-<profile>:<hash12>`; the hash covers
the Dockerfile, the worker and the protocol module shipped beside it, the base image name and the wheel file names, so an existing tag is
reused without building. The default base `python:3.11-slim` is pulled when missing; when no
registry answers (offline machines) a minimal Debian bookworm with python3 is debootstrapped and
imported as `judge-base:bookworm` instead. The torch profile installs CPU torch and numpy offline
from a wheelhouse (given, or downloaded on the host with pip, refusing any CUDA build of torch).

Each image is labelled with its python3's version and Unicode database version (`sandbox.pyversion`),
read from the base before the build; `require_same_python(client, tag)` refuses an image whose
Python differs from the judge's.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from judge.sandbox.pyversion import PROBE, PYTHON_LABEL, UNIDATA_LABEL, mismatch
from judge.sandbox.session import PROFILES, BackendUnavailable

HERE = Path(__file__).parent
# What the image runs, copied into /opt/judge: the worker and the one module it imports.
WORKER_FILES = (HERE / "worker.py", HERE / "protocol.py")
DOCKERFILES = HERE / "images"
DEFAULT_BASE = "python:3.11-slim"
BOOTSTRAP_TAG = "judge-base:bookworm"
TORCH_REQUIREMENT = "torch==2.13.0"


def _quiet(_line: str) -> None:
    pass


def ensure_image(client, profile: str, *, base: str | None = None, wheelhouse: Path | None = None,
                 progress: Callable[[str], None] = print) -> str:
    """Return the tag of the sandbox image for `profile`, building it (and its base) if needed."""
    progress = progress or _quiet
    if profile not in PROFILES:
        raise BackendUnavailable(f"unknown sandbox profile {profile!r} (known: {', '.join(PROFILES)})")
    if profile == "torch-gpu" and base is None:
        raise BackendUnavailable("the torch-gpu sandbox image needs a base image that already holds a CUDA build "
                                 "of torch: `judge sandbox build --profile torch-gpu --base IMAGE` (or "
                                 "JUDGE_DOCKER_BASE=IMAGE); the judge never downloads CUDA torch itself")
    import docker.errors

    try:
        # torch-gpu: the given base brings its own CUDA torch; only the worker's files are added on top.
        recipe = "torch" if profile == "torch" else "python"
        dockerfile = (DOCKERFILES / recipe / "Dockerfile").read_bytes()
        shipped = [path.read_bytes() for path in WORKER_FILES]
        if recipe == "python":
            wheel_names = []
        elif wheelhouse is not None:
            wheel_names = sorted(p.name for p in Path(wheelhouse).glob("*.whl"))
        else:  # downloaded at build time: named by what is asked for, so a built tag is found first
            wheel_names = [f"pip download {TORCH_REQUIREMENT} numpy pip"]
        if recipe == "torch" and wheelhouse is not None and not any(n.startswith("torch-") for n in wheel_names):
            raise BackendUnavailable(f"the wheelhouse {wheelhouse} holds no torch wheel")
        base_name = base or DEFAULT_BASE
        # A base we would have to bootstrap is named by what we bootstrap, so the hash is stable.
        if base is None and not _image_exists(client, base_name):
            base_name = _base_image(client, progress)
        digest = _digest(dockerfile, shipped, base_name, wheel_names)
        tag = f"judge-sandbox-{profile}:{digest}"
        if _image_exists(client, tag):
            return tag
        progress(f"building sandbox image {tag} from {base_name}")
        with tempfile.TemporaryDirectory(prefix="judge-image-") as tmp:
            context = Path(tmp)
            (context / "Dockerfile").write_bytes(dockerfile)
            for path in WORKER_FILES:
                shutil.copyfile(path, context / path.name)
            if recipe == "torch":
                wheels = context / "wheels"
                if wheelhouse is not None:
                    wheels.mkdir()
                    for wheel in Path(wheelhouse).glob("*.whl"):
                        _link_or_copy(wheel, wheels / wheel.name)
                else:
                    _download_wheels(wheels, progress)
            _build(client, context, tag, base_name, progress, python_labels(client, base_name))
        progress(f"built sandbox image {tag}")
        # Older tags are left alone: another judge on this daemon may use them (another base, another
        # checkout). `docker image prune --filter label=judge.sandbox.image=1` reclaims them.
        return tag
    except BackendUnavailable:
        raise
    except docker.errors.DockerException as exc:
        raise BackendUnavailable(f"cannot build the {profile} sandbox image: {_one_line(exc)}") from exc
    except OSError as exc:
        raise BackendUnavailable(f"cannot build the {profile} sandbox image: {_one_line(exc)}") from exc


def require_same_python(client, tag: str) -> None:
    """Refuse (BackendUnavailable, one line) to judge with image `tag` when its Python's minor version or
    Unicode database differs from the judge's: the reference would run on another standard library."""
    import docker.errors

    try:
        labels = client.images.get(tag).labels or {}
        if not labels.get(PYTHON_LABEL) or not labels.get(UNIDATA_LABEL):  # built before images were labelled
            labels = python_labels(client, tag)
    except docker.errors.DockerException as exc:
        raise BackendUnavailable(f"cannot read the Python version of {tag}: {_one_line(exc)}") from exc
    problem = mismatch(labels, f"the sandbox image {tag}")
    if problem:
        raise BackendUnavailable(problem)


def python_labels(client, image: str) -> dict[str, str]:
    """Run `python3` of `image` once, without network or privileges: its version and Unicode database
    version, as labels ({PYTHON_LABEL: '3.11.2', UNIDATA_LABEL: '14.0.0'})."""
    import json

    # create, not run: run would try to pull an image that is not here
    container = client.containers.create(image, ["python3", "-I", "-c", PROBE], network_mode="none",
                                         user="65534:65534", cap_drop=["ALL"], read_only=True,
                                         security_opt=["no-new-privileges:true"])
    try:
        container.start()
        container.wait(timeout=120)
        output = container.logs(stdout=True, stderr=False)
    except Exception as exc:  # noqa: BLE001 - docker's errors and requests' timeouts alike
        raise BackendUnavailable(f"cannot read the Python version of {image}: {_one_line(exc)}") from exc
    finally:
        container.remove(force=True)
    try:
        found = json.loads(output.decode("utf-8", "replace").strip().splitlines()[-1])
        return {PYTHON_LABEL: str(found[PYTHON_LABEL]), UNIDATA_LABEL: str(found[UNIDATA_LABEL])}
    except (ValueError, KeyError, IndexError, TypeError):
        raise BackendUnavailable(f"cannot read the Python version of {image}: its python3 said "
                                 f"{output[:120]!r}") from None


# What a built image carries besides its files: part of the tag, so images built before it are rebuilt.
IMAGE_LABELS = f"judge.sandbox.image {PYTHON_LABEL} {UNIDATA_LABEL}"


def _digest(dockerfile: bytes, shipped: list[bytes], base: str, wheel_names: list[str]) -> str:
    h = hashlib.sha256()
    for part in (dockerfile, *shipped, base.encode(), "\n".join(wheel_names).encode(), IMAGE_LABELS.encode()):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:12]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__


def _image_exists(client, name: str) -> bool:
    import docker.errors

    try:
        client.images.get(name)
        return True
    except docker.errors.ImageNotFound:
        return False


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


# ---------------------------------------------------------------- base image

def _base_image(client, progress) -> str:
    """The default base: pulled if a registry answers, else a debootstrapped bookworm (cached)."""
    import docker.errors

    if _image_exists(client, BOOTSTRAP_TAG):
        return BOOTSTRAP_TAG
    repository, _, tag = DEFAULT_BASE.partition(":")
    progress(f"pulling {DEFAULT_BASE}")
    try:
        client.images.pull(repository, tag=tag or "latest")
        return DEFAULT_BASE
    except docker.errors.DockerException as exc:
        progress(f"cannot pull {DEFAULT_BASE} ({_one_line(exc)[:120]}); bootstrapping {BOOTSTRAP_TAG} offline")
    bootstrap_base(client, progress)
    return BOOTSTRAP_TAG


def bootstrap_base(client, progress=print, tag: str = BOOTSTRAP_TAG) -> str:
    """debootstrap a minimal Debian bookworm with python3 and import it as a Docker image."""
    progress = progress or _quiet
    if os.geteuid() != 0:
        raise BackendUnavailable("bootstrapping the sandbox base image needs root (debootstrap); "
                                 "run scripts/setup-docker.sh or pull python:3.11-slim")
    if shutil.which("debootstrap") is None:
        progress("installing debootstrap (apt-get)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        result = subprocess.run(["apt-get", "install", "-y", "-q", "debootstrap"], env=env,  # noqa: S607
                                capture_output=True, text=True, check=False)
        if result.returncode != 0 or shutil.which("debootstrap") is None:
            raise BackendUnavailable("debootstrap is missing and apt-get could not install it")
    with tempfile.TemporaryDirectory(prefix="judge-bootstrap-") as tmp:
        root = Path(tmp) / "root"
        progress("debootstrap --variant=minbase --include=python3 bookworm (a few minutes)")
        _run_with_progress(["debootstrap", "--variant=minbase", "--include=python3", "bookworm", str(root)],
                           progress, lambda line: line.startswith(("I: Retrieving InRelease", "I: Installing core packages"))
                           or line.startswith("I: Base system installed") or line.startswith("E:"))
        progress(f"importing the bootstrapped root as {tag}")
        archive = Path(tmp) / "root.tar"
        _run_with_progress(["tar", "-C", str(root), "--numeric-owner", "-cf", str(archive), "."],
                           progress, lambda line: False)
        repository, _, version = tag.partition(":")
        # a path is sent as the request body with no read timeout (the import takes seconds)
        client.api.import_image(src=str(archive), repository=repository, tag=version or "latest",
                                changes=["ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                         "ENV LANG=C.UTF-8", 'CMD ["python3"]'])
    if not _image_exists(client, tag):
        raise BackendUnavailable(f"importing the bootstrapped base as {tag} failed")
    return tag


def _run_with_progress(argv: list[str], progress, show) -> None:
    lines: list[str] = []
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603
    for line in proc.stdout:
        line = line.rstrip()
        lines.append(line)
        del lines[:-20]
        if show(line):
            progress(f"  {line}")
    if proc.wait() != 0:
        tail = next((line for line in reversed(lines) if line.strip()), "")
        raise BackendUnavailable(f"{Path(argv[0]).name} failed (exit {proc.returncode}): {tail[:200]}")


# ---------------------------------------------------------------- wheels for the torch profile

def _download_wheels(wheels: Path, progress) -> None:
    """Fetch CPU torch, numpy and pip wheels on the host. Never a CUDA torch.

    The torch wheel is resolved alone first, without dependencies: if it is not a `+cpu` build we
    stop before its (CUDA) dependencies are fetched. The rest is resolved against that very file.
    """
    wheels.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--disable-pip-version-check",
           "--progress-bar", "off", "-d", str(wheels)]
    progress(f"pip download {TORCH_REQUIREMENT} (CPU build)")
    _run_with_progress([*pip, "--no-deps", TORCH_REQUIREMENT], progress, lambda line: line.startswith("Saved")
                       or line.startswith("Processing") or line.startswith("ERROR"))
    torch_wheels = sorted(wheels.glob("torch-*.whl"))
    if len(torch_wheels) != 1 or not re.search(r"\+cpu", torch_wheels[0].name):
        found = ", ".join(p.name for p in torch_wheels) or "nothing"
        for p in torch_wheels:
            p.unlink()
        raise BackendUnavailable(f"pip resolved {TORCH_REQUIREMENT} to {found}, not a +cpu build; "
                                 "pass a wheelhouse holding the CPU wheel")
    progress("pip download numpy, pip and torch's dependencies")
    _run_with_progress([*pip, str(torch_wheels[0]), "numpy", "pip"], progress,
                       lambda line: line.startswith("Saved") or line.startswith("ERROR"))
    cuda = [p.name for p in wheels.glob("*.whl") if p.name.startswith(("nvidia_", "nvidia-", "triton"))]
    if cuda:
        raise BackendUnavailable(f"the torch wheelhouse pulled CUDA packages ({', '.join(cuda[:3])}); refusing")


# ---------------------------------------------------------------- build

def _build(client, context: Path, tag: str, base: str, progress, labels: dict[str, str]) -> None:
    import docker.errors

    stream = client.api.build(path=str(context), tag=tag, buildargs={"BASE": base}, rm=True, forcerm=True,
                              pull=False, decode=True, network_mode="none",
                              labels={"judge.sandbox.image": "1", **labels})
    last = ""
    for chunk in stream:
        if "error" in chunk:
            detail = chunk.get("errorDetail", {}).get("message") or chunk["error"]
            raise BackendUnavailable(f"building {tag} failed: {_one_line(detail)}")
        text = chunk.get("stream", "")
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            last = line
            if line.startswith("Step ") or line.startswith("torch "):
                progress(f"  {line}")
    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        raise BackendUnavailable(f"building {tag} produced no image ({last[:200]})") from None
