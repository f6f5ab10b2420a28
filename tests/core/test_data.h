// Test data files of the source tree (tests/link_cases.json, tests/host_cases.json, ...),
// shared by the native tests and the same tests as WASM under node.
#pragma once

#include <cstdio>
#include <string>

#ifndef JSON_NOEXCEPTION
#define JSON_NOEXCEPTION 1
#endif
#include <nlohmann/json.hpp>

namespace pw::test {

// The build passes the source tree (PW_SOURCE_DIR); without it files are found
// from this header's own path (tests/core/ -> the source tree).
inline std::string source_path(const std::string& relative) {
#ifdef PW_SOURCE_DIR
  return PW_SOURCE_DIR "/" + relative;
#else
  std::string path = __FILE__;
  size_t slash = path.find_last_of('/');
  path = slash == std::string::npos ? "." : path.substr(0, slash);
  return path + "/../../" + relative;
#endif
}

// The whole file, or "" when it cannot be read.
inline std::string read_source_file(const std::string& relative) {
  std::string text;
  if (std::FILE* file = std::fopen(source_path(relative).c_str(), "rb")) {
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
    std::fclose(file);
  }
  return text;
}

// A JSON file of the source tree; a discarded value when it is missing or malformed.
inline nlohmann::json load_json(const std::string& relative) {
  return nlohmann::json::parse(read_source_file(relative), nullptr, /*allow_exceptions=*/false);
}

}  // namespace pw::test
