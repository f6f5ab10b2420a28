// The boundary to a WASM module, thin as the design asks: strings in as UTF-8,
// JSON text out, parsed at once. Raw exports keep their underscore; widgets
// call them by name: PW.core.call('pw_qr_svg', text, 4).

function wrapModule(instance) {
  const toPointer = (arg, allocated) => {
    if (arg == null) return 0;
    if (typeof arg === 'string') {
      const size = instance.lengthBytesUTF8(arg) + 1;
      const ptr = instance._malloc(size);
      if (!ptr) throw new Error(`out of WebAssembly memory for a ${size}-byte string`);
      instance.stringToUTF8(arg, ptr, size);
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
  return {
    raw: instance,
    /** Calls an export that returns JSON text; returns the parsed value. */
    call: (name, ...args) => JSON.parse(instance.UTF8ToString(invoke(name, args))),
    /** Calls an export that returns a C string; returns it as a JS string. */
    string: (name, ...args) => instance.UTF8ToString(invoke(name, args)),
    /** Calls an export that returns a number. */
    number: (name, ...args) => invoke(name, args),
    /** Copies `length` bytes at `ptr` out of the module's memory. */
    bytes: (ptr, length) => instance.HEAPU8.slice(ptr, ptr + length),
  };
}

/**
 * Instantiates a module's factory with the bytes the loader fetched (SRI-checked)
 * instead of letting the glue fetch its .wasm. Rejects when the bytes cannot be
 * fetched or compiled (e.g. a CSP without 'wasm-unsafe-eval').
 */
function instantiate(purpose, factory) {
  return new Promise((resolve, reject) => {
    const instantiateWasm = (imports, success) => {
      shell.wasm(purpose)
        .then((bytes) => WebAssembly.instantiate(bytes, imports))
        .then((result) => success(result.instance), reject);
      return {};  // asynchronous instantiation: exports arrive through success()
    };
    let started;
    try {
      started = factory({ instantiateWasm });
    } catch (error) {
      reject(error);
      return;
    }
    Promise.resolve(started).then(resolve, reject);
  });
}

const modules = new Map();
/**
 * Loads a lazy WASM module once (memoised promise) and resolves to its wrapper:
 * PW.loadModule('related').then((m) => m.call('pw_related_rank', …)). Rejects
 * with an Error when the file cannot be loaded; callers keep their fallback.
 */
PW.loadModule = (purpose) => {
  if (!modules.has(purpose)) {
    modules.set(purpose, shell.load(purpose).then((factory) => instantiate(purpose, factory)).then(wrapModule));
  }
  return modules.get(purpose);
};
