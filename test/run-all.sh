#!/usr/bin/env bash
# Runs every test: lint, types, unit + integration (vitest), end to end (Playwright in Chromium).
# On Debian, installs the system packages the product and the tests use when missing (root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# Every run writes its report here (vitest, Playwright's JSON, the examples project's JUnit); the
# skip ledger reads them all at the end and fails on any skip test/skip-allow-list.ts does not allow.
reports="$PWD/test-reports"
rm -rf "$reports"
mkdir -p "$reports"
export CCMS_TEST_REPORTS="$reports"
ledger_done=""
shots=""
# A step that fails still shows what had been skipped until then.
on_exit() {
  local status=$?
  if [ -n "$shots" ]; then rm -rf "$shots"; fi
  if [ "$status" -ne 0 ] && [ -z "$ledger_done" ] && [ -n "$(ls -A "$reports" 2>/dev/null)" ]; then
    step "Skip ledger of the runs so far"
    npx tsx test/ledger/cli.ts "$reports" || true
  fi
  exit "$status"
}
trap on_exit EXIT

step "Preparing: system packages, npm packages, optional native modules"
# The same preparation as `npm run setup`, plus what the tests use; it rebuilds an optional native
# module (smartcard, keytar) that npm skipped before its system library was installed.
node build/prepare.mjs test

step "Lint and format"
npx eslint . --max-warnings 0
npx prettier --check . --log-level warn

step "Types"
npx tsc -p tsconfig.json --noEmit
npx tsc -p renderer/tsconfig.json --noEmit

step "Build"
npm run build --silent

step "Unit and integration tests (vitest)"
npx vitest run

step "End-to-end tests (Playwright, Chromium)"
npx playwright test --project web

step "The Electron app end to end (Playwright's _electron; under xvfb-run where there is no display)"
node test/with-display.mjs npx playwright test --project electron

step "The documentation's screenshots, in both languages, into a temporary folder (a step the guides show must still exist)"
shots="$(mktemp -d)"
npm run docs:screenshots --silent -- --out "$shots"

step "The package where a user installs it: examples/qa-playwright and every command, from the packed tarball"
node test/examples/qa-example.mjs

step "Skip ledger: every skipped test with its reason; only those test/skip-allow-list.ts allows pass"
ledger_done=1
npx tsx test/ledger/cli.ts "$reports" --require vitest --require playwright --require examples
