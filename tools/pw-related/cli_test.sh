#!/bin/sh
# End-to-end test of pw-related: cli_test.sh <pw-related binary> <scratch dir>
set -eu
CLI=$1
DIR=$2
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
fail() { echo "FAIL: $*" >&2; exit 1; }

# A generated corpus: every article gets a list, in both output forms.
"$CLI" --generate 3000 > corpus.jsonl
[ "$(wc -l < corpus.jsonl)" -eq 3000 ] || fail "--generate wrote $(wc -l < corpus.jsonl) lines"
"$CLI" corpus.jsonl --base https://www.example.gov.cn/ --out lists --combined combined.json \
  --threads 2 --quiet 2> stderr.txt || fail "pw-related exited $?: $(cat stderr.txt)"
"$CLI" corpus.jsonl --base https://www.example.gov.cn/ --combined combined1.json --threads 1 --quiet
cmp -s combined.json combined1.json || fail "results differ between 1 and 2 threads"
python3 - <<'PY' || fail "output check"
import json, os
articles = [json.loads(line) for line in open("corpus.jsonl", encoding="utf-8")]
combined = json.load(open("combined.json", encoding="utf-8"))
assert combined["version"] == 1
related = combined["related"]
assert len(related) == len(articles), (len(related), len(articles))
base = "https://www.example.gov.cn"
nonempty = 0
for a in articles:
    url = base + a["url"]
    items = related[url]
    assert len(items) <= 8
    assert all(i["url"] != url for i in items), url          # never lists itself
    assert len({i["url"] for i in items}) == len(items), url  # no duplicates
    assert all(i["url"].startswith(base + "/art/") for i in items)
    nonempty += bool(items)
    path = os.path.join("lists", a["url"].lstrip("/") + ".json")
    feed = json.load(open(path, encoding="utf-8"))
    assert feed["version"] == 1 and feed["ranked"] is True, path
    assert [i["url"] for i in feed["articles"]] == [i["url"] for i in items], path
assert nonempty > 0.95 * len(articles), nonempty
# Relevance: the first related article shares at least one title word bigram.
def bigrams(t):
    return {t[k:k+2] for k in range(len(t) - 1)}
shared = sum(1 for a in articles[:500]
             if related[base + a["url"]] and
             bigrams(a["title"][3:]) & bigrams(related[base + a["url"]][0]["title"]))
assert shared > 450, shared
print("cli output ok:", len(articles), "articles,", nonempty, "with lists")
PY

# Small and medium sites: the site-wide stop-word fraction (--common, 0.02 by
# default) must not cut every shared term, so every article still gets a list.
for n in 60 200; do
  "$CLI" --generate $n > small$n.jsonl
  "$CLI" small$n.jsonl --combined small$n.json --quiet || fail "$n articles: exit $?"
  python3 - small$n.json $n <<'PY' || fail "$n articles: empty lists"
import json, sys
related = json.load(open(sys.argv[1], encoding="utf-8"))["related"]
n = int(sys.argv[2])
assert len(related) == n, len(related)
empty = [url for url, items in related.items() if not items]
assert not empty, "%d of %d lists empty, e.g. %s" % (len(empty), n, empty[0])
full = sum(len(items) == 8 for items in related.values())
assert full > 0.9 * n, "only %d of %d lists have 8 items" % (full, n)
PY
done

# A URL path segment longer than a file name may be (255 bytes) is shortened
# (its start plus a hash), so one such article cannot stop the run, and
# --combined is written too.
LONG=$(python3 -c 'print("x" * 300)')
cat > long.json <<JSON
{"version":1,"articles":[
 {"title":"防汛工作通知","url":"/a/$LONG.html"},
 {"title":"防汛工作会议","url":"/a/${LONG}y.html"},
 {"title":"防汛检查通知","url":"/b.html"}]}
