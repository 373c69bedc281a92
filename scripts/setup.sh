#!/usr/bin/env bash
# Sets up a fresh machine for judge: a virtualenv with the package, torch (CPU), the service's
# servers (redis-server, postgresql, chromium; root only), a running Docker daemon (root only)
# and the sandbox images. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "setup: $*" >&2; }

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
say "installing judge with its test, torch and service extras"
# torch==2.13.0 resolves to the local CPU wheel through pip's configured find-links.
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test,torch,service]'

# The service's tests run real servers: Redis (the Celery broker), PostgreSQL and a browser.
service_packages=()
command -v redis-server >/dev/null 2>&1 || service_packages+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || service_packages+=(postgresql)
[ -x /usr/bin/chromium ] || service_packages+=(chromium)
if [ "${#service_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing ${service_packages[*]} (Debian packages for judge serve's tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${service_packages[@]}" >/dev/null
  else
    say "not root: ${service_packages[*]} missing (the service tests that need them will fail)"
  fi
fi

if [ "$(id -u)" = 0 ]; then
  bash scripts/setup-docker.sh || say "Docker could not be started: the local sandbox will be used"
else
  say "not root: skipping the Docker engine install (start dockerd yourself to use the Docker sandbox)"
fi
if docker info >/dev/null 2>&1; then
  say "building sandbox images (python, torch)"
  .venv/bin/judge sandbox build --profile python >/dev/null
  .venv/bin/judge sandbox build --profile torch >/dev/null
fi
say "ready"
