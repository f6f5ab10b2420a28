#!/bin/sh
# End-to-end test of pw-related: cli_test.sh <pw-related binary> <scratch dir>
set -eu
CLI=$1
DIR=$2
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
fail() { echo "FAIL: $*" >&2; exit 1; }

# --version prints the suite's one version (core/version.h, package.json).
version=$(sed -n 's/^#define PW_VERSION "\(.*\)"$/\1/p' "$(dirname "$0")/../../core/version.h")
[ "$("$CLI" --version)" = "pw-related $version" ] || fail "--version printed '$("$CLI" --version)', expected 'pw-related $version'"

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
# --assoc: the table alone, in the documented format; typhoon stories link 三防.
cat > site.jsonl <<'JSON'
{"title":"防御台风工作部署","url":"/1.html","summary":"县三防办部署防御措施。"}
{"title":"台风过境道路抢通","url":"/2.html","text":"三防指挥部调度抢修。道路恢复通行。"}
{"title":"台风影响期间转移群众","url":"/3.html","summary":"三防办连夜部署。"}
{"title":"春耕生产","url":"/4.html"}
{"title":"学校开学","url":"/5.html"}
{"title":"医保缴费","url":"/6.html"}
JSON
"$CLI" site.jsonl --assoc site.assoc --quiet --no-thesaurus || fail "--assoc exited $?"
head -1 site.assoc | grep -qx "pw-assoc 1" || fail "no header: $(cat site.assoc)"
grep -q "^台风	.*三防 [0-9]" site.assoc || fail "台风 not linked to 三防: $(cat site.assoc)"
[ ! -e site.assoc.tmp ] || fail "temporary table left behind"
grep -q "^=" site.assoc && fail "--no-thesaurus wrote a group: $(cat site.assoc)"
# The built-in thesaurus: the site's flood-defence terms form one group.
"$CLI" site.jsonl --assoc site.assoc --quiet || fail "--assoc with the thesaurus exited $?"
grep "^=flood	" site.assoc | grep "	台风 [0-9]" | grep -q "	三防 [0-9]" || fail "no flood group: $(cat site.assoc)"
# --thesaurus FILE adds domains (alone with --no-thesaurus); a bad file stops the run first.
printf '# our own\nschool: 开学 学校\nschool: 春耕\n' > mine.txt
"$CLI" site.jsonl --assoc mine.assoc --quiet --thesaurus mine.txt || fail "--thesaurus exited $?"
grep -q "^=school	" mine.assoc || fail "no school group: $(cat mine.assoc)"
grep -q "^=flood	" mine.assoc || fail "--thesaurus dropped the built-in domains: $(cat mine.assoc)"
"$CLI" site.jsonl --assoc mine.assoc --quiet --no-thesaurus --thesaurus mine.txt || fail "--no-thesaurus --thesaurus exited $?"
grep -q "^=flood	" mine.assoc && fail "--no-thesaurus kept the built-in domains: $(cat mine.assoc)"
grep -q "^=school	" mine.assoc || fail "no school group alone: $(cat mine.assoc)"
printf 'flood: 防汛 三防\nflood: 台风5\n' > bad.txt
if "$CLI" site.jsonl --assoc bad.assoc --combined bad.json --thesaurus bad.txt 2> stderr.txt; then fail "bad thesaurus accepted"; fi
grep -q 'bad.txt, line 2: has "台风5"; expected terms of 2–4 Han characters' stderr.txt || fail "no line in the error: $(cat stderr.txt)"
grep -q "pw.related.bad_thesaurus" stderr.txt || fail "no bad_thesaurus id: $(cat stderr.txt)"
[ ! -e bad.assoc ] && [ ! -e bad.json ] || fail "something was written with a bad thesaurus"
if "$CLI" site.jsonl --assoc bad.assoc --thesaurus no-such.txt 2> stderr.txt; then fail "missing thesaurus accepted"; fi
grep -q "cannot read no-such.txt" stderr.txt || fail "no read error: $(cat stderr.txt)"
# A table that cannot be written: exit 1, nothing (half-)written there.
if "$CLI" site.jsonl --assoc no/such/dir/site.assoc --quiet 2> stderr.txt; then fail "unwritable --assoc accepted"; fi
grep -q "cannot write no/such/dir/site.assoc" stderr.txt || fail "no write error: $(cat stderr.txt)"
[ ! -e no ] || fail "something was written for an unwritable table"
set +e
"$CLI" --top 0 feed.json --combined x.json 2> /dev/null
[ $? -eq 2 ] || fail "--top 0 should be a usage error"
"$CLI" feed.json 2> /dev/null
[ $? -eq 2 ] || fail "no output should be a usage error"
"$CLI" feed.json --combined x.json --encoding latin1 2> stderr.txt
[ $? -eq 2 ] || fail "--encoding latin1 should be a usage error"
grep -q "expected utf-8, gbk or gb18030" stderr.txt || fail "--encoding error: $(cat stderr.txt)"
set -e

