/*! portal-widgets __PW_VERSION__ | MIT | third-party notices: THIRD-PARTY-NOTICES.txt */
// The ES module entry for bundlers (package.json "exports" "."):
//
//   import { start } from 'portal-widgets';
//   start({ siteName: '某某县人民政府门户网站', siteHosts: 'www.example.gov.cn', allow: '*.gov.cn',
//           base: '/static/portal-widgets/' });
//
// A thin layer over the script tag: it adds the <script src="<base>portal-widgets.js">
// a page would have written, with the settings as its data-* attributes
// (siteHosts -> data-site-hosts), so the same loader loads the same hashed
// files with their SRI hashes and the same core validates the settings and
// reports the same errors (pw.config.*). Bundlers do not copy the suite's
// files: copy dist/ to the site and pass `base`, the URL it is served from
// (default: the folder of this module, import.meta.url).

let started = null;

/** siteHosts -> data-site-hosts */
const attributeName = (option) => `data-${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The loader's URL for `base`: a folder (a missing trailing slash is added). */
function loaderUrl(base) {
  const folder = new URL(String(base), document.baseURI).href.replace(/[?#].*$/, '');
  return new URL('portal-widgets.js', folder.endsWith('/') ? folder : `${folder}/`).href;
}

// Under Trusted Types the suite uses one policy, named portal-widgets
// (docs/security.md). A page allows a policy name once, so when start() has to
// create it (to set the loader's URL) it hands it to the loader on the script
// element under this key, and the loader uses it instead of creating its own.
const POLICY_KEY = Symbol.for('portal-widgets.trusted-types-policy');

/**
 * The loader's URL as a TrustedScriptURL from the portal-widgets policy where the
 * page has Trusted Types, else the string itself. The policy only accepts URLs in
 * the loader's folder. Throws when the page does not allow the policy.
 */
function trustedLoaderUrl(src, script) {
  const tt = window.trustedTypes;
  if (!tt || typeof tt.createPolicy !== 'function') return src;
  const folder = src.replace(/[^/]*$/, '');
  const policy = tt.createPolicy('portal-widgets', {
    createScriptURL: (url) => {
      if (!String(url).startsWith(folder)) throw new TypeError(`portal-widgets: refusing script URL ${url}`);
      return url;
    },
  });
  Object.defineProperty(script, POLICY_KEY, { value: policy });
  return policy.createScriptURL(src);
}

/**
 * Starts the suite. `settings` takes the script tag's attributes in camelCase
 * (siteName, siteHosts, allow, leave, leaveMessage, leaveCountdown,
 * leaveRemember, lang, mode, colorScheme; a list may be an array) and `base`. Resolves (never
 * rejects) to PortalWidgets.ready's value. A second call, or a call on a page
 * whose script tag already started the suite, returns the same promise.
 */
export function start(settings = {}) {
  if (started) return started;
  if (window.PortalWidgets) return (started = window.PortalWidgets.ready);
  const { base = new URL('./', import.meta.url), ...options } = settings || {};
  const script = document.createElement('script');
  // The contract's error behaviour (one console.error, a pw-error event on document), as the loader's.
  const none = (message) => {
    const error = { id: 'pw.core.load_failed', source: 'start', message: `portal-widgets: ${message}` };
    console.error(error.message);
    document.dispatchEvent(new CustomEvent('pw-error', { bubbles: true, composed: true, detail: error }));
    return { ok: false, mode: 'none', errors: [error] };
  };
  let src;
  try {
    src = loaderUrl(base);
  } catch (error) {
    return (started = Promise.resolve(none(`start({base: ${JSON.stringify(String(base))}}) is not a URL; expected the URL where dist/ is served, e.g. "/static/portal-widgets/"`)));
  }
  for (const [option, value] of Object.entries(options)) {
    if (value == null) continue;
    script.setAttribute(attributeName(option), Array.isArray(value) ? value.join(' ') : String(value));
  }
  started = new Promise((resolve) => {
    script.onload = () => {
      if (window.PortalWidgets) window.PortalWidgets.ready.then(resolve);
      else resolve(none(`${src} ran but did not start (an old browser, or not portal-widgets.js)`));
    };
    script.onerror = () => resolve(none(`could not load ${src} (network error, 404, or blocked by CSP); start({base}) must be the URL where dist/ is served`));
  });
  try {
    script.src = trustedLoaderUrl(src, script);
  } catch (error) {
    return (started = Promise.resolve(none(`could not set the script URL ${src}: ${error.message}`)));
  }
  (document.head || document.documentElement).appendChild(script);
  return started;
}
