# Emscripten build rules shared by the eager core module, the lazy modules and
# the unit tests that run under node.
#
# Release flags (measured with scripts/measure-flags.mjs; figures in docs/architecture.md "Build flags"):
#   -Oz                 C++ (core, bindings, link): the core module's wasm is 23 KB gzip
#                       at -Oz vs 34 KB at -O3, and the QR export ran as fast
#                       (1.3 ms per page URL in Chromium at both). qrcodegen's C
#                       encoder is built at -O2 -fno-unroll-loops (cmake/ThirdParty.cmake).
#   -fno-exceptions     no exception crosses into JS; errors are values
#   plain C ABI         embind's JS glue alone is ~10 KB gzip
#   SMALL_MALLOC        web/wasm_malloc.c (size-class free lists, no coalescing)
#                       instead of emmalloc: -0.8 KB gzip per module; used by the
#                       core, font-size and QR modules, whose allocations are few
#                       and short. The others keep emmalloc (smaller than dlmalloc):
#                       related parses whole feeds, the share card lays out fonts.
#   DYNAMIC_EXECUTION=0 no eval/new Function: works under a CSP without 'unsafe-eval'
#   FILESYSTEM=0        no FS emulation in the browser
#   separate .wasm      base64 inside the .js (SINGLE_FILE) cost ~11 KB gzip on the
#                       core; the loader fetches the hashed .wasm in parallel with
#                       the .js (with its SRI hash) and instantiates the bytes
#                       itself (instantiateWasm), so no application/wasm MIME type
#                       is required and the glue never fetches anything
#   64 KB stack, 1 MB initial memory, growth allowed
#   -flto               link-time optimisation of the core library, the bindings and
#                       the link (qrcodegen stays a plain -O2 object: LTO would
#                       re-optimise it at the link's -Oz, which encodes slower)
#   wasm-opt --converge after the link, wasm-opt -Oz runs again until the module
#                       stops shrinking
#   --always-inline-max-function-size=5  wasm-opt inlines functions of up to 5
#                       bytes of code (default 2): libc++'s accessors that clang
#                       leaves out of line at -Oz; smaller after gzip (figures in
#                       docs/architecture.md, "Levers on the page build's .wasm")
# Before/after figures: docs/architecture.md, "Build flags".

set(PW_WASM_COMMON_FLAGS
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=1MB
  -sTOTAL_STACK=64KB
  -sDYNAMIC_EXECUTION=0
  -sTEXTDECODER=2
  -sSUPPORT_ERRNO=0)

# pw_add_wasm_module(<name> SOURCES <files...> [LIBS <targets...>]
#                    [DEFINITIONS <macros...>] [SMALL_MALLOC])
# DEFINITIONS are compile definitions of this module's own sources (e.g. a core
# source listed again with PW_HOSTS_ASCII_ONLY: its objects come before the core
# library's, so the library's copy is not linked). SMALL_MALLOC links
# web/wasm_malloc.c instead of emmalloc (see above).
# Builds <build>/modules/<name>.js and <name>.wasm: a modularised factory named
# PWModule_<name> (hyphens become underscores) whose only input is
# instantiateWasm. web/package.mjs wraps the .js so that it declares no global
# and never calls an AMD define(), hashes both files and lists them in the
# manifest with purpose <name>.
function(pw_add_wasm_module name)
  if(NOT EMSCRIPTEN)
    return()
  endif()
  cmake_parse_arguments(ARG "SMALL_MALLOC" "" "SOURCES;LIBS;DEFINITIONS" ${ARGN})
  string(REPLACE "-" "_" factory "PWModule_${name}")
  set(target "wasm_module_${name}")
  if(ARG_SMALL_MALLOC)
    list(APPEND ARG_SOURCES "${CMAKE_SOURCE_DIR}/web/wasm_malloc.c")
    set(malloc_flag -sMALLOC=none)
  else()
    set(malloc_flag -sMALLOC=emmalloc)
  endif()
  add_executable(${target} ${ARG_SOURCES})
  if(ARG_DEFINITIONS)
    target_compile_definitions(${target} PRIVATE ${ARG_DEFINITIONS})
  endif()
  target_link_libraries(${target} PRIVATE core ${ARG_LIBS})
  target_include_directories(${target} PRIVATE "${CMAKE_SOURCE_DIR}")
  target_compile_options(${target} PRIVATE -Oz -flto -fno-exceptions -Wall -Wextra)
  target_link_options(${target} PRIVATE
    ${PW_WASM_COMMON_FLAGS}
    ${malloc_flag}
    -Oz
    -flto
    -fno-exceptions
    --no-entry
    -sMODULARIZE=1
    -sEXPORT_NAME=${factory}
    -sENVIRONMENT=web
    -sFILESYSTEM=0
    -sINCOMING_MODULE_JS_API=[instantiateWasm]
    "-sEXPORTED_FUNCTIONS=_malloc,_free"
    "-sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8")
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME "${name}"
    SUFFIX ".js"
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/modules")
  find_program(PW_WASM_OPT wasm-opt REQUIRED)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND "${PW_WASM_OPT}" -Oz --converge --always-inline-max-function-size=5 "${CMAKE_BINARY_DIR}/modules/${name}.wasm"
            -o "${CMAKE_BINARY_DIR}/modules/${name}.wasm"
    VERBATIM)
endfunction()

# Unit tests under node: one self-contained .js, real file system access for
# test data, exit codes propagated to ctest.
function(pw_wasm_test_options target)
  target_link_options(${target} PRIVATE
    -sALLOW_MEMORY_GROWTH=1
    -sTOTAL_STACK=1MB
    -sSINGLE_FILE=1
    -sENVIRONMENT=node
    -sNODERAWFS=1
    -sEXIT_RUNTIME=1)
endfunction()
