// The suite's version: PortalWidgets.version in the browser, `pw-related --version`
// in the CLI. CMake reads the project version from this line; keep its form.
#pragma once

#define PW_VERSION "0.1.0"

namespace pw {

/// The suite version as "MAJOR.MINOR.PATCH". Never null; static storage.
inline const char* version() { return PW_VERSION; }

}  // namespace pw
