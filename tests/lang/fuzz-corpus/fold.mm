wasm:opcode:br_if:before / pc == 25 && arg0 == 1 / { var a: u8 = 255 + 1; var b: i32 = 7 / 1; var c: bool = "ab" == "ab"; if (1 < 2) { a = 1; } else { a = 2; } var d: i32 = (5 as u8) as i32; }