# ------------------------------------------------ encodings (--encoding) ----
# A CMS's GBK export reads as its UTF-8 original does: same lists, byte for byte.
cat > site.jsonl <<'JSON'
{"title":"关于做好2022年防汛工作的通知","url":"/art/1.html","date":"2022-06-18","keywords":["防汛"]}
{"title":"县防汛抗旱指挥部召开防汛工作会议","url":"/art/2.html","date":"2022-06-17 09:30"}
{"title":"防汛物资储备情况公示","url":"/art/3.html","date":"2022-06-01"}
{"title":"<script>alert(1)</script> & \"防汛\" 'x' 应急演练","url":"/art/4.html?a=1&b=\"2\"","date":"2022-05-20"}
{"title":"防汛宣传 \ud83d\ude00 进社区","url":"/art/5.html","date":"2022-05-10"}
JSON
iconv -f utf-8 -t gbk site.jsonl > site.gbk.jsonl
cmp -s site.jsonl site.gbk.jsonl && fail "iconv wrote no GBK"
iconv -f utf-8 -t gb18030 site.jsonl > site.gb18030.body
printf '\204\061\225\063' | cat - site.gb18030.body > site.gb18030.jsonl   # GB18030's byte order mark, U+FEFF
"$CLI" site.jsonl --today 2022-06-18 --combined utf8.json --out utf8 --html utf8.html --quiet || fail "utf-8 site: exit $?"
"$CLI" site.gbk.jsonl --encoding gbk --today 2022-06-18 --combined gbk.json --out gbk --html gbk.html --quiet 2> stderr.txt \
  || fail "GBK site: exit $?: $(cat stderr.txt)"
"$CLI" site.gb18030.jsonl --encoding GB18030 --today 2022-06-18 --combined gb18030.json --html gb18030.html --quiet 2> stderr.txt \
  || fail "GB18030 site with a BOM: exit $?: $(cat stderr.txt)"
cmp -s utf8.json gbk.json || fail "the GBK export gave other lists than its UTF-8 original"
cmp -s utf8.json gb18030.json || fail "the GB18030 export (with a BOM) gave other lists than its UTF-8 original"
diff -r utf8 gbk > /dev/null || fail "--out differs between the UTF-8 and the GBK input"

# --html: one marked, escaped <ul> per article, named as --out names its files,
# in the order --out lists, written in the input's encoding (GBK: characters it
# cannot represent become character references; UTF-8 and GB18030: as they are).
python3 - <<'PY' || fail "--html fragments"
import json, os
from html.parser import HTMLParser

class Fragment(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.items, self.text, self.where = [], [], None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "li":
            self.items.append({"cls": a.get("class")})
        elif tag == "a":
            self.items[-1].update(url=a["href"], link_cls=a.get("class"), title="")
            self.where = "title"
        elif tag == "time":
            self.items[-1].update(datetime=a["datetime"], date_cls=a.get("class"), date="")
            self.where = "date"
    def handle_endtag(self, tag):
        if tag in ("a", "time"):
            self.where = None
    def handle_data(self, data):
        if self.where:
            self.items[-1][self.where] += data

def parse(path, encoding):
    raw = open(path, "rb").read()
    p = Fragment()
    p.feed(raw.decode(encoding))
    return p, raw

def files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)

