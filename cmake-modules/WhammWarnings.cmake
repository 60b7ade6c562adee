# whamm_target_warnings(tgt): the one warning list for our own code, kept in this one place.
function(whamm_target_warnings tgt)
  target_compile_options(${tgt} PRIVATE
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wpedantic -Wno-unused-parameter)
  if(WHAMM_WERROR)
    target_compile_options(${tgt} PRIVATE -Werror)
  endif()
endfunction()
