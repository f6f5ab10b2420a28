// Helpers for the thin C ABI between the WASM modules and their JS.
// Every export takes UTF-8 strings and numbers and returns a UTF-8 JSON text
// that JS parses at once: plain values cross the boundary, never handles to free.
#pragma once

#include <emscripten/emscripten.h>

#include <string>

#include "core/json_writer.h"

#define PW_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE

namespace pw::bind {

/// Keeps `json` alive until the next call and returns it as a C string for JS.
inline const char* result(std::string json) {
  static std::string last;
  last = std::move(json);
  return last.c_str();
}

/// A null pointer from JS (an absent optional string) as "".
inline std::string str(const char* utf8) { return utf8 ? std::string(utf8) : std::string(); }

}  // namespace pw::bind
