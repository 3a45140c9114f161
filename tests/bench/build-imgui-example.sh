#!/usr/bin/env bash
# Builds the official Dear ImGui SDL2/OpenGL3 example (examples/
# example_sdl2_opengl3/main.cpp, demo window shown) for the browser, as the
# yardstick of `make bench` (tests/browser/perf.mjs --example): the same
# pinned ImGui sources, the same SDL2-for-web and emcc as the app, and the
# app's compile and link options where they mean the same (web/CMakeLists.txt:
# ImGui at -Oz, the rest -Os, -O3 -DNDEBUG from the Release build type, LTO,
# WebGL2 only, memory growth, no filesystem, web environment).
#   tests/bench/build-imgui-example.sh [OUT_DIR]   (default build/bench/imgui-example)
# Writes OUT_DIR/index.html, index.js, index.wasm; rebuilds only what changed.
# Three changes to main.cpp, made on a copy (each must match once, or the
# script stops and says which did not):
#   - SDL_Init without SDL_INIT_GAMECONTROLLER: our SDL2-for-web is built
#     without joystick support, so that SDL_Init fails and nothing is drawn;
#   - an OpenGL ES 3 branch (GLSL "#version 300 es", an ES 3.0 context:
#     WebGL2) before its ES 2 one: with IMGUI_IMPL_OPENGL_ES3 (the ES3
#     backend, as the app uses) it would otherwise ask for a desktop GL 3.0
#     core context and "#version 130", which WebGL2 refuses;
#   - a 1280x800 window (the canvas fills the page; SDL follows its size).
# Its examples/libs/emscripten main-loop stub is not in Debian's source:
# tests/bench/imgui-example/emscripten_mainloop_stub.h stands in for it and
# marks the page ready after the third frame as dsviz does.
# Sources: DSVIZ_IMGUI_DIR and DSVIZ_SDL2_WEB_DIR from build/web's CMake cache
# (the app's own), else under DSVIZ_CACHE (default ~/.cache/dsviz), as
# .ci/bootstrap puts them. JOBS compiles at once (default nproc).
set -euo pipefail
export NODE_PATH=/usr/share/nodejs  # Debian's emcc needs Debian's acorn (TOOLCHAIN.md)

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mkdir -p "${1:-$root/build/bench/imgui-example}" && cd "${1:-$root/build/bench/imgui-example}" && pwd)
jobs=${JOBS:-$(nproc)}
die() { echo "build-imgui-example: $*" >&2; exit 1; }

cached() {  # the app's value of a CMake cache variable, if build/web has one
  sed -n "s/^$1:[A-Z]*=//p" "$root/build/web/CMakeCache.txt" 2>/dev/null | head -1
}
cache=${DSVIZ_CACHE:-$HOME/.cache/dsviz}
imgui=${DSVIZ_IMGUI_DIR:-$(cached DSVIZ_IMGUI_DIR)}
imgui=${imgui:-$cache/imgui-1.90.1}
sdl=${DSVIZ_SDL2_WEB_DIR:-$(cached DSVIZ_SDL2_WEB_DIR)}
sdl=${sdl:-$cache/sdl2-web-2.26.5}
example=$imgui/examples/example_sdl2_opengl3/main.cpp
[ -f "$example" ] || die "no $example: run \`.ci/bootstrap web\` (or make build-web) first"
[ -f "$sdl/lib/libSDL2.a" ] || die "no SDL2 for the web in $sdl: run \`.ci/bootstrap web\` first"
command -v em++ >/dev/null || die "em++ not found: apt-get install emscripten (or .ci/bootstrap web)"

