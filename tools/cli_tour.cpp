#include "cli_tour.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "tour/tour.h"

namespace dsviz::cli {

namespace {

// At most kMaxTourBytes + 1 bytes are read: a bigger file is refused as such.
bool read_file(const char* path, std::string& text, std::string& error) {
  FILE* f = std::fopen(path, "rb");
  if (!f) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  text.assign(tour::kMaxTourBytes + 1, '\0');
  const size_t got = std::fread(text.data(), 1, text.size(), f);
  const bool failed = std::ferror(f);
  std::fclose(f);
  text.resize(got);
  if (failed) {
    error = "cannot read the file (is it a folder?)";
    return false;
  }
  if (got > tour::kMaxTourBytes) {
    error = "file too large: over " + std::to_string(tour::kMaxTourBytes) + " bytes (the limit)";
    return false;
  }
  return true;
}

std::string json_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    if (c == '\n') {
      o += "\\n";
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) continue;
    o += c;
  }
  return o;
}

}  // namespace

int cmd_tour(int argc, char** argv) {
  if (argc < 1 || std::strcmp(argv[0], "check") != 0) {
    std::fprintf(stderr, "dsviz-cli: tour takes: check FILE... [--json]\n");
    return 2;
  }
  bool json = false;
  std::vector<const char*> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) json = true;
    else files.push_back(argv[i]);
  }
  if (files.empty()) {
    std::fprintf(stderr, "dsviz-cli: tour check needs at least one FILE\n");
    return 2;
  }
  bool all_valid = true;
  if (json) std::printf("{\"files\":[");
  for (size_t fi = 0; fi < files.size(); ++fi) {
    const char* path = files[fi];
    std::string text, error;
    tour::Tour t;
    std::vector<tour::Problem> problems;
    bool valid = false;
    if (!read_file(path, text, error)) problems.push_back({1, error});
    else valid = tour::parse_tour(text, t, problems);
    all_valid &= valid;
    size_t waiting = 0;
    for (const tour::Step& s : t.steps) waiting += s.advance.kind != tour::Advance::Kind::Next;
    if (json) {
      std::printf("%s{\"file\":\"%s\",\"valid\":%s,\"scene\":\"%s\",\"steps\":%zu,\"problems\":[", fi ? "," : "",
                  json_escape(path).c_str(), valid ? "true" : "false", t.scene.c_str(), t.steps.size());
      for (size_t i = 0; i < problems.size(); ++i)
        std::printf("%s{\"line\":%u,\"message\":\"%s\"}", i ? "," : "", problems[i].line,
                    json_escape(problems[i].message).c_str());
      std::printf("]}");
    } else if (valid) {
      std::printf("%s: scene %s, %zu step%s (%zu waiting for the reader)\n", path, t.scene.c_str(), t.steps.size(),
                  t.steps.size() == 1 ? "" : "s", waiting);
    } else {
      std::printf("%s: invalid\n", path);
    }
    if (!json)
      for (const tour::Problem& p : problems) std::fprintf(stderr, "%s:%s\n", path, tour::format_problem(p).c_str());
  }
  if (json) std::printf("],\"valid\":%s}\n", all_valid ? "true" : "false");
  return all_valid ? 0 : 2;
}

}  // namespace dsviz::cli
