# WHAMM_SANITIZE=ON builds every target (library, tools, tests) with ASan+UBSan.
# Applied globally so that nothing links a mix of instrumented and plain code.
if(WHAMM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
