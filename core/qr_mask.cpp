#include "core/qr_mask.h"

#include <cstdlib>
#include <memory>

#include "qrcodegen.h"

// The symbol is held as bit rows (bit x of row y is module (x, y), 64 modules
// to a word) and as bit columns, so that scoring one mask costs a few word
// operations per line instead of a few operations per module:
//   - masking: line ^= pattern & data modules, a word at a time (every mask
//     pattern repeats every 12 modules along both axes);
//   - N1 (runs of five or more) and N2 (2×2 blocks): across lines, 64 of them
//     per operation (the N1 of the rows is counted across the columns);
//   - N3 (finder-like patterns): run lengths from the colour changes of a line
//     (count trailing zeros), through qrcodegen's run history;
//   - N4 (balance): population counts.
// A mask is dropped as soon as its partial score reaches the best so far
// (every term is non-negative, and of equal scores the lower mask wins).
namespace pw {
namespace {

// qrcodegen's penalty weights (qrcodegen.c, PENALTY_N1..N4).
constexpr long kN1 = 3, kN2 = 3, kN3 = 40, kN4 = 10;

using Word = uint64_t;

// The bits of word w of a line that lie below position `width`.
inline Word below(int width, int w) {
  const int n = width - w * 64;
  return n >= 64 ? ~Word(0) : n <= 0 ? 0 : (Word(1) << n) - 1;
}

// Sets module (x, y) of a bit matrix of `words` words per line to `dark`.
inline void put(Word* m, int words, int x, int y, bool dark) {
  Word& w = m[size_t(y) * words + (x >> 6)];
  const Word bit = Word(1) << (x & 63);
  w = dark ? w | bit : w & ~bit;
}

// The ordered positions of the alignment patterns' centres (qrcodegen's
// getAlignmentPatternPositions).
int alignment_positions(int version, int out[7]) {
  if (version == 1) return 0;
  const int count = version / 7 + 2;
  const int step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
  for (int i = count - 1, pos = version * 4 + 10; i >= 1; --i, pos -= step) out[i] = pos;
  out[0] = 6;
  return count;
}

bool mask_bit(int mask, int x, int y) {
  switch (mask) {
    case 0: return (x + y) % 2 == 0;
    case 1: return y % 2 == 0;
    case 2: return x % 3 == 0;
    case 3: return (x + y) % 3 == 0;
    case 4: return (x / 3 + y / 2) % 2 == 0;
    case 5: return x * y % 2 + x * y % 3 == 0;
    case 6: return (x * y % 2 + x * y % 3) % 2 == 0;
    default: return ((x + y) % 2 + x * y % 3) % 2 == 0;
  }
}

// Where format bit i (0–14) is drawn (qrcodegen's drawFormatBits): the copy
// around the top left finder, or (`second`) the one split between the others.
void format_module(int size, int i, bool second, int& x, int& y) {
  if (second) {
    x = i < 8 ? size - 1 - i : 8;
    y = i < 8 ? 8 : size - 15 + i;
  } else {
    x = i < 8 ? 8 : i == 8 ? 7 : 14 - i;
    y = i < 6 ? i : i < 8 ? i + 1 : 8;
  }
}

// N1 of the lines that cross the lines of `m` (its columns, for a matrix of
// rows): at each bit position, the runs down the lines. A run of L ≥ 5 modules
// scores kN1 + (L - 5): one for each module that continues a run of five or
// more (f below: L - 4 of them), plus kN1 - 1 where such a stretch starts.
// Bit positions beyond the symbol's width are light in every line: each is
// one run of `size` modules, taken off at the end.
long cross_n1(const Word* m, int words, int size) {
  long continued = 0, started = 0;
  for (int w = 0; w < words; ++w) {
    Word e1 = 0, e2 = 0, e3 = 0, f_before = 0;  // e: the same colour as in the line before
    for (int y = 1; y < size; ++y) {
      const Word e = ~(m[size_t(y) * words + w] ^ m[size_t(y - 1) * words + w]);
      const Word f = e & e1 & e2 & e3;
      continued += __builtin_popcountll(f);
      started += __builtin_popcountll(f & ~f_before);
      e3 = e2, e2 = e1, e1 = e, f_before = f;
    }
  }
  const long outside = long(words) * 64 - size;
  return continued - outside * (size - 4) + (kN1 - 1) * (started - outside);
}

// N2: 2×2 blocks of one colour, from the rows (block corners x ≤ size - 2).
long n2_blocks(const Word* rows, int words, int size) {
  long count = 0;
  for (int y = 0; y + 1 < size; ++y) {
    const Word* a = rows + size_t(y) * words;
    const Word* b = a + words;
    for (int w = 0; w < words; ++w) {
      const bool last = w + 1 == words;
      const Word a1 = (a[w] >> 1) | (last ? 0 : a[w + 1] << 63);  // module x + 1
      const Word b1 = (b[w] >> 1) | (last ? 0 : b[w + 1] << 63);
      count += __builtin_popcountll(~(a[w] ^ b[w]) & ~(a[w] ^ a1) & ~(b[w] ^ b1) & below(size - 1, w));
    }
  }
  return count * kN2;
}

// N3 along one line of `size` modules, counted as qrcodegen's row and column
// loops count it: a history of the last seven runs (finderPenaltyAddHistory:
// the first run gets the light border before the line, the last light run the
// border after it), patterns counted each time a light run ends
// (finderPenaltyCountPatterns).
long line_finders(const Word* line, int words, int size) {
  int h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0;  // h0: the run that just ended
  long count = 0;
  bool dark = false;  // the colour of the current run: the line starts light
  int start = 0, border = size;
  Word carry = 0;  // the last module of the word before
  for (int w = 0; w < words; ++w) {
    const Word v = line[w];
    Word changes = (v ^ ((v << 1) | carry)) & below(size, w);  // bit x: module x differs from module x - 1
    carry = v >> 63;
    while (changes) {
      const int x = w * 64 + __builtin_ctzll(changes);
      changes &= changes - 1;
      h6 = h5, h5 = h4, h4 = h3, h3 = h2, h2 = h1, h1 = h0;
      h0 = x - start + border;
      border = 0;
      if (!dark && h1 > 0 && h2 == h1 && h3 == h1 * 3 && h4 == h1 && h5 == h1)
        count += (h0 >= h1 * 4 && h6 >= h1) + (h6 >= h1 * 4 && h0 >= h1);
      dark = !dark;
      start = x;
    }
  }
  int run = size - start;
  if (dark) {  // the line ends dark: that run ends, then the light border's
    h6 = h5, h5 = h4, h4 = h3, h3 = h2, h2 = h1, h1 = h0;
    h0 = run + border;
    border = 0;
    run = 0;
  }
  h6 = h5, h5 = h4, h4 = h3, h3 = h2, h2 = h1, h1 = h0;
  h0 = run + size + border;  // the last light run and the border after the line
  if (h1 > 0 && h2 == h1 && h3 == h1 * 3 && h4 == h1 && h5 == h1)
    count += (h0 >= h1 * 4 && h6 >= h1) + (h6 >= h1 * 4 && h0 >= h1);
  return count * kN3;
}

}  // namespace

int choose_qr_mask(const uint8_t mask0[]) {
  const int size = qrcodegen_getSize(mask0);
  const int version = (size - 17) / 4;
  const int words = (size + 63) / 64;
  const size_t matrix = size_t(size) * words;
  // The data modules; the symbol as drawn with mask 0, as rows and as columns;
  // the symbol with the mask being scored, as rows and as columns; 24 lines of
  // pattern (12 for rows, 12 for columns).
  std::unique_ptr<Word[]> store(new Word[5 * matrix + 24 * size_t(words)]());
  Word* const data = store.get();
  Word* const drawn = data + matrix;
  Word* const drawn_columns = drawn + matrix;
  Word* const rows = drawn_columns + matrix;
  Word* const columns = rows + matrix;
  Word* const pattern = columns + matrix;

  // Data modules: everything but the function modules (timing, finders with
  // their separators and format areas, version areas, alignment patterns), as
  // qrcodegen's initializeFunctionModules marks them. They are symmetric about
  // the diagonal: the same bits serve the columns.
  for (int y = 0; y < size; ++y)
    for (int w = 0; w < words; ++w)
      data[size_t(y) * words + w] = below(size, w);
  int rects[4 * (7 + 46)] = {6, 0, 1, size, 0, 6, size, 1, 0, 0, 9, 9, size - 8, 0, 8, 9, 0, size - 8, 9, 8,
                             size - 11, 0, version >= 7 ? 3 : 0, 6, 0, size - 11, 6, version >= 7 ? 3 : 0};
  int count = 7;
  int pos[7];
  const int n = alignment_positions(version, pos);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (!((i == 0 && j == 0) || (i == 0 && j == n - 1) || (i == n - 1 && j == 0))) {
        int* r = rects + 4 * count++;
        r[0] = pos[i] - 2, r[1] = pos[j] - 2, r[2] = 5, r[3] = 5;
      }
  for (const int* r = rects; r < rects + 4 * count; r += 4)
    for (int y = r[1]; y < r[1] + r[3]; ++y)
      for (int x = r[0]; x < r[0] + r[2]; ++x) put(data, words, x, y, false);

  // qrcodegen's buffer: module (x, y) is bit y * size + x after the size byte,
  // least significant bit first. Rows a word at a time, then the columns from
  // the dark modules of the rows.
  const size_t nbytes = (size_t(size) * size + 7) / 8;
  for (int y = 0; y < size; ++y)
    for (int w = 0; w < words; ++w) {
      const size_t bit = size_t(y) * size + size_t(w) * 64, b = bit >> 3;
      Word v = 0;
      for (size_t i = 0; i < 9 && b + i < nbytes; ++i) {
        const int at = int(i * 8) - int(bit & 7);
        v |= at < 0 ? Word(mask0[1 + b + i]) >> -at : at < 64 ? Word(mask0[1 + b + i]) << at : 0;
      }
      for (Word v_dark = drawn[size_t(y) * words + w] = v & below(size, w); v_dark; v_dark &= v_dark - 1)
        put(drawn_columns, words, y, w * 64 + __builtin_ctzll(v_dark), true);
    }
  // The level's bits, read back from the format bits drawn with mask 0.
  int format0 = 0;
  for (int i = 0; i < 15; ++i) {
    int x, y;
    format_module(size, i, false, x, y);
    format0 |= qrcodegen_getModule(mask0, x, y) << i;
  }
  const int ecl_bits = ((format0 ^ 0x5412) >> 13) & 3;

  const long total = long(size) * size;
  int best = 0;
  long best_score = 0;
  for (int mask = 0; mask < 8; ++mask) {
    // Lines 0–11: where mask `mask` differs from mask 0 along a row of phase
    // 0–11 (y mod 12); lines 12–23: along a column (x mod 12). The pattern at
    // positions 0–11, repeated across the words.
    for (int line = 0; line < 24; ++line) {
      Word p = 0;
      for (int i = 0; i < 12; ++i) {
        const int x = line < 12 ? i : line - 12, y = line < 12 ? line : i;
        p |= Word(mask_bit(mask, x, y) != mask_bit(0, x, y)) << i;
      }
      for (int w = 0; w < words; ++w) {
        const int shift = (w * 64) % 12;  // the pattern's phase at the word's first bit
        const Word rotated = ((p >> shift) | (p << (12 - shift))) & 0xFFF;
        Word repeated = 0;
        for (int i = 0; i < 64; i += 12) repeated |= rotated << i;
        pattern[size_t(line) * words + w] = repeated;
      }
    }
    for (int i = 0, phase = 0; i < size; ++i, phase = phase == 11 ? 0 : phase + 1)
      for (int w = 0; w < words; ++w) {
        const size_t at = size_t(i) * words + w;
        rows[at] = drawn[at] ^ (pattern[size_t(phase) * words + w] & data[at]);
        columns[at] = drawn_columns[at] ^ (pattern[size_t(phase + 12) * words + w] & data[at]);
      }
    const int r = (ecl_bits << 3 | mask) << 10;  // the format bits: BCH code of level and mask
    int rem = r;
    for (int i = 14; i >= 10; --i)
      if ((rem >> i) & 1) rem ^= 0x537 << (i - 10);
    const int format = (r | rem) ^ 0x5412;
    for (int i = 0; i < 30; ++i) {
      int x, y;
      format_module(size, i % 15, i >= 15, x, y);
      const bool dark = (format >> (i % 15)) & 1;
      put(rows, words, x, y, dark);
      put(columns, words, y, x, dark);
    }

    long dark = 0;
    for (size_t i = 0; i < matrix; ++i) dark += __builtin_popcountll(rows[i]);
    const long k = (std::labs(dark * 20L - total * 10L) + total - 1) / total - 1;
    long score = k * kN4 + n2_blocks(rows, words, size) + cross_n1(rows, words, size) + cross_n1(columns, words, size);
    // N3 last, line by line, while this mask can still win.
    for (int i = 0; i < 2 * size && (mask == 0 || score < best_score); ++i)
      score += line_finders((i < size ? rows : columns - matrix) + size_t(i) * words, words, size);
    if (mask == 0 || score < best_score) {
      best = mask;
      best_score = score;
    }
  }
  return best;
}

}  // namespace pw
