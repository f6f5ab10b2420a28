// <pw-related src limit sort days-new heading show-date loading assoc debug>
// 相关文章: a related-articles list ranked for the current article. Parsing,
// validation and ranking live in core/feed.cpp, core/rank.cpp and
// core/related.cpp, inside the lazily loaded `related` module; this file finds
// the feed, decodes its bytes as the Encoding Standard says (the browser's
// TextDecoder: no decoder is compiled into the module), re-checks each link
// with the browser's URL parser and builds DOM (titles are text nodes, never
// markup). A server-rendered list marked <ul data-pw-ranked> (pw-related
// --html writes them) is kept as it is: only its 新 badges are added.
{
  PW.addStrings({
    'zh-Hans': { 'related.heading': '相关文章', 'related.new': '新', 'related.new.label': '（新）', 'related.empty': '暂无相关文章' },
    'zh-Hant': { 'related.heading': '相關文章', 'related.new': '新', 'related.new.label': '（新）', 'related.empty': '暫無相關文章' },
    en: { 'related.heading': 'Related articles', 'related.new': 'New', 'related.new.label': ' (new)', 'related.empty': 'No related articles yet' },
  });

  // Start early enough (about one and a half viewports ahead) that the list has
  // settled before a reader scrolls to it.
  const LOOKAHEAD = '150% 0px 150% 0px';

  const NEW_CSS = `.new { flex: none; font-size: .75em; line-height: 1.5; padding: 0 .4em; border-radius: .25em;
  color: #fff; background: var(--pw-related-new-color, #c0392b); }
@media (forced-colors: active) { .new { border: 1px solid CanvasText; } }`;

  const CSS = `
:host { display: block; min-height: calc(var(--pw-related-rows, 8) * var(--pw-related-row, max(2.75em, 44px)) + var(--pw-related-head, 2.5em)); }
h2 { margin: 0; font-size: 1em; font-weight: bold; height: var(--pw-related-head, 2.5em);
  line-height: var(--pw-related-head, 2.5em); overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
ul { list-style: none; margin: 0; padding: 0; }
li { display: flex; align-items: center; gap: .75em; height: var(--pw-related-row, max(2.75em, 44px)); min-width: 0; }
a { flex: 0 1 auto; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
  color: var(--pw-related-link-color, #1a4c8b); text-decoration: none;
  line-height: var(--pw-related-row, max(2.75em, 44px)); }
a:hover { text-decoration: underline; }
.bullet { flex: none; width: .35em; height: .35em; border-radius: 50%; background: currentColor; opacity: .6; }
${NEW_CSS}
.fill { flex: 1 1 0; }
time { flex: none; color: var(--pw-related-date-color, #595959); font-variant-numeric: tabular-nums; }
.empty { margin: 0; line-height: var(--pw-related-row, max(2.75em, 44px)); color: var(--pw-related-date-color, #595959); }
@media (forced-colors: active) { .bullet { background: CanvasText; } }
@media (max-width: 400px) { time { font-size: .875em; } }
`;

  // The 新 badge added to an item of a kept server-rendered list: a span of the
  // page's with its own shadow root, so its look reaches no host element and
  // no host style reaches it; it sits on the item's line without growing it.
  const BADGE_CSS = `:host { display: inline-block !important; margin-inline-start: .35em !important; vertical-align: middle !important;
  line-height: 1 !important; }
${NEW_CSS.replace('line-height: 1.5', 'line-height: 1.4')}`;

  const newBadge = () => {
    const badge = PW.h('span', { class: 'pw-related-new' });
    const root = badge.attachShadow({ mode: 'open' });
    PW.adoptStyles(root, PW.baseCss + PW.inlineHostCss + BADGE_CSS);
    root.append(PW.h('span', { class: 'new', part: 'new', 'aria-hidden': 'true' }, PW.t('related.new')),
      PW.h('span', { class: 'pw-visually-hidden' }, PW.t('related.new.label')));
    return badge;
  };

  const pad = (n) => String(n).padStart(2, '0');
  /** The reader's local date, YYYY-MM-DD (for the "new" badge and the recency factor). */
  const today = () => {
    const d = new Date();
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };
  const pwError = (id, source, message) => Object.assign(new Error(message), { pw: { id, source, message } });
  const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/;

  // The largest feed the core reads (kMaxFeedBytes in core/feed.h, injected by
  // web/package.mjs). Checked here too, before the bytes are read in full or
  // copied into the module's memory, which never shrinks again: a 500 MB answer
  // must not cost the page 500 MB.
  const MAX_FEED_BYTES = __PW_CORE_kMaxFeedBytes__;
  const tooLarge = (what, bytes) => pwError('pw.related.too_large', 'feed',
    `${what} is ${bytes}; expected at most ${MAX_FEED_BYTES} bytes`);

  /** The response body, read no further than MAX_FEED_BYTES + 1 bytes. */
  const readLimited = async (response, href) => {
    const declared = Number(response.headers.get('Content-Length'));
    if (declared > MAX_FEED_BYTES) {
      if (response.body) response.body.cancel().catch(() => {});
      throw tooLarge(`the feed ${href}`, `${declared} bytes (Content-Length)`);
    }
    if (!response.body || typeof response.body.getReader !== 'function') {
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > MAX_FEED_BYTES) throw tooLarge(`the feed ${href}`, `${bytes.length} bytes`);
      return bytes;
    }
    const reader = response.body.getReader();
    const chunks = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > MAX_FEED_BYTES) {
        reader.cancel().catch(() => {});
        throw tooLarge(`the feed ${href}`, `more than ${MAX_FEED_BYTES} bytes`);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
    return bytes;
  };

  // --- Decoding, as the WHATWG Encoding Standard does it: a byte order mark
  // first, then the Content-Type's charset label, else UTF-8; the browser's
  // TextDecoder maps labels to encodings (gb2312, x-gbk, chinese, … → GBK) and
  // decodes. An unknown label is ignored, as XMLHttpRequest ignores it: the
  // feed is read as UTF-8. The labels the standard maps to its "replacement"
  // encoding (TextDecoder refuses them too) never decode.
  const REPLACEMENT_LABELS = ['csiso2022kr', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext', 'iso-2022-kr'];

  /** The charset parameter of a Content-Type value ("" when there is none). */
  const charsetOf = (contentType) => {
    for (const param of String(contentType || '').split(';').slice(1)) {
      const eq = param.indexOf('=');
      if (eq > 0 && param.slice(0, eq).trim().toLowerCase() === 'charset') {
        return param.slice(eq + 1).trim().replace(/^"([^"]*)"$/, '$1').trim();
      }
    }
    return '';
  };

  /** The encoding a byte order mark names and the mark's length, or null. */
  const sniffBom = (b) => {
    if (b[0] === 0xEF && b[1] === 0xBB && b[2] === 0xBF) return { encoding: 'utf-8', length: 3 };
    if (b[0] === 0xFE && b[1] === 0xFF) return { encoding: 'utf-16be', length: 2 };
    if (b[0] === 0xFF && b[1] === 0xFE) return { encoding: 'utf-16le', length: 2 };
    return null;
  };

  const decodes = (encoding, bytes, stream) => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream });
      return true;
    } catch (e) {
      return false;
    }
  };

  /**
   * Where the first byte sequence that does not decode starts (TextDecoder
   * says only that one exists). Decoding as a stream, a character cut off at
   * the end is not yet an error, so the shortest prefix that fails ends with
   * the byte that showed the error; the bad sequence starts after the last
   * whole character before it, at most three bytes back in any encoding.
   */
  const firstBadByte = (encoding, bytes) => {
    let end = bytes.length;
    if (!decodes(encoding, bytes, true)) {
      let lo = 1;
      while (lo < end) {
        const mid = (lo + end) >> 1;
        if (decodes(encoding, bytes.subarray(0, mid), true)) lo = mid + 1; else end = mid;
      }
    }
    for (let at = end - 1; at >= Math.max(0, end - 4); at -= 1) {
      if (decodes(encoding, bytes.subarray(0, at), false)) return at;
    }
    return Math.max(0, end - 1);
  };

  const hexBytes = (bytes, at, count) => [...bytes.subarray(at, at + count)]
    .map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');

  /**
   * The feed's bytes as UTF-8 for the module. `contentType` is the response's
   * Content-Type. Bytes that do not decode under the encoding in force throw
   * pw.related.bad_charset naming the label and the first bad byte's offset.
   */
  const decodeFeed = (bytes, contentType, href) => {
    const label = charsetOf(contentType);
    const bom = sniffBom(bytes);
    let encoding = 'utf-8';
    let why = label ? `charset=${label}` : 'no charset in its Content-Type: the default';
    if (bom) {
      encoding = bom.encoding;
      why = `its byte order mark${label ? `, which wins over charset=${label}` : ''}`;
    } else if (label) {
      if (REPLACEMENT_LABELS.includes(label.toLowerCase())) {
        throw pwError('pw.related.bad_charset', 'feed', `the feed ${href} is labelled charset=${label}, which the Encoding Standard never decodes (byte 0 on is unreadable); expected UTF-8, GBK or GB18030 with its label, e.g. "Content-Type: application/json; charset=gbk"`);
      }
      try {
        encoding = new TextDecoder(label).encoding;
      } catch (e) {
        why = `charset=${label} is not a label the Encoding Standard knows, so the default`;
      }
    }
    const body = bom ? bytes.subarray(bom.length) : bytes;
    let text = null;
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch (e) {
      const at = firstBadByte(encoding, body);
      const offset = at + (bom ? bom.length : 0);
      // Whole as a stream, it fails only at the end: a character cut off.
      const cut = decodes(encoding, body, true);
      throw pwError('pw.related.bad_charset', 'feed', `the feed ${href} does not decode as ${encoding} (${why}): `
        + (cut ? `it ends inside a character at byte ${offset} (${hexBytes(bytes, offset, 4)})`
          : `byte ${offset} (${hexBytes(bytes, offset, 2)}) is not ${encoding}`)
        + `; expected ${encoding} text, or the charset the feed is written in (e.g. "Content-Type: application/json; charset=gbk")`);
    }
    // UTF-8 goes to the module as received (a BOM is skipped); other encodings
    // as the UTF-8 of the decoded text.
    return encoding === 'utf-8' ? body : new TextEncoder().encode(text);
  };

  // The largest association table the core reads (parse_associations in core/assoc.h).
  const MAX_ASSOC_BYTES = __PW_CORE_kMaxAssocBytes__;

  // Each feed URL is fetched once per page, however many elements name it or
  // how often they reconnect; a failed fetch is forgotten so a later try can work.
  const feeds = new Map();
  const fetchFeed = (href) => {
    if (!feeds.has(href)) {
      const pending = (async () => {
        let response;
        try {
          response = await fetch(href, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        } catch (e) {
          throw pwError('pw.related.fetch_failed', 'src', `the feed ${href} could not be fetched (network error or CORS); expected a same-origin or CORS-enabled JSON file`);
        }
        if (!response.ok) {
          throw pwError('pw.related.fetch_failed', 'src', `the feed ${href} answered HTTP ${response.status}; expected 200 with the feed's JSON`);
        }
        const wire = await readLimited(response, href);
        const bytes = decodeFeed(wire, response.headers.get('Content-Type'), href);
        return { bytes, wireBytes: wire.length, base: response.url || href };
      })();
      pending.catch(() => feeds.delete(href));
      feeds.set(href, pending);
    }
    return feeds.get(href);
  };

  class RelatedElement extends PW.BaseElement {
    static get css() { return CSS; }
    get readyAfterMount() { return false; }

    mount() {
      const loading = (this.getAttribute('loading') || 'lazy').trim().toLowerCase();
      if (loading !== 'lazy' && loading !== 'eager') {
        PW.reportError(this, { id: 'pw.related.bad_loading', source: 'loading',
          message: `loading="${loading}" is not "lazy" or "eager"; using "lazy"` });
      }
      if (loading === 'eager' || typeof IntersectionObserver !== 'function') {
        this._load();
        return;
      }
      this._observer = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this._observer.disconnect();
        this._load();
      }, { rootMargin: LOOKAHEAD });
      this._observer.observe(this);
    }

    unmount() {
      if (this._observer) this._observer.disconnect();
      this._observer = null;
      this._loading = null;
    }

    /** The server-rendered fallback: a list of links inside the element. */
    _fallbackList() {
      return this.querySelector(':scope > ul, :scope > ol');
    }

    /** A server-rendered list marked as already ranked (<ul data-pw-ranked>), or null. */
    _rankedList() {
      return this.querySelector(':scope > ul[data-pw-ranked], :scope > ol[data-pw-ranked]');
    }

    /** The items of a server-rendered list: [{li, a, article: {title, url, date?}}]. */
    static _listItems(list) {
      return [...list.querySelectorAll('li')].map((li) => {
        const a = li.querySelector('a[href]');
        if (!a) return null;
        const time = li.querySelector('time[datetime]');
        // <time datetime> takes "2022-06-18T09:30"; the feed format a space.
        let date = time ? time.getAttribute('datetime').trim().replace('T', ' ') : '';
        if (!DATE.test(date)) date = ((li.textContent || '').match(/\d{4}-\d{2}-\d{2}/) || [''])[0];
        const article = { title: a.textContent, url: a.getAttribute('href') };
        if (date) article.date = date;
        return { li, a, article };
      }).filter(Boolean);
    }

    /** A feed built from a server-rendered list, or null when it has no links. */
    static _listFeed(list, ranked) {
      const articles = RelatedElement._listItems(list).map((item) => item.article);
      if (!articles.length) return null;
      const feed = ranked ? { version: 1, ranked: true, articles } : { version: 1, articles };
      const bytes = new TextEncoder().encode(JSON.stringify(feed));
      return { bytes, wireBytes: bytes.length, base: document.baseURI };
    }

    /**
     * The association table (`assoc`, written by pw-related --assoc) as bytes,
     * or null. A table that cannot be fetched is reported and the list is
     * ranked without it; the core checks the bytes themselves.
     */
    async _assoc() {
      const assoc = (this.getAttribute('assoc') || '').trim();
      if (!assoc) return null;
      try {
        const url = new URL(assoc, document.baseURI);
        const response = await fetch(url.href, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (bytes.length > MAX_ASSOC_BYTES) throw new Error(`${bytes.length} bytes (at most ${MAX_ASSOC_BYTES})`);
        return bytes;
      } catch (e) {
        PW.reportError(this, { id: 'pw.related.bad_assoc', source: 'assoc',
          message: `the association table assoc="${assoc}" could not be loaded (${e && e.message}); expected the file pw-related --assoc writes; the list is ranked without it` });
        return null;
      }
    }

    /** The feed as bytes with the URL its relative links resolve against, or null. */
    async _source() {
      const src = this.getAttribute('src');
      if (src && src.trim()) {
        let url;
        try { url = new URL(src.trim(), document.baseURI); } catch (e) {
          throw pwError('pw.related.bad_src', 'src', `src="${src}" is not a URL; expected the feed's URL such as "/feeds/column-123.json"`);
        }
        return fetchFeed(url.href);
      }
      // An inline feed is already text: no charset applies.
      const inline = this.querySelector(':scope > script[type="application/json"]');
      if (inline) {
        const bytes = new TextEncoder().encode(inline.textContent);
        return { bytes, wireBytes: bytes.length, base: document.baseURI };
      }
      // Progressive enhancement: rank the server-rendered links themselves.
      const list = this._fallbackList();
      return list ? RelatedElement._listFeed(list, false) : null;
    }

    _load() {
      if (this._loading) return this._loading;
      this._loading = this._run().catch((error) => {
        const e = error && error.pw ? error.pw : {
          id: 'pw.related.load_failed', source: 'pw-related',
          message: `the related list could not be shown: ${error && error.message}; the page's own list stays`,
        };
        PW.reportError(this, e);
      }).then(() => this.settle());
      return this._loading;
    }

    async _run() {
      // A list marked as ranked is final: no feed is fetched and nothing is
      // re-ranked or replaced; the core only says which items are new.
      const ranked = this._rankedList();
      const [module, source, assoc] = await Promise.all([PW.loadModule('related'),
        ranked ? RelatedElement._listFeed(ranked, true) : this._source(), ranked ? null : this._assoc()]);
      if (!source || !this.isConnected) return;
      const current = PW.currentArticle();
      const raw = module.raw;
      // Inline feeds and the page's own list arrive here unchecked. The limit
      // is on the bytes received; decoded to UTF-8 they may be more.
      if (source.wireBytes > MAX_FEED_BYTES) throw tooLarge('the feed', `${source.wireBytes} bytes`);
      const ptr = raw._malloc(source.bytes.length || 1);
      const assocPtr = assoc ? raw._malloc(assoc.length || 1) : 0;
      if (!ptr || (assoc && !assocPtr)) {
        if (ptr) raw._free(ptr);
        throw pwError('pw.related.load_failed', 'feed', `the related module could not reserve ${source.bytes.length} bytes for the feed (out of memory); the page's own list stays`);
      }
      let result;
      try {
        raw.HEAPU8.set(source.bytes, ptr);
        if (assoc) raw.HEAPU8.set(assoc, assocPtr);
        result = module.call('pw_related_list', ptr, source.bytes.length, source.wireBytes, source.base,
          current.title, current.keywords, current.column, location.href,
          ranked ? '100' : this.getAttribute('limit') || '', ranked ? '' : this.getAttribute('sort') || '',
          this.getAttribute('days-new') || '', today(), !ranked && this.hasAttribute('debug'),
          assocPtr, assoc ? assoc.length : 0);
      } finally {
        raw._free(ptr);
        if (assocPtr) raw._free(assocPtr);
      }
      for (const error of result.errors) PW.reportError(this, error);
      if (!result.ok) {
        PW.reportError(this, result.error);
        return;  // the server-rendered list stays
      }
      if (ranked) {
        this._upgrade(ranked, result.items);
        return;
      }
      // The core already refused every scheme but http(s); the browser's own
      // parser has the last word on what a click would open.
      const items = [];
      for (const item of result.items) {
        let url = null;
        try { url = new URL(item.url); } catch (e) { url = null; }
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
          PW.reportError(this, { id: 'pw.related.bad_url', source: 'url',
            message: `the link of "${item.title}" does not parse as an http(s) URL in this browser; it was left out` });
          continue;
        }
        items.push({ ...item, href: url.href });
      }
      // Nothing better than the server-rendered list: it stays, and as nothing
      // was rendered no pw-related-render fires (`ready` still resolves).
      if (!items.length && this._fallbackList()) return;
      PW.fire(this, 'pw-related-render', { count: this._render(items) });
    }

    /**
     * Adds the 新 badge after the link of each item of a kept list that the
     * core found new (the reader's date and days-new); nothing else changes.
     * The core keeps the list's order, leaving out only items it refused
     * (reported), so its items are matched to the list's in one pass.
     */
    _upgrade(list, items) {
      const entries = RelatedElement._listItems(list);
      for (const { li } of entries) for (const old of li.querySelectorAll('.pw-related-new')) old.remove();
      let k = 0;
      for (const item of items) {
        let href = null;
        try { href = new URL(item.url).href; } catch (e) { continue; }
        while (k < entries.length && entries[k].a.href !== href) k += 1;
        if (k === entries.length) break;
        if (item.new) entries[k].a.after(newBadge());
        k += 1;
      }
    }

    _render(items) {
      const headingAttr = this.getAttribute('heading');
      const heading = headingAttr == null ? PW.t('related.heading') : headingAttr.trim();
      const showDate = !/^(off|false|no|0)$/i.test((this.getAttribute('show-date') || 'on').trim());
      const debug = this.hasAttribute('debug');
      const id = 'pw-related-heading';
      const nodes = [];
      if (heading) nodes.push(PW.h('h2', { id, part: 'heading' }, heading));
      if (!items.length) {
        nodes.push(PW.h('p', { class: 'empty', part: 'empty' }, PW.t('related.empty')));
      } else {
        nodes.push(PW.h('ul', { part: 'list', 'aria-labelledby': heading ? id : null },
          items.map((item) => PW.h('li', { part: 'item', 'data-score': debug && item.score != null ? item.score : null },
            PW.h('span', { class: 'bullet', 'aria-hidden': 'true' }),
            PW.h('a', { href: item.href, title: item.title, part: 'link' }, item.title,
              item.new ? PW.h('span', { class: 'pw-visually-hidden' }, PW.t('related.new.label')) : null),
            item.new ? PW.h('span', { class: 'new', part: 'new', 'aria-hidden': 'true' }, PW.t('related.new')) : null,
            PW.h('span', { class: 'fill' }),
            showDate && item.date ? PW.h('time', { datetime: item.date.replace(' ', 'T'), part: 'date' }, item.date.slice(0, 10)) : null))));
      }
      // The box the element had before this first render, kept (no layout
      // shift): the server-rendered fallback's, or the box portal-widgets.css
      // reserves, whichever is taller. Measured before the shadow content
      // replaces the slot; the page's elements are not touched. The fallback's
      // first child's top margin collapsed through this element (no padding
      // or border), so the rendered list carries the same margin and
      // collapses the same way; the list is at least as tall as that box, and
      // shows only the rows that fit in it (docs/related.md, "Reserving the box").
      const box = PW.h('div', {}, nodes);
      const kept = this._boxBefore();
      box.style.marginTop = `${kept.marginTop}px`;
      box.style.minHeight = `${kept.height}px`;
      this.render(box);
      return this._fit(box, kept.height);
    }

    /**
     * Leaves only the rows that end within `height` px of the element's top;
     * returns the number of items shown. When not even one row fits (no box
     * was reserved: no portal-widgets.css, no fallback), every row stays and
     * the element grows, as it must to show anything.
     */
    _fit(box, height) {
      const rows = [...box.querySelectorAll('li')];
      if (!rows.length || !(height > 0)) return rows.length;
      const bottom = this.getBoundingClientRect().top + height + 0.5;
      const fits = rows.filter((li) => li.getBoundingClientRect().bottom <= bottom).length;
      if (!fits) return rows.length;
      for (const li of rows.slice(fits)) li.remove();
      return fits;
    }

    /** {marginTop, height} of the element as shown before its first render:
     *  its height, and the collapsed top margin of its light-DOM fallback
     *  (0 when there is none). */
    _boxBefore() {
      const height = this.getBoundingClientRect().height;
      const first = [...this.children].find((el) => el.localName !== 'script' && el.getClientRects().length);
      if (!first) return { marginTop: 0, height };
      const host = getComputedStyle(this);
      const collapses = parseFloat(host.paddingTop) === 0 && parseFloat(host.borderTopWidth) === 0;
      const marginTop = collapses ? Math.max(0, parseFloat(getComputedStyle(first).marginTop) || 0) : 0;
      return { marginTop, height };
    }
  }

  PW.defineElement('pw-related', RelatedElement);
}
