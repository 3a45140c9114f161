// The page's eglGetProcAddress (web build only; issue 14, bundle size).
//
// SDL2's Emscripten video driver hands every SDL_GL_GetProcAddress() through
// eglGetProcAddress. Emscripten's own (libGL's libprocaddr.c) can return any
// of the ~300 WebGL entry points by name, so linking it keeps all of them:
// their JavaScript in index.js (about 60 KB) and a 5 KB name table in
// index.wasm, although ImGui's OpenGL3 backend calls GL directly and never
// asks. Defining the function here keeps libprocaddr.o out of the link.
//
// The names below are the only ones SDL 2.26 asks for under Emscripten
// (SDL_video.c: extension checks and framebuffer queries; SDL_egl.c: context
// creation); any other name, like EGL extension entry points, gets null, the
// answer Emscripten's version gives for names it does not know, and SDL
// treats null as "not available".
#include <GLES3/gl3.h>

#include <cstring>

extern "C" void* eglGetProcAddress(const char* name) {
  struct Entry {
    const char* name;
    void* fn;
  };
  static const Entry kEntries[] = {
      {"glGetString", reinterpret_cast<void*>(&glGetString)},
      {"glGetStringi", reinterpret_cast<void*>(&glGetStringi)},
      {"glGetIntegerv", reinterpret_cast<void*>(&glGetIntegerv)},
      {"glGetError", reinterpret_cast<void*>(&glGetError)},
      {"glBindFramebuffer", reinterpret_cast<void*>(&glBindFramebuffer)},
      {"glGetFramebufferAttachmentParameteriv", reinterpret_cast<void*>(&glGetFramebufferAttachmentParameteriv)},
  };
  if (name == nullptr) return nullptr;
  for (const Entry& e : kEntries)
    if (std::strcmp(e.name, name) == 0) return e.fn;
  return nullptr;
}
