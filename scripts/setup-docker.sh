#!/usr/bin/env bash
# Make a Docker daemon answer on this machine, for the judge's docker sandbox. Idempotent; run as root.
#   - installs docker.io (apt-get) when no dockerd is present,
#   - starts dockerd in the background (logs: /tmp/dockerd.log) when `docker info` fails,
#   - installs debootstrap (used to bootstrap the sandbox base image when no registry answers).
# Exits non-zero with one line on stderr when something cannot be done.
set -u

fail() { echo "setup-docker: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (it installs packages and starts dockerd)"
export DEBIAN_FRONTEND=noninteractive

apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        apt-get update -q >/tmp/setup-docker-apt.log 2>&1 || fail "apt-get update failed (see /tmp/setup-docker-apt.log)"
        apt_updated=1
    fi
    apt-get install -y -q "$@" >>/tmp/setup-docker-apt.log 2>&1 || fail "apt-get install $* failed (see /tmp/setup-docker-apt.log)"
}

if ! command -v debootstrap >/dev/null 2>&1; then
    echo "setup-docker: installing debootstrap"
    apt_install debootstrap
fi

if docker info >/dev/null 2>&1; then
    echo "setup-docker: the Docker daemon already answers"
    exit 0
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    echo "setup-docker: installing docker.io"
    apt_install docker.io
    command -v dockerd >/dev/null 2>&1 || fail "docker.io installed but dockerd is not on PATH"
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
    echo "setup-docker: starting dockerd (logs in /tmp/dockerd.log)"
    nohup dockerd >/tmp/dockerd.log 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
        echo "setup-docker: the Docker daemon answers"
        exit 0
    fi
    sleep 1
done
fail "dockerd did not answer within 60 s; last log line: $(tail -n 1 /tmp/dockerd.log 2>/dev/null)"
