// The boundary to a module, thin as the design asks: strings in as UTF-8,
// JSON text out, parsed at once. Raw exports keep their underscore; widgets
// call them by name: PW.core.call('pw_qr_svg', text, 4).
//
// No Emscripten JS glue: this one runtime instantiates every module itself.
// web/package.mjs reads each module's import and export names at build time
// (Emscripten minifies them to "a", "b", …) into shell.wasmTables[purpose] =
// {imports: {module: {name: function id}}, exports: {name: minified name}}.
// The only functions a module may import are the ones in LIBRARY below; the
// build fails on any other.
//
// Two builds of each module stand behind that one table, so widget code is the
// same in both modes: the .wasm, and its plain-JS build (wasm2js of the same
// .wasm, "<purpose>-js" in the manifest, when "fallback"). shell.mode says
// which: the loader starts it at "js" for data-mode="js", or when compiling the
// smallest module throws (shell.fallback then says why: a CSP that refuses
// WebAssembly, or an engine without it), else "wasm". The first .wasm that
// cannot be fetched, verified or instantiated switches it to "js" for good.
// The reason is reported once as pw.core.wasm_fallback (not for an engine
// without WebAssembly: nothing for the site to fix), and every module from then
// on uses its plain-JS build.

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
const WASM_PAGE = 65536;

/** The JS side of what modules import, by Emscripten's name for it. */
function wasmLibrary(purpose, memory) {
  return {
    abort: () => { throw new Error(`the ${purpose} WebAssembly module aborted`); },
    // emmalloc asks for at least `requested` bytes of memory in all; grow by at
    // least a fifth so a growing feed does not grow page by page.
    emscripten_resize_heap: (requested) => {
      const mem = memory();
      const have = mem.buffer.byteLength;
      const want = Math.min(Math.max(requested >>> 0, Math.ceil(have * 1.2)), 2147418112);
      try {
        mem.grow(Math.ceil((want - have) / WASM_PAGE));
      } catch (e) {
        return 0;
      }
      // WebAssembly throws when it cannot grow; the plain-JS build's memory
      // returns the old size instead.
      return mem.buffer.byteLength > have ? 1 : 0;
    },
    // The related module's strtod (widgets/related/related_libc.cpp): a JSON
    // number's ASCII text, read by the browser's correctly rounded Number().
    pw_number: (text, length) => Number(utf8Decoder.decode(new Uint8Array(memory().buffer, text, length))),
  };
}

/** The module's exports from its .wasm: the SRI-checked bytes the loader fetched. Rejects when
 *  they cannot be fetched or verified (404, altered, truncated) or compiled (CSP, not WebAssembly). */
async function wasmExports(purpose, table, library) {
  const imports = {};
  for (const [module, names] of Object.entries(table.imports)) {
    imports[module] = {};
    for (const [name, id] of Object.entries(names)) imports[module][name] = library[id];
  }
  const { instance } = await WebAssembly.instantiate(await shell.wasm(purpose), imports);
  return instance.exports;
}

/** The same exports from the module's plain-JS build (loaded as a script with its SRI hash):
 *  wasm2js takes the imports flat, by name, plus abort. */
async function jsExports(purpose, table, library) {
  const env = { abort: library.abort };
  for (const names of Object.values(table.imports)) {
    for (const [name, id] of Object.entries(names)) env[name] = library[id];
  }
  const build = await shell.load(`${purpose}-js`);
  return build(env);
}

/**
 * Instantiates the module `purpose` from the build shell.mode names (see the
 * top of this file) and returns its raw interface: `_<export>` functions,
 * `_malloc`, `_free` and `HEAPU8` (a view of the current memory). Rejects only
 * when no build can be loaded. `mode` forces one build (the bench compares them).
 */