# The example's sources, laid out as upstream has them, so main.cpp's
# #include "../libs/emscripten/emscripten_mainloop_stub.h" finds our stub.
src=$out/src
mkdir -p "$src/example" "$src/libs/emscripten" "$out/obj"
patch_once() {  # FILE FROM TO: replace FROM (fixed text, may span lines) that occurs exactly once
  local n
  n=$(FROM=$2 perl -0ne 'print scalar(() = /\Q$ENV{FROM}\E/g)' "$1")
  [ "$n" = 1 ] || die "expected '${2%%$'\n'*}' once in the example's main.cpp, found it $n times (another ImGui version?)"
  FROM=$2 TO=$3 perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$1"
}
main=$src/example/main.cpp
cp "$example" "$main.new"
patch_once "$main.new" 'SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_GAMECONTROLLER' 'SDL_INIT_VIDEO | SDL_INIT_TIMER'
patch_once "$main.new" '#if defined(IMGUI_IMPL_OPENGL_ES2)
    // GL ES 2.0 + GLSL 100' '#if defined(IMGUI_IMPL_OPENGL_ES3)
    // GL ES 3.0 + GLSL 300 es: WebGL2 (added for the benchmark)
    const char* glsl_version = "#version 300 es";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#elif defined(IMGUI_IMPL_OPENGL_ES2)
    // GL ES 2.0 + GLSL 100'
patch_once "$main.new" '1280, 720, window_flags' '1280, 800, window_flags'
cmp -s "$main.new" "$main" && rm "$main.new" || mv "$main.new" "$main"
cp -p "$here/imgui-example/emscripten_mainloop_stub.h" "$src/libs/emscripten/"

# web/CMakeLists.txt: imgui_core -Oz, the app's own files and backends -Os,
# after the Release build type's -O3 -DNDEBUG; link-time optimisation, as
# the top CMakeLists.txt gives every wasm target.
base=(-O3 -DNDEBUG -flto -std=c++20 -I"$imgui" -I"$imgui/backends" -DIMGUI_DISABLE_FILE_FUNCTIONS)
app=(-Os -DIMGUI_IMPL_OPENGL_ES3 -I"$sdl/include" -I"$sdl/include/SDL2")
units=("$imgui/imgui.cpp:-Oz" "$imgui/imgui_draw.cpp:-Oz" "$imgui/imgui_tables.cpp:-Oz"
       "$imgui/imgui_widgets.cpp:-Oz" "$imgui/imgui_demo.cpp:-Oz"
       "$imgui/backends/imgui_impl_sdl2.cpp:app" "$imgui/backends/imgui_impl_opengl3.cpp:app" "$main:app")
objs=()
pids=()
for u in "${units[@]}"; do
  file=${u%:*} opt=${u##*:}
  obj=$out/obj/$(basename "${file%.cpp}").o
  objs+=("$obj")
  # Rebuilt when the source, the stub (main.cpp) or this script is newer.
  if [ -f "$obj" ] && [ "$obj" -nt "$file" ] && [ "$obj" -nt "$0" ] && [ "$obj" -nt "$src/libs/emscripten/emscripten_mainloop_stub.h" ]; then continue; fi
  if [ "$opt" = app ]; then flags=("${base[@]}" "${app[@]}"); else flags=("${base[@]}" "$opt"); fi
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  em++ "${flags[@]}" -c "$file" -o "$obj.tmp" && mv "$obj.tmp" "$obj" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || die "compiling failed (see above)"; done

html=$out/index.html
newest=$(ls -t "${objs[@]}" "$sdl/lib/libSDL2.a" "$here/imgui-example/shell.html" "$0" | head -1)
if [ ! -f "$html" ] || [ "$newest" -nt "$html" ]; then
  # The app's link options (web/CMakeLists.txt) but its exports and page;
  # the page here is the example's own minimal one. The symbol map (not
  # part of the page) names wasm functions in perf.mjs --profile.
  em++ -O3 -DNDEBUG -Os -flto \
    -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=web -sFILESYSTEM=0 -sMINIFY_HTML=0 \
    -sEXPORTED_FUNCTIONS=_main,_bench_frames,_bench_heap_bytes,_bench_heap_size --emit-symbol-map \
    --shell-file "$here/imgui-example/shell.html" \
    "${objs[@]}" "$sdl/lib/libSDL2.a" -o "$html" || { rm -f "$html"; die "linking failed (see above)"; }
fi
echo "build-imgui-example: $out/index.html ($(( $(stat -c %s "$out/index.wasm") / 1024 )) KiB wasm)"
