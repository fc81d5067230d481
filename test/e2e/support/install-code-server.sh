#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest release that runs on Node 20) from npm
# into a cache OUTSIDE the repository, so that the real-VS-Code e2e test finds it and later runs are
# quick. Prints the install directory on its last line. Idempotent: a cached install returns at once.
#
# Three workarounds for machines that reach only the npm registry and Debian's packages:
#  - @vscode/ripgrep's postinstall downloads rg from GitHub: Debian's rg is fed to its download cache;
#  - code-server builds native modules with node-gyp (kerberos needs libkrb5-dev), as root only
#    with unsafe-perm, and calls npx, which must not prompt;
#  - a global install fails, so it is a local install in the cache folder.
set -euo pipefail
VERSION=4.100.3
CACHE_ROOT=${SMART_POLICY_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/smart-policy/code-server}
DIR=$CACHE_ROOT/$VERSION
MARKER=$DIR/.installed

if [ -f "$MARKER" ] && [ -x "$DIR/node_modules/.bin/code-server" ]; then
  echo "$DIR"
  exit 0
fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/krb5.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need_apt[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >&2
fi

mkdir -p "$DIR/tmp" "$DIR/rgtar"
export TMPDIR=$DIR/tmp
RG_CACHE=$TMPDIR/vscode-ripgrep-cache-1.15.11
mkdir -p "$RG_CACHE"
cp "$(command -v rg)" "$DIR/rgtar/rg"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$DIR/rgtar" rg

cd "$DIR"
[ -f package.json ] || printf '{ "name": "code-server-cache", "private": true }\n' >package.json
echo "installing code-server@$VERSION into $DIR (a few minutes the first time; log: $DIR/install.log)" >&2
if ! npm_config_unsafe_perm=true npm_config_yes=true npm i --no-audit --no-fund "code-server@$VERSION" >"$DIR/install.log" 2>&1; then
  tail -n 40 "$DIR/install.log" >&2
  exit 1
fi
XDG_CONFIG_HOME="$DIR/tmp/config" XDG_DATA_HOME="$DIR/tmp/data" "$DIR/node_modules/.bin/code-server" --version >&2
touch "$MARKER"
echo "$DIR"
