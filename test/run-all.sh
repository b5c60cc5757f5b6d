#!/usr/bin/env bash
# Runs every test: lint, types, unit + integration (vitest), end to end (Playwright in Chromium).
# On Debian, installs the system packages the tests need when they are missing (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

system_packages=(chromium pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools libsecret-1-dev dbus gnome-keyring curl)
missing=()
for pkg in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  step "Installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Missing system packages (${missing[*]}) and no root rights: install them, then run again." >&2
    exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages"
  # Electron's binary is fetched separately below, so a machine without internet access still installs.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
if [ ! -f node_modules/electron/path.txt ]; then
  node node_modules/electron/install.js >/dev/null 2>&1 ||
    echo "Electron's binary could not be downloaded here: the Electron end-to-end specs will report themselves skipped."
fi

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
