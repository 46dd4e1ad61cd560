#!/usr/bin/env bash
# Installs what building and testing Flink Studio needs, skipping whatever is present.
#   scripts/setup.sh build   Rust wasm target, trunk, wasm-bindgen-cli, npm build tools, crates
#   scripts/setup.sh all     the above plus Chromium and librsvg (apt) and the e2e test packages (npm)
# Never downloads a browser through npm (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-all}"
TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root to run: $*" >&2
    return 1
  fi
}

rust() {
  if command -v rustup >/dev/null; then
    rustup target list --installed | grep -qx wasm32-unknown-unknown ||
      { say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
    for c in clippy rustfmt; do
      rustup component list --installed | grep -q "^$c" ||
        { say "adding $c"; rustup component add "$c"; }
    done
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  local wbg
  wbg="$(lock_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
    # No --locked: one locked dependency of the CLI is missing from the registry.
    say "installing wasm-bindgen-cli $wbg"
    cargo install --force wasm-bindgen-cli --version "$wbg"
  fi
  if ! grep -q "^wasm_bindgen = \"$wbg\"" Trunk.toml; then
    echo "setup: Trunk.toml [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen $wbg" >&2
    exit 1
  fi
  say "fetching crates (Trunk builds offline)"
  cargo fetch --quiet
}

node_check() {
  local major
  major="$(node --version 2>/dev/null | sed 's/^v\([0-9]*\).*/\1/')"
  if [ -z "$major" ] || [ "$major" -lt 20 ] || ! command -v npm >/dev/null; then
    echo "setup: Node.js >= 20 with npm is required (found: $(node --version 2>/dev/null || echo none))" >&2
    exit 1
  fi
}

# npm ci only when node_modules is missing or older than the lock file.
npm_ci() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
}

browser() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # librsvg: the e2e suite renders the exported SVG with it (specs/svg-renderers.test.mjs).
  command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} with apt-get"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

rust
node_check
npm_ci scripts/tools
if [ "$what" = all ]; then
  browser
  npm_ci tests/e2e
  npm_ci tests/cmf
fi
say "ready"
