# Platform/WASI.cmake -- CMake has no built-in WASI platform; the toolchain
# file (whamm-wasi.cmake) puts this directory on CMAKE_MODULE_PATH.
# CMAKE_EXECUTABLE_SUFFIX must be set here: CMake 3.25 resets a value set in
# the toolchain file (see docs/integration.md).
set(WASI 1)
set(CMAKE_EXECUTABLE_SUFFIX .wasm)
set(CMAKE_FIND_LIBRARY_PREFIXES lib)
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
