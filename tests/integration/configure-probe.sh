#!/bin/sh
# configure-probe.sh -- probes $CC the way an autoconf-generated configure
# script does (AC_PROG_CC, AC_PROG_CPP, AC_CHECK_HEADERS, AC_CHECK_FUNCS,
# AC_CHECK_SIZEOF, AC_CANONICAL_HOST), in a scratch dir; exits 1 on the first
# check that a real configure would fail.  Used by tests/integration/clang.sh.
set -u
: "${CC:?set CC}"
log() { printf 'checking %s... %s\n' "$1" "$2"; }
die() { printf 'configure: error: %s\n' "$*"; exit 1; }

# AC_PROG_CC: version probes (failures are tolerated, output is logged)
for opt in --version -v -V -qversion -version; do
    "$CC" $opt < /dev/null > /dev/null 2>&1
done
cat > conftest.c <<'C'
int main(void) { return 0; }
C
rm -f conftest conftest.wasm a.out
"$CC" conftest.c -o conftest > conftest.err 2>&1 || die "C compiler cannot create executables: $(cat conftest.err)"
[ -f conftest ] || die "no conftest produced"
log "whether the C compiler works" yes
log "for C compiler default output file name" conftest
# cross compiling: the result does not run natively
if ./conftest > /dev/null 2>&1; then cross=no; else cross=yes; fi
log "whether we are cross compiling" "$cross"
[ "$cross" = yes ] || die "a wasm module ran natively?"
"$CC" -c conftest.c > /dev/null 2>&1 && [ -f conftest.o ] || die "cannot compile"
log "for suffix of object files" o
cat > conftest.c <<'C'
#ifndef __GNUC__
  choke me
#endif
int main(void) { return 0; }
C
"$CC" -c conftest.c -o conftest.o > /dev/null 2>&1 || die "not GNU C"
log "whether the compiler supports GNU C" yes
cat > conftest.c <<'C'
_Static_assert(__STDC_VERSION__ >= 201112L, "C11");
int main(void) { return 0; }
C
"$CC" -std=gnu11 -c conftest.c -o conftest.o > /dev/null 2>&1 || die "no C11"
log "for $CC option to enable C11 features" -std=gnu11
# AC_PROG_CPP
printf '#include <limits.h>\nSyntax error\n' > conftest.c
"$CC" -E conftest.c > conftest.i 2> /dev/null || die "C preprocessor fails sanity check"
printf '#include <ac_nonexistent.h>\n' > conftest.c
"$CC" -E conftest.c > /dev/null 2>&1 && die "preprocessor accepts missing headers"
log "how to run the C preprocessor" "$CC -E"
# AC_CHECK_HEADERS
for h in stdio.h stdlib.h string.h stdint.h unistd.h; do
    printf '#include <%s>\nint main(void) { return 0; }\n' "$h" > conftest.c
    "$CC" -c conftest.c -o conftest.o > /dev/null 2>&1 || die "$h missing"
    log "for $h" yes
done
# AC_CHECK_FUNCS: a link per function; a missing one must fail to link
for f in puts malloc memcpy; do
    printf 'char %s(void);\nint main(void) { return %s() != 0; }\n' "$f" "$f" > conftest.c
    "$CC" conftest.c -o conftest > /dev/null 2>&1 || die "$f not found"
    log "for $f" yes
done
printf 'char ac_nonexistent_fn(void);\nint main(void) { return ac_nonexistent_fn(); }\n' > conftest.c
"$CC" conftest.c -o conftest > /dev/null 2>&1 && die "links an undefined function"
[ -f conftest ] && die "failed link left conftest behind"
log "for ac_nonexistent_fn" no
# AC_CHECK_SIZEOF (compile-time bisection, as when cross compiling)
printf 'static int t[1 - 2 * !(sizeof(long) == 4)];\nint main(void) { return t[0]; }\n' > conftest.c
"$CC" -c conftest.c -o conftest.o > /dev/null 2>&1 || die "sizeof(long) != 4"
log "size of long" 4
# AC_CANONICAL_HOST via the compiler
host=$("$CC" -dumpmachine) || die "-dumpmachine"
[ "$host" = wasm32-unknown-wasi ] || die "host $host"
log "host system type" "$host"
rm -f conftest conftest.* a.out
