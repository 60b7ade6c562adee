#!/usr/bin/env bash
# setup.sh -- everything a fresh Debian machine needs, then the build, then
# the main job.  Safe to re-run.
#   1. installs the packages (apt) and the npm packages the tests use
#   2. configures and builds whamm into build/ (WHAMM_BUILD_DIR to change;
#      WHAMM_SANITIZE=ON for an ASan+UBSan build)
#   3. the main job: builds samples/hello with the WASI toolchain, round-trips
#      it through `whamm roundtrip`, checks the output is byte-identical and
#      still runs under node, and prints what it did.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
build=${WHAMM_BUILD_DIR:-build}
sanitize=${WHAMM_SANITIZE:-OFF}

# ---- 1. dependencies ---------------------------------------------------------
packages=(cmake ninja-build clang lld llvm wasi-libc libclang-rt-14-dev-wasm32
          libyaml-dev wabt binaryen time ccache)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -d tests/npm/node_modules ] ||
   [ tests/npm/package-lock.json -nt tests/npm/node_modules ]; then
    echo "setup: installing npm packages (tests/npm)"
    (cd tests/npm && npm ci --no-audit --no-fund --loglevel=error)
    touch tests/npm/node_modules
fi

# ---- 2. build ------------------------------------------------------------------
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DWHAMM_SANITIZE="$sanitize" >/dev/null
cmake --build "$build"

# ---- 3. main job ---------------------------------------------------------------
out="$build/samples"
mkdir -p "$out"
clang --target=wasm32-wasi -O2 samples/hello/hello.c -o "$out/hello.wasm"
"$build/core/whamm" roundtrip "$out/hello.wasm" -o "$out/hello.roundtrip.wasm"
cmp "$out/hello.wasm" "$out/hello.roundtrip.wasm"
echo "round trip: byte-identical"
node --no-warnings tests/tools/run-wasi.mjs "$out/hello.roundtrip.wasm"
