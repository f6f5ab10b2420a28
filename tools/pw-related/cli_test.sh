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
