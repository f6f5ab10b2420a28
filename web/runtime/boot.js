// Boot: instantiate the eager core, resolve the config, define the elements,
// mount what is on the page, then resolve PortalWidgets.ready. Nothing thrown
// here reaches the host page: every failure resolves ready with ok: false.
//
// Two kinds of failure, told apart by PW.touched (set just before the first
// customElements.define, which upgrades and mounts the elements already on the
// page):
// - before it, nothing of the suite is on the page: ready resolves mode "none",
//   version and config stay undefined and the loader undoes the early shell
//   parts' work (a returning reader's font size);
// - after it, elements are mounted, the leave-site listeners and classifyLink
//   are live: tearing that down half-way would leave pressed buttons over
//   authored text. The suite keeps what it started (version and config
//   stay), the failure is reported as pw.core.boot_failed and ready resolves
//   {ok: false, mode} with the mode the core runs in ("wasm" or "js"). The packaged core file's own catch (web/package.mjs)
//   follows the same rule.

PW.touched = false;

PW.boot = async () => {
  const api = PW.api;
  const errors = [];
  const fail = (error) => {
    const message = `portal-widgets: the core module could not start (${error && error.message}); the page is left as it is.`;
    PW.reportError(document, { id: 'pw.core.load_failed', source: 'portal-widgets.js', message });
    api.version = undefined;
    api.config = undefined;
    shell.resolveReady({ ok: false, mode: 'none', errors: PW.errors.slice() });
  };
  let resolved;
  let modules = Promise.resolve([]);  // the element modules loading (never rejects)
  try {
    PW.core = await PW.loadModule('core');
    // The build the core runs on ("wasm" or "js", web/runtime/wasm.js); ready reports it.
    PW.mode = shell.mode;
    // The core can arrive while the page is still being parsed (a script in
    // <head> without defer, a slow script further down). An element upgraded
    // then would mount before its own children (adopted links, an inline feed, a
    // slotted logo) and before the containers it targets exist: wait for the
    // whole document first. Every copy of the script tag is in it by then.
    if (document.readyState === 'loading') {
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }

    // Config: the loader's raw strings in (from every portal-widgets.js tag; see
    // loader.js), the effective config and its errors out.
    const { attributes, conflicts } = readAttributes();
    shell.attributes = attributes;
    for (const [name, values] of Object.entries(conflicts)) {
      try {
        console.warn(`portal-widgets: the page includes portal-widgets.js more than once with different ${name} values; ` +
          `using ${JSON.stringify(values[0])} (the first tag in document order), ignoring ${values.slice(1).map((v) => JSON.stringify(v)).join(', ')}.`);
      } catch (e) { /* no console */ }
    }
    resolved = resolveConfig(attributes);
    // The core parses hosts in ASCII only (core/host.h); a page whose host lists
    // need IDN or IP parsing runs on the core's full build from here on.
    if (resolved.full) {
      PW.core = await PW.loadModule('core-full');
      resolved = resolveConfig(attributes);
    }
    api.version = PW.core.string('pw_version');
    PW.config = resolved.config;
    PW.lang = resolved.config.lang;
    api.config = resolved.config;
  } catch (error) {
    fail(error);
    return;
  }

  try {
    // From here on the page is touched (see the top of this file).
    PW.touched = true;
    for (const error of resolved.errors) PW.reportError(document, error);

    api.mount = (root) => {
      mount(root || document);
      for (const purpose of modulesFor(root || document)) loadElementModule(purpose);
    };

    // Define the core's elements (a page may already have one from another copy: keep it).
    defineElements(errors);
    mount(document);
    // The element modules this page needs now (a later element loads its own:
    // observe()); ready waits for them.
    modules = Promise.all([...modulesFor(document)].map(loadElementModule));
    observe();
  } catch (error) {
    errors.push('boot');
    PW.reportError(document, { id: 'pw.core.boot_failed', source: 'portal-widgets.js',
      message: `portal-widgets: starting the suite failed part-way (${error && error.message}); the widgets already mounted keep working.` });
  }

  if ((await modules).some((ok) => !ok)) errors.push('modules');
  // ready: every element present now has mounted (or failed with its fallback kept).
  const selector = [...PW.elements.keys()].join(',');
  const present = selector ? [...document.querySelectorAll(selector)] : [];
  const results = await Promise.all(present.map((el) => el._mounted || Promise.resolve(true)));
  const ok = errors.length === 0 && results.every(Boolean);
  shell.resolveReady({ ok, mode: PW.mode, errors: PW.errors.slice() });
};

/** The effective config from the script tags' attributes and the page's facts (core/config.cpp). */
function resolveConfig(attributes) {
  PW.core.number('pw_config_begin');
  for (const [name, value] of Object.entries(attributes)) PW.core.number('pw_config_set', name, value);
  PW.core.number('pw_config_set', 'page:meta-site-name', PW.meta('SiteName'));
  PW.core.number('pw_config_set', 'page:html-lang', document.documentElement.getAttribute('lang') || '');
  PW.core.number('pw_config_set', 'page:title', document.title || '');
  PW.core.number('pw_config_set', 'page:host', location.hostname);
  return PW.core.call('pw_config_resolve');
}

