use x;
wasm:func:entry / @static x.boom(fid as i32) == 1 / { }
