// The related-articles rankers for the Chromium bench page, as a classic script
// (adds pwBench.related). One call = one render's work: feed bytes in, the top
// `limit` articles out, exactly as <pw-related> gets them (it fetches bytes).
(function () {
  'use strict';

  /** Ours: the lazy `related` module, called the way related.element.js calls it. */
  function ours(module, bytes, current, limit) {
    const raw = module.raw;
    const ptr = raw._malloc(bytes.length || 1);
    try {
      raw.HEAPU8.set(bytes, ptr);
      const result = module.call('pw_related_list', ptr, bytes.length, bytes.length, current.url, current.title, current.keywords,
        current.column, current.url, String(limit), '', '', current.today, false, 0, 0);
      if (!result.ok) throw new Error(`pw_related_list: ${result.error.id}: ${result.error.message}`);
      return result.items.map((item) => item.url);
    } finally {
      raw._free(ptr);
    }
  }

  // MiniSearch's default tokenizer splits on spaces and punctuation only, so a
  // Chinese title is one token. As configured for CJK here it gets what ours
  // uses (Lucene's CJK analyzer rule): Han/kana/Hangul runs become overlapping
  // bigrams (a lone character stays a token), letter and digit runs become words.
  const BIGRAM = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
  const WORD = /[\p{L}\p{N}]/u;
  function cjkTokenize(text) {
    const tokens = [];
    let run = '';
    let kind = '';
    const flush = () => {
      if (kind === 'cjk') {
        const chars = [...run];
        if (chars.length === 1) tokens.push(run);
        for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
      } else if (kind === 'word') {
        tokens.push(run);
      }
      run = '';
      kind = '';
    };
    for (const ch of text.normalize('NFKC')) {
      const k = BIGRAM.test(ch) ? 'cjk' : WORD.test(ch) ? 'word' : '';
      if (k !== kind) flush();
      if (k) { run += ch; kind = k; }
    }
    flush();
    return tokens;
  }

  /**
   * MiniSearch, the whole render: decode and parse the feed, index title,
   * keywords (boost 3 each, like ours), summary and column, search with the
   * current article's title, keywords and column, drop the current page.
   * `cjk` false keeps MiniSearch's default tokenizer.
   */
  function minisearch(MiniSearch, bytes, current, limit, cjk) {
    const feed = JSON.parse(new TextDecoder().decode(bytes));
    const index = new MiniSearch({
      fields: ['title', 'keywords', 'summary', 'column'],
      storeFields: ['url'],
      ...(cjk ? { tokenize: cjkTokenize } : {}),
      searchOptions: { boost: { title: 3, keywords: 3 }, combineWith: 'OR', ...(cjk ? { tokenize: cjkTokenize } : {}) },
    });
    index.addAll(feed.articles.map((a, id) => ({ id, title: a.title, keywords: (a.keywords || []).join(' '),
      summary: a.summary || '', column: a.column || '', url: a.url })));
    const query = `${current.title} ${current.keywords.replace(/[,，、]/g, ' ')} ${current.column}`;
    return index.search(query).filter((hit) => hit.url !== current.url).slice(0, limit).map((hit) => hit.url);
  }

  globalThis.pwBench = globalThis.pwBench || {};
  globalThis.pwBench.related = { ours, minisearch, cjkTokenize };
})();
