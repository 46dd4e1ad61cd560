#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), then runs every check of the project in CI
# order, timing each step. A failing step does not
# stop the later ones (except that e2e needs the build); the exit code is 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

export PATH="$PWD/scripts/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true TRUNK_OFFLINE=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

results=()
failed=0
step() {
  local name="$1"
  shift
  printf '\n\033[1m==> %s\033[0m: %s\n' "$name" "$*"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  local took=$((SECONDS - start))
  if [ "$rc" -eq 0 ]; then
    results+=("$(printf '%-12s ok     %4ss' "$name" "$took")")
  else
    results+=("$(printf '%-12s FAILED %4ss (exit %s)' "$name" "$took" "$rc")")
    failed=1
  fi
  return "$rc"
}

# What the first visit transfers, per file and in total (gzip -9 and brotli), against the
# budget: the step fails above BUNDLE_BUDGET_KB gzipped (scripts/bundle.mjs).
# The goal is 500 KB and issue 11 asks for a 600 KB budget; the bundle is not there yet
# (README "Download size": 1,064 KB), so the budget is a ratchet just above today's size
# that keeps it from growing back. Lower it with every cut; raise it only with a README row
# that names the features that added the weight.
BUNDLE_BUDGET_KB=1073
bundle_budget() {
  mkdir -p target
  node scripts/bundle.mjs report dist --budget "$BUNDLE_BUDGET_KB" | tee target/bundle-report.txt
  return "${PIPESTATUS[0]}"
}

if ! step setup scripts/setup.sh all; then
  printf '%s\n' "${results[@]}"
  exit 1
fi
step fmt cargo fmt --check
step clippy cargo clippy --all-targets -- -D warnings
step clippy-wasm cargo clippy --target wasm32-unknown-unknown --no-default-features \
  --features ui --lib --bins -- -D warnings
step test cargo test
step ui-test cargo test --no-default-features --features ui --lib ui::
if step build trunk build --release; then
  step budget bundle_budget
  while IFS= read -r line; do results+=("             $line"); done < <(grep -E '^(total|budget)' target/bundle-report.txt)
  step e2e node tests/e2e/run.mjs
else
  results+=("$(printf '%-12s SKIPPED (no build)' e2e)")
fi

printf '\n\033[1m==> summary\033[0m\n'
printf '%s\n' "${results[@]}"
exit "$failed"
