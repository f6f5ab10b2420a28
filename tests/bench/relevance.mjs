#!/usr/bin/env node
// make bench: how related the related lists are, on hand-written labelled
// headlines (tests/bench/relevance/: the tuning set and the held-apart set).
//
// Every article of a set is the current article once; its top 5 are scored
// against the topic labels: precision@5 (share of the 5 slots holding a
// same-topic article) and nDCG@5 (binary gains, ideal = as many same-topic
// articles as exist, up to 5). Rankers, all in the same run:
//   baseline       character bigrams of title + keywords, TF-IDF with
//                  idf = ln(N / df), cosine, current article excluded, top 5
//   old ranker     BM25 as <pw-related> ranked before (tests/bench/bm25/, frozen)
//   feed alone     <pw-related> with its feed (the current core)
//   feed + assoc   <pw-related assoc> with the table `pw-related --assoc`
//                  learned from the same site with its built-in thesaurus,
//                  and beside it the table learned without (--no-thesaurus)
// The old and the current ranker run natively through the same entry point as
// the widget (related_list_json); when dist/ has the related module its lists
// are checked to equal the native ones. Also printed: the association table's
// size against the feed's gzip size, and native ranking time (old vs new).
//
//   node tests/bench/relevance.mjs     (make bench builds what it needs)
//   node tests/bench/relevance.mjs --set tune     one set only (tuning: the
//        held-apart set is not read); prints the tables, leaves the docs alone
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { BENCH_OUT, OUT, ROOT, fmt, table, writeDocsSection } from './lib/common.mjs';

const ALL_SETS = [
  { name: 'tuning set', file: 'tune.txt', slug: 'tune' },
  { name: 'held-apart set', file: 'heldout.txt', slug: 'heldout' },
];
const only = process.argv.indexOf('--set') > 0 ? process.argv[process.argv.indexOf('--set') + 1] : '';
// Extra pw-related options for the assoc table (tuning experiments).
const cliArgs = process.env.RELEVANCE_CLI_ARGS ? process.env.RELEVANCE_CLI_ARGS.split(' ') : [];
const SETS = only ? ALL_SETS.filter((s) => s.slug === only) : ALL_SETS;
if (!SETS.length) {
  console.error(`relevance: --set ${only}: expected one of ${ALL_SETS.map((s) => s.slug).join(', ')}`);
  process.exit(2);
}
const K = 5;
const bench = join(OUT, 'native', 'tests', 'bench', 'pw-bench');
const cli = join(OUT, 'native', 'tools', 'pw-related', 'pw-related');
for (const bin of [bench, cli]) {
  if (!existsSync(bin)) {
    console.error(`relevance: ${bin.slice(ROOT.length + 1)} is missing; run make native (make bench does).`);
    process.exit(1);
  }
}
mkdirSync(BENCH_OUT, { recursive: true });

/** A corpus file: topic|date|column|keywords|title|summary per line. */
export function readCorpus(file, slug) {
  const lines = readFileSync(join(ROOT, 'tests/bench/relevance', file), 'utf8').split('\n');
  const articles = [];
  for (const line of lines) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [topic, date, column, keywords, title, summary] = line.split('|');
    if (!title) throw new Error(`${file}: bad line ${JSON.stringify(line)}`);
    const article = { title, url: `https://www.example.gov.cn/art/${slug}/${articles.length + 1}.html`, date, column,
      keywords: keywords ? keywords.split('、') : [] };
    if (summary) article.summary = summary;
    articles.push({ topic, article });
  }
  return articles;
}

// --- the baseline ----------------------------------------------------------------
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const WORD = /[\p{L}\p{N}]/u;
function bigrams(text) {
  const out = [];
  let run = '';
  let kind = '';
  const flush = () => {
    const chars = [...run];
    if (kind === 'han') {
      if (chars.length === 1) out.push(run);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    } else if (kind === 'word') out.push(run.toLowerCase());
    run = '';
    kind = '';
  };
  for (const ch of text.normalize('NFKC')) {
    const k = HAN.test(ch) ? 'han' : WORD.test(ch) ? 'word' : '';
    if (k !== kind) flush();
    if (k) { run += ch; kind = k; }
  }
  flush();
  return out;
}
function baseline(articles) {
  const docs = articles.map(({ article: a }) => bigrams(`${a.title} ${a.keywords.join(' ')}`));
  const df = new Map();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) || 0) + 1);
  const n = docs.length;
  const vectors = docs.map((d) => {
    const v = new Map();
    for (const t of d) v.set(t, (v.get(t) || 0) + 1);
    let norm = 0;
    for (const [t, tf] of v) { const w = tf * Math.log(n / df.get(t)); v.set(t, w); norm += w * w; }
    return { v, norm: Math.sqrt(norm) };
  });
  return vectors.map((q, i) => vectors.map((d, j) => {
    if (i === j || !q.norm || !d.norm) return [j, -1];
    let dot = 0;
    for (const [t, w] of q.v) { const x = d.v.get(t); if (x) dot += w * x; }
    return [j, dot / (q.norm * d.norm)];
  }).filter(([, s]) => s >= 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, K).map(([j]) => j));
}

