// Where a failed ImGui assertion goes (see imconfig_dsviz.h). The default
// reports each call site once on stderr and carries on: a reader's page keeps
// running, and the report still reaches the console for tests to see.
#include <cstdio>
#include <cstring>

#include "imconfig_dsviz.h"

static void log_once(const char* expr, const char* file, int line) {
  static const char* seen_file[16];
  static int seen_line[16];
  static int seen = 0;
  for (int i = 0; i < seen; ++i)
    if (seen_line[i] == line && std::strcmp(seen_file[i], file) == 0) return;
  if (seen < 16) {
    seen_file[seen] = file;
    seen_line[seen] = line;
    ++seen;
  }
  std::fprintf(stderr, "ImGui assertion failed: %s (%s:%d)\n", expr, file, line);
}

DsvizImGuiAssertHook dsviz_imgui_assert_hook = log_once;

void dsviz_imgui_assert_failed(const char* expr, const char* file, int line) {
  dsviz_imgui_assert_hook(expr, file, line);
}
