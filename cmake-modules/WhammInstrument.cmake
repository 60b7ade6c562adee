# WhammInstrument.cmake -- whamm_instrument(), included by WhammConfig.cmake
# (docs/integration.md "CMake").
#
#   whamm_instrument(<target> <script>... [DEFS_PATH <dir>]
#                    [LIBS <name>=<path or target>...]
#                    [MONITORS <monitor.wasm>...])
#
# Instruments an executable at link time: adds -fuse-ld=<whamm-ld>, the
# wasm-opt shim dir (-B, see whamm-clang.c) and one
# LINKER:--whamm-script=<abs path> per script (in the order given; several
# calls accumulate in call order), and puts the scripts and whamm-ld in
# LINK_DEPENDS so that editing a script relinks (Ninja and Makefile
# generators).  Relative paths are taken from CMAKE_CURRENT_SOURCE_DIR.
# Compile steps are untouched, so ccache & co. keep working.  Each call
# concerns its own target only: several targets of one project can each
# have their own scripts.  MONITORS are wei monitor modules, attached
# (`whamm attach`) after the scripts in the order given, one
# LINKER:--whamm-monitor=<abs path> each, also in LINK_DEPENDS; with
# MONITORS the scripts may be omitted.
#
# The cache option WHAMM_DISABLE (default OFF) turns every
# whamm_instrument() of the project into a no-op after its arguments are
# checked: `cmake -DWHAMM_DISABLE=ON` gives a plain build of the same tree
# (switching it back only relinks).  The environment variable
# WHAMM_DISABLE=1 at build time gives plain links without reconfiguring.
include_guard(GLOBAL)

option(WHAMM_DISABLE
  "whamm_instrument() does nothing: plain, uninstrumented links" OFF)

# LIBS NAME=PATH_OR_TARGET: a user library the scripts `use`.  A target
# (e.g. a C library built as a .wasm reactor in the same project) is built
# before `target` is linked, and relinking follows its changes; a path is
# taken from the current source directory.
function(_whamm_check_lib_spec target spec)
  if(NOT spec MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=(.+)$")
    message(FATAL_ERROR "whamm_instrument(${target}): LIBS takes "
      "NAME=PATH or NAME=TARGET, not '${spec}'")
  endif()
endfunction()

function(_whamm_add_lib target spec)
  string(REGEX MATCH "^([A-Za-z_][A-Za-z0-9_]*)=(.+)$" _ "${spec}")
  set(name "${CMAKE_MATCH_1}")
  set(lib "${CMAKE_MATCH_2}")
  if(TARGET "${lib}")
    add_dependencies(${target} "${lib}")
    set(path "$<TARGET_FILE:${lib}>")
  else()
    get_filename_component(path "${lib}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  target_link_options(${target} PRIVATE "LINKER:--whamm-lib=${name}=${path}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${path}")
endfunction()

# Every script must exist, whether WHAMM_DISABLE is on or not (a typo is
# found in either build).
function(_whamm_check_files target scripts_var what)
  foreach(s IN LISTS ${scripts_var})
    get_filename_component(abs "${s}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT EXISTS "${abs}")
      message(FATAL_ERROR "whamm_instrument(${target}): no such ${what}: ${abs}")
    endif()
  endforeach()
endfunction()

# Says once per configure run that instrumentation is off.
function(_whamm_note_disabled)
  get_property(said GLOBAL PROPERTY _WHAMM_DISABLE_NOTED)
  if(NOT said)
    message(STATUS "whamm: WHAMM_DISABLE is ON: whamm_instrument() leaves "
      "every target uninstrumented")
    set_property(GLOBAL PROPERTY _WHAMM_DISABLE_NOTED TRUE)
  endif()
endfunction()

function(whamm_instrument target)
  cmake_parse_arguments(PARSE_ARGV 1 W "" "DEFS_PATH" "LIBS;MONITORS")
  if(NOT TARGET ${target})
    message(FATAL_ERROR "whamm_instrument: no target named '${target}'")
  endif()
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    message(FATAL_ERROR "whamm_instrument: '${target}' is a ${type}; only "
      "executables are instrumented (whamm-ld passes other links through)")
  endif()
  if(NOT W_UNPARSED_ARGUMENTS AND NOT W_MONITORS)
    message(FATAL_ERROR "whamm_instrument(${target}): no script given "
      "(and no MONITORS)")
  endif()
  _whamm_check_files(${target} W_UNPARSED_ARGUMENTS script)
  _whamm_check_files(${target} W_MONITORS "wei monitor")
  foreach(spec IN LISTS W_LIBS)
    _whamm_check_lib_spec(${target} "${spec}")
  endforeach()
  if(WHAMM_DISABLE)
    _whamm_note_disabled()
    return()
  endif()
  get_property(ld GLOBAL PROPERTY WHAMM_LD)
  get_property(libexec GLOBAL PROPERTY WHAMM_LIBEXEC_DIR)
  if(NOT ld)
    message(FATAL_ERROR "whamm_instrument: whamm-ld unknown; use "
      "find_package(Whamm CONFIG REQUIRED) first")
  endif()
  target_link_options(${target} PRIVATE "-fuse-ld=${ld}" "-B${libexec}/")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${ld}")
  foreach(s IN LISTS W_UNPARSED_ARGUMENTS)
    get_filename_component(abs "${s}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    target_link_options(${target} PRIVATE "LINKER:--whamm-script=${abs}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${abs}")
  endforeach()
  foreach(spec IN LISTS W_LIBS)
    _whamm_add_lib(${target} "${spec}")
  endforeach()
  foreach(m IN LISTS W_MONITORS)
    get_filename_component(abs "${m}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    target_link_options(${target} PRIVATE "LINKER:--whamm-monitor=${abs}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${abs}")
  endforeach()
  if(W_DEFS_PATH)
    get_filename_component(defs "${W_DEFS_PATH}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    target_link_options(${target} PRIVATE "LINKER:--whamm-defs-path=${defs}")
  endif()
endfunction()
