// Emscripten JS library for the related module's link: declares pw_number
// (widgets/related/related_libc.cpp) as an import. The implementation pages
// run is web/runtime/wasm.js's; Emscripten's glue, with this copy, is not shipped.
mergeInto(LibraryManager.library, {
  pw_number: function (text, length) {
    return Number(UTF8ToString(text, length));
  },
});