// --- metrics ---------------------------------------------------------------------
function score(articles, lists) {
  let p = 0;
  let ndcg = 0;
  articles.forEach(({ topic }, i) => {
    const list = lists[i].slice(0, K);
    const gains = list.map((j) => (j >= 0 && j !== i && articles[j].topic === topic ? 1 : 0));
    p += gains.reduce((a, b) => a + b, 0) / K;
    const dcg = gains.reduce((sum, g, r) => sum + g / Math.log2(r + 2), 0);
    const relevant = articles.filter((a, j) => j !== i && a.topic === topic).length;
    let ideal = 0;
    for (let r = 0; r < Math.min(K, relevant); r++) ideal += 1 / Math.log2(r + 2);
    ndcg += ideal ? dcg / ideal : 0;
  });
  return { p: p / articles.length, ndcg: ndcg / articles.length };
}

const rows = [];
const sizeRows = [];
const timeRows = [];
const results = { date: new Date().toISOString(), sets: [] };
for (const set of SETS) {
  const articles = readCorpus(set.file, set.slug);
  const feedText = JSON.stringify({ version: 1, articles: articles.map((a) => a.article) });
  const feedFile = join(BENCH_OUT, `relevance-${set.slug}.json`);
  const linesFile = join(BENCH_OUT, `relevance-${set.slug}.jsonl`);
  const assocFile = join(BENCH_OUT, `relevance-${set.slug}.assoc`);
  const learnedFile = join(BENCH_OUT, `relevance-${set.slug}-learned.assoc`);
  writeFileSync(feedFile, feedText);
  writeFileSync(linesFile, articles.map((a) => JSON.stringify(a.article)).join('\n') + '\n');
  execFileSync(cli, ['--quiet', '--assoc', assocFile, ...cliArgs, linesFile]);
  execFileSync(cli, ['--quiet', '--no-thesaurus', '--assoc', learnedFile, linesFile]);
  const newest = articles.map((a) => a.article.date).sort().pop();
  const today = new Date(Date.parse(newest) + 86400000).toISOString().slice(0, 10);
  const run = (assoc) => execFileSync(bench, ['relevance', feedFile, assoc, today], { encoding: 'utf8', maxBuffer: 1 << 26 })
    .trim().split('\n').map((l) => JSON.parse(l));
  const plain = run('');
  const withAssoc = run(assocFile);
  const withLearned = run(learnedFile);
  const lists = (out, key) => out.filter((o) => o[key]).map((o) => o[key]);
  const topics = new Set(articles.map((a) => a.topic)).size;
  const label = `${set.name} (${articles.length} articles, ${topics} topics)`;
  const scored = [
    ['baseline: bigram TF-IDF cosine', score(articles, baseline(articles))],
    ['old ranker (BM25)', score(articles, lists(plain, 'old'))],
    ['pw-related, feed alone', score(articles, lists(plain, 'new'))],
    ['pw-related, feed + assoc table learned without the thesaurus', score(articles, lists(withLearned, 'new'))],
    ['pw-related, feed + assoc table', score(articles, lists(withAssoc, 'new'))],
  ];
  const base = scored[0][1];
  for (const [ranker, s] of scored) {
    rows.push([label, ranker, s.p.toFixed(3), s.ndcg.toFixed(3), ranker.startsWith('baseline') ? '' : `${s.p >= base.p ? '+' : ''}${(s.p - base.p).toFixed(3)}`]);
  }
  const assocBytes = readFileSync(assocFile);
  const feedGzip = gzipSync(feedText, { level: 9 }).length;
  sizeRows.push([label, assocBytes.length.toLocaleString('en-US'), gzipSync(assocBytes, { level: 9 }).length.toLocaleString('en-US'),
    feedGzip.toLocaleString('en-US'), fmt(assocBytes.length / articles.length * 1000)]);
  for (const t of plain.filter((o) => o.case)) timeRows.push([label, t.case === 'old' ? 'old ranker (BM25)' : 'pw-related, feed alone', fmt(t.us / 1000), fmt(t.min / 1000)]);
  for (const t of withAssoc.filter((o) => o.case === 'new')) timeRows.push([label, 'pw-related, feed + assoc table', fmt(t.us / 1000), fmt(t.min / 1000)]);
  results.sets.push({ set: set.name, articles: articles.length, topics, today,
    scores: Object.fromEntries(scored.map(([r, s]) => [r, s])), assocBytes: assocBytes.length, feedGzip });
}

const tables = [
  table(`Relevance: precision@${K} and nDCG@${K} against topic labels (every article as the current one)`,
    ['set', 'ranker', `p@${K}`, `nDCG@${K}`, `p@${K} − baseline`], rows, [false, false, true, true, true]),
  table('Association table (pw-related --assoc) against the feed', ['set', 'table bytes', 'table gzip', 'feed gzip', 'table bytes per 1,000 articles'], sizeRows,
    [false, true, true, true, true]),
  table('Ranking time, native C++: feed bytes in, top 5 out (median of 11)', ['set', 'ranker', 'median ms', 'best ms'], timeRows,
    [false, false, true, true]),
];
results.markdown = tables.join('\n');
if (only) process.exit(0);  // table() printed the tables
writeFileSync(join(BENCH_OUT, 'relevance.json'), JSON.stringify(results, null, 2) + '\n');
// docs/benchmarks.md shows the latest run in its "Relevance" section
// (relevance:begin/end markers); the set each figure comes from is in its rows.
const measured = `Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC (load average ${loadavg()[0].toFixed(1)} on ` +
  `${cpus().length} CPUs; only the ranking times depend on it), node ${process.version}.`;
console.log(`note: ${writeDocsSection('relevance', `${measured}\n\n${results.markdown}`)}`);
