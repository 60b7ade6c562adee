# Platform/WASI.cmake -- CMake has no built-in WASI platform; the toolchain
# file (whamm-wasi.cmake) puts this directory on CMAKE_MODULE_PATH.
# CMAKE_EXECUTABLE_SUFFIX must be set here: CMake 3.25 resets a value set in
# the toolchain file (see docs/integration.md).
set(WASI 1)
set(CMAKE_EXECUTABLE_SUFFIX .wasm)
set(CMAKE_FIND_LIBRARY_PREFIXES lib)
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
# wasm32-wasi has no shared libraries (wasm-ld cannot link a WASI .so), so,
# like Emscripten and CMake's Generic platform, declare them unsupported:
# add_library(x SHARED ...) then builds a static library (CMake says so in
# a developer warning; with policy CMP0164 NEW, CMake 3.30+, it is an
# error instead).  Set here, not in the toolchain file: CMakeGenericSystem
# sets the property to TRUE after the toolchain file is read, before this
# file.  Checked by tests/integration/build.sh, case cmake-shared.
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)
