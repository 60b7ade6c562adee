# whamm_add_wasm_library(<name> SOURCES <c files>... [FLAGS <extra>...])
# Builds a position-independent Wasm library module <name>.wasm from
# freestanding C at build time (support code is C compiled to Wasm and
# merged into instrumented modules by wasm_merge_library; docs/wasm-core.md
# "Merging a library module").
# clang 14 emits PIC for wasm only with the emscripten triple; the module is
# then linked with `wasm-ld -shared --experimental-pic`.  Sets
# <name>_WASM to the output path and adds a target <name> that builds it.
find_program(WHAMM_WASM_CLANG NAMES clang-14 clang REQUIRED)
find_program(WHAMM_WASM_LD NAMES wasm-ld-14 wasm-ld REQUIRED)

function(whamm_add_wasm_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;FLAGS" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm)
  set(objs "")
  foreach(src ${ARG_SOURCES})
    get_filename_component(base ${src} NAME_WE)
    get_filename_component(abs ${src} ABSOLUTE)
    set(obj ${CMAKE_CURRENT_BINARY_DIR}/${name}.${base}.o)
    add_custom_command(OUTPUT ${obj}
      COMMAND ${WHAMM_WASM_CLANG} --target=wasm32-unknown-emscripten -O2
              -fPIC -fvisibility=default -ffreestanding -nostdlib
              -Wall -Wextra -Werror ${ARG_FLAGS} -MD -MF ${obj}.d
              -c ${abs} -o ${obj}
      DEPENDS ${abs}
      DEPFILE ${obj}.d  # headers too: a changed header rebuilds the object
      VERBATIM)
    list(APPEND objs ${obj})
  endforeach()
  add_custom_command(OUTPUT ${out}
    COMMAND ${WHAMM_WASM_LD} -shared --experimental-pic ${objs} -o ${out}
    DEPENDS ${objs} VERBATIM)
  add_custom_target(${name} ALL DEPENDS ${out})
  set(${name}_WASM ${out} PARENT_SCOPE)
endfunction()
