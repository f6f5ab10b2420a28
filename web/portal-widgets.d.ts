// Types for window.PortalWidgets (docs/embed.md, "JS API"). This is the hand-written
// half of dist/portal-widgets.d.ts; web/package.mjs appends the elements, their
// attributes and events, generated from web/elements.json.

export type LeaveReason =
  | 'same-page' | 'same-site' | 'allowlisted' | 'non-navigating' | 'opted-out' | 'invalid'
  | 'external' | 'other-scheme';

export interface PortalWidgetsReady {
  ok: boolean;
  mode: 'wasm' | 'js' | 'none';
  errors: PortalWidgetsError[];
}

export interface PortalWidgetsConfig {
  siteName: string;
  siteHosts: string[];
  lang: 'zh-Hans' | 'zh-Hant' | 'en';
  /** data-color-scheme: light (the default) or auto (follows prefers-color-scheme). */
  colorScheme: 'light' | 'auto';
  /** data-allow entries, normalised ("*.gov.cn", "www.gov.cn"). */
  allow?: string[];
  leave?: 'dialog' | 'mark' | 'off';
  leaveMessage?: string;
  leaveCountdown?: number;
  leaveRemember?: 'visit' | 'off';
  [option: string]: unknown;
}

export interface LinkDecision {
  action: 'pass' | 'confirm';
  reason: LeaveReason;
  host: string;
}

export interface PortalWidgets {
  /** Resolves (never rejects) once the core is loaded and every element present is mounted. */
  readonly ready: Promise<PortalWidgetsReady>;
  /** The C++ core's version; undefined until the core has loaded (and when it cannot). */
  readonly version: string | undefined;
  /** The effective configuration; undefined until the core has loaded. */
  readonly config: PortalWidgetsConfig | undefined;
  /** Mounts widgets and legacy markup inside `root` (default: the document). */
  mount(root?: ParentNode): void;
  /** The leave-site decision for an href (resolved against the base URL) or a link element. */
  classifyLink?(hrefOrAnchor: string | HTMLAnchorElement | HTMLAreaElement): LinkDecision;
}

/** start()'s settings: the script tag's attributes in camelCase, and `base`. */
export interface PortalWidgetsStartSettings extends PortalWidgetsSettings {
  /** The URL where dist/ is served (a folder). Default: the folder of the module (import.meta.url). */
  base?: string | URL;
}

/**
 * The ES module entry (`import { start } from "portal-widgets"`): starts the suite
 * without a script tag. The settings are validated by the core with the script
 * tag's errors. Resolves (never rejects) to PortalWidgets.ready's value; a second
 * call returns the same promise.
 */
export declare function start(settings?: PortalWidgetsStartSettings): Promise<PortalWidgetsReady>;

/** pw-leave-confirm and pw-leave-cancel carry the same detail. */
export type PwLeaveDecisionDetail = PwLeaveConfirmDetail;

declare global {
  interface Window {
    PortalWidgets?: PortalWidgets;
    /** Old templates' 大/中/小 call. Where the page defines none, the suite adds this
     *  shim once a <pw-font-size> mounts: it sets `level` on the first mounted element
     *  and returns false. A page's own doZoom is kept as it is. */
    doZoom?: (px: number | string, ...rest: unknown[]) => unknown;
  }
}
