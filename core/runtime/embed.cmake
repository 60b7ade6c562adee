# embed.cmake -- cmake -DIN=whamm_runtime.wasm -DOUT=runtime_blob.c -P embed.cmake
# Writes the runtime module as a C array, so the `whamm` executable carries
# it (instrumented output is self-contained, and so is whamm).
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" body "${body}")
file(WRITE "${OUT}.tmp"
  "/* generated from ${IN} by core/runtime/embed.cmake: do not edit */\n"
  "#include <stddef.h>\n#include <stdint.h>\n"
  "const uint8_t whamm_runtime_wasm[] = {\n${body}\n};\n"
  "const size_t whamm_runtime_wasm_len = ${bytes};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
