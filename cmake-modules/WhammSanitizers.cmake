# WHAMM_SANITIZE=ON builds every target (library, tools, tests) with ASan+UBSan.
# WHAMM_FUZZ=ON (clang) builds everything with fuzzer coverage plus ASan and
# UBSan; only the fuzz targets link libFuzzer's main.
# Applied globally so that nothing links a mix of instrumented and plain code.
if(WHAMM_SANITIZE OR WHAMM_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
if(WHAMM_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# whamm_add_fuzzer(name source...): a libFuzzer target linked with libwhamm.
# Every fuzzer is also built by the target whamm_fuzzers (CI builds that).
function(whamm_add_fuzzer name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE whamm_core)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  whamm_target_warnings(${name})
  if(NOT TARGET whamm_fuzzers)
    add_custom_target(whamm_fuzzers)
  endif()
  add_dependencies(whamm_fuzzers ${name})
endfunction()