JSON
"$CLI" long.json --out long --combined long.combined.json --quiet 2> stderr.txt || fail "long segment: exit $?: $(cat stderr.txt)"
[ -s long.combined.json ] || fail "long segment: --combined not written"
python3 - <<'PY' || fail "long segment: file names"
import json, os
names = []
for root, dirs, files in os.walk("long"):
    for f in files:
        names.append(os.path.relpath(os.path.join(root, f), "long"))
        assert len(f.encode()) <= 255, f
names.sort()
assert len(names) == 3, names
assert "b.html.json" in names, names
long_names = [n for n in names if n.startswith("a/")]
assert len(set(long_names)) == 2, long_names              # no clash between the two
assert all(n.startswith("a/xxxxxxxxxx") for n in long_names), long_names
for n in names:
    feed = json.load(open(os.path.join("long", n), encoding="utf-8"))
    assert feed["ranked"] is True and feed["articles"], n
PY

# A file that cannot be written (here a directory is in its way) is reported,
# the other files and --combined are still written, and the exit status is 1.
mkdir -p blocked/b.html.json
set +e
"$CLI" long.json --out blocked --combined blocked.json --quiet 2> stderr.txt
status=$?
set -e
[ $status -eq 1 ] || fail "blocked file: exit $status, expected 1"
grep -q "cannot write blocked/b.html.json" stderr.txt || fail "blocked file not reported: $(cat stderr.txt)"
[ -s blocked.json ] || fail "blocked file: --combined not written"
[ "$(find blocked/a -name '*.json' | wc -l)" -eq 2 ] || fail "blocked file: other files not written"

# Two articles with the same URL: --combined stays valid JSON with unique keys.
cat > dup.json <<'JSON'
[{"title":"防汛工作通知","url":"/a.html"},{"title":"防汛工作通知（转载）","url":"/a.html"},
 {"title":"防汛检查","url":"/b.html"}]
JSON
"$CLI" dup.json --combined dup.out.json --quiet 2> stderr.txt || fail "dup.json: exit $?"
grep -q "1 articles repeat an earlier article's URL" stderr.txt || fail "repeated URL not reported: $(cat stderr.txt)"
python3 - <<'PY' || fail "duplicate keys in --combined"
import json
def unique(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), keys
    return dict(pairs)
related = json.load(open("dup.out.json", encoding="utf-8"), object_pairs_hook=unique)["related"]
assert sorted(related) == ["/a.html", "/b.html"], related
PY

# The progress bar (on a terminal only) ends with one 100 % line.
if command -v script > /dev/null; then
  "$CLI" --generate 20000 > progress.jsonl
  script -qec "'$CLI' progress.jsonl --combined progress.json" /dev/null > progress.txt
  [ "$(tr '\r' '\n' < progress.txt | grep -c '100%')" -eq 1 ] || fail "progress bar: $(tr '\r' '\n' < progress.txt | grep '100%')"
fi

# Hostile and bad input: bad articles are skipped with their id, a bad
# document is refused as a whole, bad usage exits 2.
cat > feed.json <<'JSON'
{"version":1,"articles":[
 {"title":"防汛工作通知","url":"/a.html"},
 {"title":"防汛检查","url":" JaVa\tScRiPt:alert(1)"},
 {"title":"防汛会议","url":"/c.html"}]}
JSON
"$CLI" feed.json --combined small.json --quiet 2> stderr.txt || fail "feed.json: exit $?"
grep -q "pw.related.bad_url_scheme" stderr.txt || fail "no bad_url_scheme report: $(cat stderr.txt)"
grep -q '"/c.html"' small.json || fail "valid articles lost: $(cat small.json)"
grep -q "alert" small.json && fail "javascript: URL written"
printf '{"articles":[' > broken.json
if "$CLI" broken.json --combined x.json --quiet 2> stderr.txt; then fail "broken.json accepted"; fi
grep -q "pw.related.not_json" stderr.txt || fail "no not_json report: $(cat stderr.txt)"
set +e
"$CLI" --top 0 feed.json --combined x.json 2> /dev/null
[ $? -eq 2 ] || fail "--top 0 should be a usage error"
"$CLI" feed.json 2> /dev/null
[ $? -eq 2 ] || fail "no output should be a usage error"
echo "cli test passed"
