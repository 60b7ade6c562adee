# whamm.mk -- include from a hand-written Makefile to build wasm32-wasi
# programs with whamm-clang and instrument them at link time
# (docs/integration.md "Make").  Installed as <prefix>/share/whamm/whamm.mk.
#
#   WHAMM_BIN    ?= directory of whamm-clang (default: found on PATH)
#   WHAMM_PROBES  = probes.mm other.mm     scripts applied at link time
#   include $(WHAMM_BIN)/../share/whamm/whamm.mk   (or wherever it is)
#
#   app.wasm: main.o libstats.a $(WHAMM_LINK_DEPS)
#   	$(CC) $(LDFLAGS) -o $@ main.o libstats.a $(LDLIBS)
#
# It sets CC/CXX (whamm-clang), AR/RANLIB (llvm-ar: GNU ar makes archives
# wasm-ld cannot index), adds -Wl,--whamm-script=F to LDFLAGS for every
# WHAMM_PROBES entry, offers WHAMM_LINK_DEPS (the scripts and whamm-ld, so
# editing a script relinks) and turns on .DELETE_ON_ERROR.
# The variable is WHAMM_PROBES, not WHAMM_SCRIPTS: make exports
# command-line variables to recipes, and whamm-ld also reads the
# WHAMM_SCRIPTS environment variable -- every script would apply twice.

WHAMM_BIN ?= $(patsubst %/,%,$(dir $(shell command -v whamm-clang 2>/dev/null)))
ifeq ($(WHAMM_BIN),)
$(error whamm.mk: whamm-clang not found; set WHAMM_BIN=<dir of whamm-clang>)
endif

CC  := $(WHAMM_BIN)/whamm-clang
CXX := $(WHAMM_BIN)/whamm-clang++
WHAMM_LD := $(WHAMM_BIN)/whamm-ld
AR     ?= llvm-ar
RANLIB ?= llvm-ranlib
# GNU make's built-in AR default is `ar`, which ?= does not replace.
ifeq ($(origin AR),default)
AR := llvm-ar
endif

LDFLAGS += $(foreach s,$(WHAMM_PROBES),-Wl,--whamm-script=$(s))
WHAMM_LINK_DEPS = $(WHAMM_PROBES) $(WHAMM_LD)

# A failed (instrumenting) link must not leave a target behind.
.DELETE_ON_ERROR:
