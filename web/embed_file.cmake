# Turns a binary file into a C++ source holding it as a byte array, so the
# desktop and the web build embed the same font the same way (no Python, no
# --embed-file). Run as: cmake -DIN=font.ttf -DOUT=x.cpp -DNAME=sym -P embed_file.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
# Two hex digits per byte -> "0xNN," (one long line: compilers do not mind).
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUT}"
  "// Generated from ${IN} by web/embed_file.cmake: do not edit.\n"
  "#include <cstddef>\n"
  "extern const unsigned char ${NAME}[];\n"
  "extern const size_t ${NAME}_size;\n"
  "const unsigned char ${NAME}[] = {\n${bytes}\n};\n"
  "const size_t ${NAME}_size = ${size};\n")
