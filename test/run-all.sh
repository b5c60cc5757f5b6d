#!/usr/bin/env bash
# Runs every test: lint, types, unit + integration (vitest), end to end (Playwright in Chromium).
# On Debian, installs the system packages the product and the tests use when missing (root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

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
npx playwright test

step "The documentation's screenshots, in both languages, into a temporary folder (a step the guides show must still exist)"
shots="$(mktemp -d)"
trap 'rm -rf "$shots"' EXIT
npm run docs:screenshots --silent -- --out "$shots"

step "The package where a user installs it: examples/qa-playwright and every command, from the packed tarball"
node test/examples/qa-example.mjs
