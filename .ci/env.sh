# shellcheck shell=bash
# Source me (`source .ci/env.sh`) before npm: makes sure the shell runs Node.js >= 22.
#
# The SDKs this repository pins (@pulumi/pulumi >= 3.249, vitest 5) need Node.js 22 or newer.
# When the `node` on PATH is older or missing, the exact Node.js 24 release below is installed
# from the npm registry (the `node-<os>-<arch>` packages carry the official binary) into the
# git-ignored `.tools/node/`, once, and put first on PATH. A Node.js that is new enough is
# left alone. Nothing outside the repository is changed.

GATUS_NODE_VERSION="24.22.3" # the Node.js 24 LTS release installed when the system one is too old
GATUS_NODE_MIN_MAJOR=22

gatus_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"

gatus_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

gatus_use_node() {
  if [ "$(gatus_node_major)" -ge "$GATUS_NODE_MIN_MAJOR" ]; then return 0; fi

  local os arch package prefix bin
  case "$(uname -s)" in Linux) os=linux ;; *) os="" ;; esac
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="" ;; esac
  if [ -z "$os" ] || [ -z "$arch" ]; then
    echo "Node.js >= $GATUS_NODE_MIN_MAJOR is needed (found $(node --version 2>/dev/null || echo none))." >&2
    echo "Install Node.js 24 (with nvm: 'nvm install' reads .nvmrc) and try again." >&2
    return 1
  fi
  package="node-$os-$arch@$GATUS_NODE_VERSION"
  prefix="$gatus_repo_root/.tools/node"
  bin="$prefix/node_modules/node-$os-$arch/bin"
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$GATUS_NODE_VERSION" ]; then
    echo "Node.js $(node --version 2>/dev/null || echo "is missing") is older than $GATUS_NODE_MIN_MAJOR: installing $package into .tools/node/" >&2
    npm install --silent --no-save --no-audit --no-fund --no-package-lock --prefix "$prefix" "$package" >&2 ||
      { echo "Could not install $package from the npm registry." >&2; return 1; }
  fi
  export PATH="$bin:$PATH"
  hash -r 2>/dev/null || true
}

gatus_use_node && echo "Node.js $(node --version) ($(command -v node))" >&2
