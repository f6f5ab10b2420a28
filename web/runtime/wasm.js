// The boundary to a WASM module, thin as the design asks: strings in as UTF-8,
// JSON text out, parsed at once. Raw exports keep their underscore; widgets
// call them by name: PW.core.call('pw_qr_svg', text, 4).
//
// No Emscripten JS glue: this one runtime instantiates every module itself.
// web/package.mjs reads each module's import and export names at build time
// (Emscripten minifies them to "a", "b", …) into shell.wasmTables[purpose] =
// {imports: {module: {name: function id}}, exports: {name: minified name}}.
// The only functions a module may import are the ones in LIBRARY below; the
// build fails on any other. The plain-JS build (wasm2js) keeps the same names,
// so it can stand behind the same table (shell.wasm would hand over its
// exports instead of bytes).

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
        return 1;
      } catch (e) {
        return 0;
      }
    },
  };
}

/**
 * Instantiates the module `purpose` from the bytes the loader fetched
 * (SRI-checked) and returns its raw interface: `_<export>` functions, `_malloc`,
 * `_free` and `HEAPU8` (a view of the current memory). Rejects when the bytes
 * cannot be fetched or compiled (e.g. a CSP without 'wasm-unsafe-eval').
 */
async function instantiate(purpose) {
  const table = shell.wasmTables[purpose];
  if (!table) throw new Error(`no WebAssembly module named ${purpose} in this build`);
  let memory = null;
  const library = wasmLibrary(purpose, () => memory);
  const imports = {};
  for (const [module, names] of Object.entries(table.imports)) {
    imports[module] = {};
    for (const [name, id] of Object.entries(names)) imports[module][name] = library[id];
  }
  const bytes = await shell.wasm(purpose);
  const { instance } = await WebAssembly.instantiate(bytes, imports);
  const exports = instance.exports;
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
PW.loadModule = (purpose) => {
  if (!modules.has(purpose)) {
    modules.set(purpose, instantiate(purpose).then(wrapModule));
  }
  return modules.get(purpose);
};
