// Reads web/elements.json (the one description of the script tag and the pw-*
// elements) and writes what is generated from it: the element half of
// dist/portal-widgets.d.ts and dist/custom-elements.json (Custom Elements
// Manifest schema 2.0.0). Used by web/package.mjs and the tests; the format is
// described in docs/architecture.md ("The description of the elements").
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = new Set(['string', 'list', 'color', 'number', 'boolean', 'enum']);

/** data-site-hosts -> siteHosts: the script tag's attribute as a start() option. */
export const optionName = (attribute) => attribute.replace(/^data-/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
/** pw-font-size-change -> PwFontSizeChange */
const pascal = (name) => name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());

/** The description with every {"$ref": name} replaced by shared[name]; checked for the format's rules. */
export function loadElements(path = join(ROOT, 'web/elements.json')) {
  const raw = JSON.parse(readFileSync(path, 'utf8'));
  const deref = (list) => list.map((item) => {
    if (!item.$ref) return item;
    const shared = raw.shared[item.$ref];
    if (!shared) throw new Error(`elements.json: $ref "${item.$ref}" is not in "shared"`);
    return shared;
  });
  const problems = [];
  const checkAttribute = (where, a) => {
    if (!TYPES.has(a.type)) problems.push(`${where} ${a.name}: type "${a.type}"; expected one of ${[...TYPES].join(', ')}`);
    if ((a.type === 'enum') !== Array.isArray(a.values)) problems.push(`${where} ${a.name}: "values" belongs to enums, and every enum needs it`);
    if (!('default' in a)) problems.push(`${where} ${a.name}: no "default" (null when it depends on the page)`);
    if (!a.description) problems.push(`${where} ${a.name}: no description`);
  };
  for (const a of raw.script.attributes) checkAttribute('script', a);
  const elements = raw.elements.map((e) => {
    for (const a of e.attributes) checkAttribute(e.tag, a);
    for (const a of e.attributes) if (typeof a.observed !== 'boolean') problems.push(`${e.tag} ${a.name}: "observed" must be true or false`);
    return { ...e, events: deref(e.events), cssProperties: deref(e.cssProperties) };
  });
  if (problems.length) throw new Error(`web/elements.json:\n  ${problems.join('\n  ')}`);
  return { script: raw.script, elements, pageEvents: deref(raw.pageEvents) };
}

/** The TypeScript type of an attribute's value, as a page may write it. */
function attributeType(a, { lists = false } = {}) {
  if (lists && a.type === 'list') return 'string | string[]';  // start() joins an array with spaces
  if (a.type === 'enum') return a.values.map((v) => JSON.stringify(v)).join(' | ');
  if (a.type === 'number') return 'number | string';
  if (a.type === 'boolean') return 'boolean';
  return 'string';
}

const doc = (text, indent = '  ') => `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n`;
const detailName = (event) => (event.name === 'pw-error' ? 'PortalWidgetsError' : `${pascal(event.name)}Detail`);

