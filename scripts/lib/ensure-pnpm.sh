# Sourced by .ci/run and scripts/demo: make the pinned pnpm available with only Node.js >= 20 and npm.
# Installs it with npm into a user-owned prefix when it is missing or a different version (no root,
# nothing global touched), and puts it first on PATH.
PNPM_VERSION="10.34.8"

node -e 'const [major] = process.versions.node.split(".").map(Number); if (major < 20) { console.error("ccs needs Node.js >= 20 (found " + process.version + ")"); process.exit(1); }'

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  PNPM_PREFIX="${XDG_CACHE_HOME:-$HOME/.cache}/ccs-ci/pnpm-$PNPM_VERSION"
  if [ ! -x "$PNPM_PREFIX/bin/pnpm" ]; then
    printf '\n== installing pnpm %s with npm into %s\n' "$PNPM_VERSION" "$PNPM_PREFIX"
    npm install --global --prefix "$PNPM_PREFIX" --no-audit --no-fund "pnpm@$PNPM_VERSION"
  fi
  export PATH="$PNPM_PREFIX/bin:$PATH"
fi
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