async function instantiate(purpose, mode) {
  const table = shell.wasmTables[purpose];
  if (!table) throw new Error(`no WebAssembly module named ${purpose} in this build`);
  let memory = null;
  const library = wasmLibrary(purpose, () => memory);
  let exports = null;
  if ((mode || shell.mode) === 'wasm') {
    try {
      exports = await wasmExports(purpose, table, library);
    } catch (error) {
      if (mode) throw error;
      if (shell.mode === 'wasm') {
        shell.mode = 'js';
        shell.fallback = `${error && error.message}`;
      }
    }
  }
  if (!exports) {
    if (shell.fallback && !mode && typeof WebAssembly === 'object') {
      PW.reportError(document, { id: 'pw.core.wasm_fallback', source: 'portal-widgets.js',
        message: `portal-widgets: WebAssembly cannot be used here (${shell.fallback}); running the plain-JS build instead: ` +
          "the same widgets, slower to load and run. Serve dist/'s .wasm files unmodified and allow 'wasm-unsafe-eval' " +
          'in script-src, or set data-mode="js" to skip the attempt.' });
      shell.fallback = null;
    }
    exports = await jsExports(purpose, table, library);
  }
  memory = exports[table.memory];
  const raw = {
    get HEAPU8() { return new Uint8Array(memory.buffer); },
  };
  for (const [name, minified] of Object.entries(table.exports)) raw[`_${name}`] = exports[minified];
  if (raw.___wasm_call_ctors) raw.___wasm_call_ctors();
  return raw;
}

function wrapModule(instance) {
  const toPointer = (arg, allocated) => {
    if (arg == null) return 0;
    if (typeof arg === 'string') {
      const bytes = utf8Encoder.encode(arg);
      const ptr = instance._malloc(bytes.length + 1);
      if (!ptr) throw new Error(`out of WebAssembly memory for a ${bytes.length + 1}-byte string`);
      const heap = instance.HEAPU8;
      heap.set(bytes, ptr);
      heap[ptr + bytes.length] = 0;
      allocated.push(ptr);
      return ptr;
    }
    if (typeof arg === 'boolean') return arg ? 1 : 0;
    return arg;
  };
  const invoke = (name, args) => {
    const fn = instance['_' + name];
    if (typeof fn !== 'function') throw new Error(`the WASM module has no export ${name}`);
    const allocated = [];
    try {
      return fn(...args.map((arg) => toPointer(arg, allocated)));
    } finally {
      for (const ptr of allocated) instance._free(ptr);
    }
  };
  /** The NUL-terminated UTF-8 string at `ptr`. */
  const text = (ptr) => {
    const heap = instance.HEAPU8;
    const end = heap.indexOf(0, ptr);
    return utf8Decoder.decode(heap.subarray(ptr, end < 0 ? heap.length : end));
  };
  return {
    raw: instance,
    /** Calls an export that returns JSON text; returns the parsed value. */
    call: (name, ...args) => JSON.parse(text(invoke(name, args))),
    /** Calls an export that returns a C string; returns it as a JS string. */
    string: (name, ...args) => text(invoke(name, args)),
    /** Calls an export that returns a number. */
    number: (name, ...args) => invoke(name, args),
    /** Copies `length` bytes at `ptr` out of the module's memory. */
    bytes: (ptr, length) => instance.HEAPU8.slice(ptr, ptr + length),
  };
}

const modules = new Map();
/**
 * Loads a WASM module once (memoised promise) and resolves to its wrapper:
 * PW.loadModule('related').then((m) => m.call('pw_related_rank', …)). Rejects
 * with an Error when the file cannot be loaded; callers keep their fallback.
 */
/** The module whose .wasm (or plain-JS build) serves `purpose`: the page build
 *  when the loader chose it (shell.page) and it holds that module, else its own. */
const buildOf = (purpose) => (shell.page && shell.pageCovers.includes(purpose) ? 'core-page' : purpose);
PW.loadModule = (name) => {
  // One instance of the page build serves every module it holds.
  const purpose = buildOf(name);
  if (!modules.has(purpose)) {
    modules.set(purpose, instantiate(purpose).then(wrapModule));
  }
  return modules.get(purpose);
};