// The script tags' data-* attributes as raw strings; core/config.cpp decides
// what they mean. A template may include the script twice (a documented tag in
// <head>, another in a footer include). The copy that ran first owns the page
// and reads the data-* attributes of every portal-widgets.js tag: in document
// order, the first non-empty value of each attribute wins; differing values
// are listed in `conflicts` ({name: [used, ignored, …]}) for one warning each.
function readAttributes() {
  const attributes = {};
  const conflicts = {};
  for (const tag of document.getElementsByTagName('script')) {
    if (tag !== shell.script && !shell.ours(tag)) continue;
    for (const { name, value } of tag.attributes) {
      if (!name.startsWith('data-')) continue;
      const trimmed = value.trim();
      const kept = Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name].trim() : null;
      if (kept === null || (kept === '' && trimmed !== '')) {
        attributes[name] = value;
      } else if (trimmed !== '' && trimmed !== kept) {
        conflicts[name] = conflicts[name] || [kept];
        if (!conflicts[name].includes(trimmed)) conflicts[name].push(trimmed);
      }
    }
  }
  return { attributes, conflicts };
}

function defineElements(errors) {
  for (const [name, cls] of PW.elements) {
    try {
      if (!customElements.get(name)) customElements.define(name, cls);
    } catch (error) {
      errors.push(name);
      PW.reportError(document, { id: 'pw.core.define_failed', source: name, message: `<${name}> could not be defined: ${error.message}` });
    }
  }
}

// Element modules (web/package.mjs): every widget's element code but the
// core's (leave-site) ships in a file of its own, PW.elementModules says which
// module defines which element. A module is fetched once one of its elements is
// on the page, or when a part of the loader left work for it (a returning
// reader's font size applied early: the element takes it over, or its module
// undoes it when the element is gone).
/** The element modules `root` needs that are not loaded yet. */
function modulesFor(root) {
  const wanted = new Set();
  for (const [name, purpose] of Object.entries(PW.elementModules || {})) {
    if (loadedModules.has(purpose)) continue;
    if (root.localName === name || (root.querySelector && root.querySelector(name))) wanted.add(purpose);
  }
  if (root === document) {
    for (const part of Object.values(shell.early)) {
      if (part && part.module && part.applied && !loadedModules.has(part.module)) wanted.add(part.module);
    }
  }
  return wanted;
}

/** Loads the element module that defines `name` (e.g. the leave dialog, on the
 *  first click that asks); resolves true once defined, false when it failed (reported). */
PW.loadElement = (name) => (PW.elementModules[name] ? loadElementModule(PW.elementModules[name]) : Promise.resolve(!!customElements.get(name)));

/** An element module's code (its factory): fetched as its own file, or, when
 *  the page build's file bundles it (PW.bundled, web/package.mjs), at hand. */
const loadCode = (purpose) => (PW.bundled && PW.bundled[purpose] ? Promise.resolve(PW.bundled[purpose]) : shell.load(purpose));

let elementBase = null;
/** The element base class (web/runtime/element.js, its own file), loaded once. */
function loadElementBase() {
  if (!elementBase) elementBase = loadCode('element-base').then((provide) => provide(PW));
  return elementBase;
}

const loadedModules = new Map();  // purpose -> promise of true (defined) or false (failed, reported)
/** Loads an element module once, defines its elements (upgrading those on the
 *  page) and runs its scanners on the page. Never rejects. */
function loadElementModule(purpose) {
  if (!loadedModules.has(purpose)) {
    loadedModules.set(purpose, Promise.all([loadElementBase(), loadCode(purpose)]).then(([, provide]) => {
      const scanners = PW.scanners.length;
      const known = new Set(PW.elements.keys());
      provide(PW);
      // This module's elements wait for what it asked them to (its .wasm): kept
      // out of PW.elements meanwhile, so another module's defineElements() does
      // not define them early.
      const fresh = [...PW.elements].filter(([name]) => !known.has(name));
      for (const [name] of fresh) PW.elements.delete(name);
      return Promise.all(PW.beforeDefine.splice(0)).then(() => {
        for (const [name, cls] of fresh) PW.elements.set(name, cls);
        return scanners;
      });
    }).then((scanners) => {
      const errors = [];
      defineElements(errors);
      for (const scan of PW.scanners.slice(scanners)) scanOne(scan, document);
      return errors.length === 0;
    }).catch((error) => {
      const names = Object.keys(PW.elementModules).filter((name) => PW.elementModules[name] === purpose);
      PW.reportError(document, { id: 'pw.core.define_failed', source: names.join(' '),
        message: `portal-widgets: ${names.map((n) => `<${n}>`).join(', ')} could not be defined (${error && error.message}); the page keeps its content.` });
      return false;
    }));
  }
  return loadedModules.get(purpose);
}

function scanOne(scan, root) {
  try {
    scan(root);
  } catch (error) {
    PW.reportError(document, { id: 'pw.core.scan_failed', source: 'mount', message: `scanning the page failed: ${error.message}` });
  }
}

function mount(root) {
  if (root && root.nodeType === 1 || root === document) {
    try { customElements.upgrade(root); } catch (e) { /* detached or foreign node */ }
  }
  for (const scan of PW.scanners) scanOne(scan, root);
}

// Content added later (CMS widgets, infinite lists): run the scanners on it and
// load the element modules it needs.
function observe() {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        mount(node);
        for (const purpose of modulesFor(node)) loadElementModule(purpose);
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
