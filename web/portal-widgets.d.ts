// Types for window.PortalWidgets and the pw-* elements (see README "JS API").

export type LeaveReason =
  | 'same-page' | 'same-site' | 'allowlisted' | 'non-navigating' | 'opted-out' | 'invalid'
  | 'external' | 'other-scheme';

export interface PortalWidgetsError {
  /** Stable id, e.g. "pw.config.bad_lang". */
  id: string;
  /** What was wrong: an attribute ("data-lang"), an element, or a feed field. */
  source: string;
  /** One sentence naming the bad value and the expected form. */
  message: string;
}

export interface PortalWidgetsReady {
  ok: boolean;
  mode: 'wasm' | 'js' | 'none';
  errors: PortalWidgetsError[];
}

export interface PortalWidgetsConfig {
  siteName: string;
  siteHosts: string[];
  lang: 'zh-Hans' | 'zh-Hant' | 'en';
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

interface PwElement extends HTMLElement {
  /** Resolves when the content is rendered or the fallback is kept; never rejects. */
  readonly ready: Promise<void>;
}

export interface PwFontSizeElement extends PwElement {
  /** The chosen body-text size in px; null until `ready`. Setting a number (or "18px")
   *  chooses the nearest level; anything else reports pw.font_size.bad_level. */
  level: number | null;
}
export type PwQrcodeElement = PwElement;
export type PwRelatedElement = PwElement;
export type PwLeaveDialogElement = PwElement;

export interface PwFontSizeChangeDetail { level: number; index: number; label: string }
export interface PwLeaveRequestDetail { href: string; host: string; reason: LeaveReason }
export interface PwLeaveDecisionDetail { href: string }
export interface PwRelatedRenderDetail { count: number }
/** <pw-qrcode download>: a share card was made and handed over. */
export interface PwQrcodeCardDetail {
  /** "download": saved as qrcode.png; "overlay": shown as an image to long-press. */
  method: 'download' | 'overlay';
  /** Card size in px. */
  width: number; height: number;
  /** PNG size in bytes. */
  bytes: number;
  /** Characters no font slice had, drawn as boxes. */
  missingGlyphs: number;
}

declare global {
  interface Window {
    PortalWidgets?: PortalWidgets;
    /** Old templates' 大/中/小 call. Where the page defines none, the suite adds this
     *  shim once a <pw-font-size> mounts: it sets `level` on the first mounted element
     *  and returns false. A page's own doZoom is kept as it is. */
    doZoom?: (px: number | string, ...rest: unknown[]) => unknown;
  }
  interface HTMLElementTagNameMap {
    'pw-font-size': PwFontSizeElement;
    'pw-qrcode': PwQrcodeElement;
    'pw-related': PwRelatedElement;
    'pw-leave-dialog': PwLeaveDialogElement;
  }
  interface DocumentEventMap {
    'pw-error': CustomEvent<PortalWidgetsError>;
  }
  interface HTMLElementEventMap {
    'pw-font-size-change': CustomEvent<PwFontSizeChangeDetail>;
    'pw-leave-request': CustomEvent<PwLeaveRequestDetail>;
    'pw-leave-confirm': CustomEvent<PwLeaveDecisionDetail>;
    'pw-leave-cancel': CustomEvent<PwLeaveDecisionDetail>;
    'pw-related-render': CustomEvent<PwRelatedRenderDetail>;
    'pw-qrcode-card': CustomEvent<PwQrcodeCardDetail>;
    'pw-error': CustomEvent<PortalWidgetsError>;
  }
}
