#!/usr/bin/env bash
# PostgreSQL from Debian's packages, for the queue benchmark's --db postgres runs (a fresh machine runs as root).
# Only the binaries are used: the benchmark starts a throw-away server of its own on a free port.
set -euo pipefail
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq postgresql >/dev/null
fi
# the package's own cluster is not used
systemctl disable --now postgresql >/dev/null 2>&1 || service postgresql stop >/dev/null 2>&1 || true
ls -d /usr/lib/postgresql/*/bin | tail -1