articles = {json.loads(l)["url"]: json.loads(l) for l in open("site.jsonl", encoding="utf-8")}
feeds = files("utf8")
assert len(feeds) == 5 and "art/4.html_a_1_b__2_.json" in feeds, feeds   # the query is part of the name
for root, encoding in (("utf8.html", "utf-8"), ("gbk.html", "gbk"), ("gb18030.html", "gb18030")):
    assert files(root) == [f[:-len(".json")] + ".html" for f in feeds], (root, files(root))
    for name in feeds:
        p, raw = parse(os.path.join(root, name[:-len(".json")] + ".html"), encoding)
        tag, attrs = p.tags[0]
        assert tag == "ul" and attrs == {"class": "pw-related-list", "data-pw-ranked": None}, p.tags[0]
        assert [t for t, _ in p.tags] == ["ul"] + ["li", "a", "time"] * len(p.items), p.tags   # no markup from titles
        feed = json.load(open(os.path.join("utf8", name), encoding="utf-8"))["articles"]
        assert [i["url"] for i in p.items] == [a["url"] for a in feed], (root, k)
        for item, a in zip(p.items, feed):
            assert item["title"] == articles[a["url"]]["title"] == a["title"], (item, a)
            assert item["url"] == a["url"], (item, a)
            assert item["date"] == a["date"][:10] and item["datetime"] == a["date"].replace(" ", "T"), item
            assert (item["cls"], item["link_cls"], item["date_cls"]) == ("pw-related-item", "pw-related-link", "pw-related-date")
        if encoding == "gbk" and any("\U0001F600" in i["title"] for i in p.items):
            assert b"&#x1F600;" in raw, raw
        if encoding != "gbk":
            assert b"&#x" not in raw, raw
print("html fragments ok")
PY

# Input that does not decode: the line and byte offset, the id, exit 1, and
# nothing written (no file, no folder, no temporary file).
printf '{"title":"防汛","url":"/a.html"}\n{"title":"应急' | iconv -f utf-8 -t gbk > bad.gbk.jsonl
printf '\201"}\n' >> bad.gbk.jsonl            # a GBK lead byte before a quote
printf '\267' | cat site.gbk.jsonl - > cut.gbk.jsonl   # ends inside a character
for input in bad.gbk.jsonl cut.gbk.jsonl; do
  set +e
  "$CLI" $input --encoding gbk --out bad.out --html bad.html --combined bad.json --quiet 2> stderr.txt
  status=$?
  set -e
  [ $status -eq 1 ] || fail "$input: exit $status, expected 1"
  grep -q "pw.related.bad_charset" stderr.txt || fail "$input: no bad_charset: $(cat stderr.txt)"
  [ ! -e bad.out ] && [ ! -e bad.html ] && [ ! -e bad.json ] || fail "$input: something was written"
  ls | grep -q 'tmp~' && fail "$input: a temporary file was left"
  cp stderr.txt $input.err
done
grep -q "the bytes 0x81 0x22 at line 2, byte 47 (byte 14 of the line) are not gbk" bad.gbk.jsonl.err \
  || fail "bad GBK: $(cat bad.gbk.jsonl.err)"
size=$(wc -c < site.gbk.jsonl)
lines=$(wc -l < site.gbk.jsonl)
grep -q "the input ends inside a gbk character, 0xB7 at line $((lines + 1)), byte $size (byte 0 of the line); expected whole gbk characters" cut.gbk.jsonl.err \
  || fail "cut GBK: $(cat cut.gbk.jsonl.err)"
# A GBK export read as UTF-8 (no --encoding): the core's not_utf8, and a hint.
set +e
"$CLI" site.gbk.jsonl --combined x.json --quiet 2> stderr.txt
status=$?
set -e
[ $status -eq 1 ] || fail "GBK as UTF-8: exit $status"
grep -q "pw.related.not_utf8" stderr.txt && grep -q "with --encoding gbk" stderr.txt || fail "GBK as UTF-8: $(cat stderr.txt)"

# --html beside --out: the same long-name rule, and a file that cannot be
# written is reported while the others are written; no temporary file is left.
"$CLI" long.json --html long.html --quiet || fail "long segment --html: exit $?"
[ "$(cd long && find . -type f | sed 's/\.json$//' | sort)" = "$(cd long.html && find . -type f | sed 's/\.html$//' | sort)" ] \
  || fail "--html names differ from --out names"
mkdir -p blocked.html/b.html.html
set +e
"$CLI" long.json --html blocked.html --quiet 2> stderr.txt
status=$?
set -e
[ $status -eq 1 ] || fail "blocked --html: exit $status"
grep -q "cannot write blocked.html/b.html.html" stderr.txt || fail "blocked --html not reported: $(cat stderr.txt)"
[ "$(find blocked.html/a -name '*.html' | wc -l)" -eq 2 ] || fail "blocked --html: other files not written"
[ -z "$(find . -name '*tmp~*')" ] || fail "temporary files left: $(find . -name '*tmp~*')"

echo "cli test passed"
