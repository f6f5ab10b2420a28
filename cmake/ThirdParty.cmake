# Third-party code, all from Debian: header-only packages through a private
# include folder (em++ must not see /usr/include as a whole), sources from the
# Debian source packages that scripts/setup.sh unpacks into .cache/deps/.

# A folder holding only links to the header-only packages we use, so the WASM
# build can include <nlohmann/json.hpp> and <stb/stb_truetype.h> without
# putting glibc's headers on its path.
set(PW_THIRD_PARTY_INCLUDE "${CMAKE_BINARY_DIR}/third-party-include")
file(MAKE_DIRECTORY "${PW_THIRD_PARTY_INCLUDE}")
foreach(pkg nlohmann stb)
  if(NOT EXISTS "/usr/include/${pkg}")
    message(FATAL_ERROR "/usr/include/${pkg} is missing: run scripts/setup.sh (or make) to install the Debian packages.")
  endif()
  if(NOT EXISTS "${PW_THIRD_PARTY_INCLUDE}/${pkg}")
    file(CREATE_LINK "/usr/include/${pkg}" "${PW_THIRD_PARTY_INCLUDE}/${pkg}" SYMBOLIC)
  endif()
endforeach()

add_library(nlohmann_json_headers INTERFACE)
target_include_directories(nlohmann_json_headers SYSTEM INTERFACE "${PW_THIRD_PARTY_INCLUDE}")
# No exception may cross into JS: nlohmann reports errors through its callbacks/SAX.
target_compile_definitions(nlohmann_json_headers INTERFACE JSON_NOEXCEPTION)

add_library(stb_headers INTERFACE)
target_include_directories(stb_headers SYSTEM INTERFACE "${PW_THIRD_PARTY_INCLUDE}")

# qrcodegen (nayuki), the C variant: ~6 KB of wasm and faster than the C++ one,
# whose error path pulls iostreams into the module (see docs/architecture.md, "Build flags").
set(PW_QRCODEGEN_DIR "${PW_DEPS_DIR}/qrcodegen/c")
if(NOT EXISTS "${PW_QRCODEGEN_DIR}/qrcodegen.c")
  message(FATAL_ERROR "${PW_QRCODEGEN_DIR}/qrcodegen.c is missing: run scripts/setup.sh (or make).")
endif()
add_library(qrcodegen STATIC "${PW_QRCODEGEN_DIR}/qrcodegen.c")
target_include_directories(qrcodegen SYSTEM PUBLIC "${PW_QRCODEGEN_DIR}")
set_target_properties(qrcodegen PROPERTIES C_STANDARD 99)
if(EMSCRIPTEN)
  # For the browser: -O2 without loop unrolling instead of the release -O3.
  # The mask is chosen by core/qr_mask.cpp; qrcodegen builds the matrix, whose
  # unrolled loops (initializeFunctionModules alone 5.4 KB) bought no speed:
  # core-page .wasm -2.1 KB gzip, pw_qrcode_render as fast (docs/architecture.md).
  target_compile_options(qrcodegen PRIVATE -O2 -fno-unroll-loops)
endif()

# GoogleTest from Debian's googletest sources (the same sources build with em++).
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
if(EMSCRIPTEN)
  set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
endif()
add_subdirectory(/usr/src/googletest "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