/** The generated half of portal-widgets.d.ts (the hand-written half is web/portal-widgets.d.ts). */
export function elementsDts(description = loadElements()) {
  const { script, elements, pageEvents } = description;
  let out = '// ---- generated from web/elements.json by web/package.mjs\n\n';
  out += '/** The script tag\'s settings as start() options (data-site-hosts -> siteHosts). */\n';
  out += 'export interface PortalWidgetsSettings {\n';
  for (const a of script.attributes) {
    out += doc(`${a.name}: ${a.description}${a.default != null ? ` Default: ${a.default}.` : ''}`);
    out += `  ${optionName(a.name)}?: ${attributeType(a, { lists: true })};\n`;
  }
  out += '}\n\n';
  const events = new Map();
  for (const e of [...elements.flatMap((el) => el.events), ...pageEvents]) events.set(e.name, e);
  for (const e of events.values()) {
    out += doc(e.description, '');
    out += `export interface ${detailName(e)} {\n`;
    for (const f of e.detail) out += doc(f.description) + `  ${f.name}: ${f.type};\n`;
    out += '}\n';
  }
  out += '\ninterface PwElement extends HTMLElement {\n' + doc('Resolves when the content is rendered or the fallback is kept; never rejects.') +
    '  readonly ready: Promise<void>;\n}\n';
  for (const el of elements) {
    out += `\n/** <${el.tag}>: ${el.description} */\n`;
    out += `export interface ${el.className} extends PwElement {\n`;
    for (const p of el.properties) {
      if (p.name === 'ready') continue;
      out += doc(p.description) + `  ${p.readonly ? 'readonly ' : ''}${p.name}: ${p.type};\n`;
    }
    out += '}\n';
    out += `/** The attributes of <${el.tag}> (see ${el.docs}). */\n`;
    out += `export interface ${el.className.replace(/Element$/, 'Attributes')} {\n`;
    for (const a of el.attributes) {
      out += doc(`${a.description}${a.default != null ? ` Default: ${a.default}.` : ''}`);
      out += `  ${/^[a-z]+$/.test(a.name) ? a.name : JSON.stringify(a.name)}?: ${attributeType(a)};\n`;
    }
    out += '}\n';
  }
  out += '\ndeclare global {\n  interface HTMLElementTagNameMap {\n';
  for (const el of elements) out += `    '${el.tag}': ${el.className};\n`;
  out += '  }\n  interface DocumentEventMap {\n    \'pw-error\': CustomEvent<PortalWidgetsError>;\n  }\n';
  out += '  interface HTMLElementEventMap {\n';
  for (const e of events.values()) out += `    '${e.name}': CustomEvent<${detailName(e)}>;\n`;
  out += '  }\n}\n';
  return out;
}

/** dist/custom-elements.json: https://github.com/webcomponents/custom-elements-manifest (schema 2.0.0). */
export function customElementsManifest(description = loadElements()) {
  const { script, elements } = description;
  const text = (t) => ({ text: t });
  const value = (v) => (v == null ? undefined : JSON.stringify(v));
  const declarations = elements.map((el) => ({
    kind: 'class',
    name: el.className,
    tagName: el.tag,
    customElement: true,
    description: el.description,
    superclass: { name: 'HTMLElement', package: 'global:' },
    attributes: el.attributes.map((a) => ({
      name: a.name, type: text(attributeType(a)), default: value(a.default), description: a.description,
    })),
    members: el.properties.map((p) => ({
      kind: 'field', name: p.name, type: text(p.type), readonly: p.readonly || undefined, description: p.description,
    })),
    events: el.events.map((e) => ({ name: e.name, type: text(`CustomEvent<${detailName(e)}>`), description: e.description })),
    slots: el.slots.map((s) => ({ name: s.name, description: s.description })),
    cssParts: el.parts.map((p) => ({ name: p.name, description: p.description })),
    cssProperties: el.cssProperties.map((c) => ({ name: c.name, default: c.default, description: c.description })),
  }));
  return {
    schemaVersion: '2.0.0',
    readme: 'README.md',
    modules: [
      {
        kind: 'javascript-module',
        path: 'dist/portal-widgets.js',
        description: 'The script tag. Defines the elements once the core has loaded. Attributes: ' +
          script.attributes.map((a) => a.name).join(', ') + ' (docs/embed.md).',
        declarations,
        exports: elements.map((el) => ({
          kind: 'custom-element-definition', name: el.tag, declaration: { name: el.className, module: 'dist/portal-widgets.js' },
        })),
      },
      {
        kind: 'javascript-module',
        path: 'dist/portal-widgets.mjs',
        description: 'The ES module entry for bundlers: start() instead of a script tag (docs/embed.md).',
        declarations: [{
          kind: 'function',
          name: 'start',
          description: 'Starts the suite with the script tag\'s settings in camelCase, plus base: the URL where dist/ is served.',
          parameters: [{ name: 'settings', optional: true, type: text('PortalWidgetsStartSettings') }],
          return: { type: text('Promise<PortalWidgetsReady>') },
        }],
        exports: [{ kind: 'js', name: 'start', declaration: { name: 'start', module: 'dist/portal-widgets.mjs' } }],
      },
    ],
  };
}
