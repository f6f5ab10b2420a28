#include "core/qr_mask.h"

#include <cstdlib>
#include <vector>

#include "qrcodegen.h"

namespace pw {
namespace {

// qrcodegen's penalty weights (qrcodegen.c, PENALTY_N1..N4).
constexpr long kN1 = 3, kN2 = 3, kN3 = 40, kN4 = 10;

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

// Function modules (finders, separators, timing, alignment, format and version
// areas, as qrcodegen's initializeFunctionModules marks them): 1, data: 0.
std::vector<uint8_t> function_modules(int version) {
  const int size = version * 4 + 17;
  std::vector<uint8_t> f(size_t(size) * size, 0);
  auto fill = [&](int left, int top, int width, int height) {
    for (int y = top; y < top + height; ++y)
      for (int x = left; x < left + width; ++x) f[size_t(y) * size + x] = 1;
  };
  fill(6, 0, 1, size);
  fill(0, 6, size, 1);
  fill(0, 0, 9, 9);
  fill(size - 8, 0, 8, 9);
  fill(0, size - 8, 9, 8);
  int pos[7];
  const int n = alignment_positions(version, pos);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (!((i == 0 && j == 0) || (i == 0 && j == n - 1) || (i == n - 1 && j == 0)))
        fill(pos[i] - 2, pos[j] - 2, 5, 5);
  if (version >= 7) {
    fill(size - 11, 0, 3, 6);
    fill(0, size - 11, 6, 3);
  }
  return f;
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

// The 15 format bits for a level (qrcodegen's table order) and mask, and where
// each is drawn (qrcodegen's drawFormatBits): both copies.
int format_bits(int ecl_bits, int mask) {
  const int data = ecl_bits << 3 | mask;
  int rem = data;
  for (int i = 0; i < 10; ++i) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
  return (data << 10 | rem) ^ 0x5412;
}

void draw_format(uint8_t* m, int size, int bits) {
  auto set = [&](int x, int y, int i) { m[size_t(y) * size + x] = (bits >> i) & 1; };
  for (int i = 0; i <= 5; ++i) set(8, i, i);
  set(8, 7, 6);
  set(8, 8, 7);
  set(7, 8, 8);
  for (int i = 9; i < 15; ++i) set(14 - i, 8, i);
  for (int i = 0; i < 8; ++i) set(size - 1 - i, 8, i);
  for (int i = 8; i < 15; ++i) set(8, size - 15 + i, i);
}

// qrcodegen's finder-like pattern count over a run history (finderPenaltyCountPatterns).
inline int count_patterns(const int h[7]) {
  const int n = h[1];
  const bool core = n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n;
  return (core && h[0] >= n * 4 && h[6] >= n ? 1 : 0) + (core && h[6] >= n * 4 && h[0] >= n ? 1 : 0);
}

inline void add_history(int run, int h[7], int size) {
  if (h[0] == 0) run += size;  // light border before the first run
  for (int i = 6; i > 0; --i) h[i] = h[i - 1];
  h[0] = run;
}

// N1 and N3 along one line of modules (`step` apart), as qrcodegen scores a row
// or a column.
long line_penalty(const uint8_t* line, int step, int size) {
  long result = 0;
  bool color = false;
  int run = 0;
  int h[7] = {0, 0, 0, 0, 0, 0, 0};
  for (int i = 0; i < size; ++i) {
    const bool c = line[size_t(i) * step] != 0;
    if (c == color) {
      ++run;
      if (run == 5) result += kN1;
      else if (run > 5) ++result;
    } else {
      add_history(run, h, size);
      if (!color) result += count_patterns(h) * kN3;
      color = c;
      run = 1;
    }
  }
  if (color) {  // terminate a dark run, then the light border
    add_history(run, h, size);
    run = 0;
  }
  add_history(run + size, h, size);
  return result + count_patterns(h) * kN3;
}

long penalty(const uint8_t* m, int size) {
  long result = 0;
  for (int y = 0; y < size; ++y) result += line_penalty(m + size_t(y) * size, 1, size);
  for (int x = 0; x < size; ++x) result += line_penalty(m + x, size, size);
  long dark = 0;
  for (int y = 0; y < size; ++y) {
    const uint8_t* row = m + size_t(y) * size;
    for (int x = 0; x < size; ++x) dark += row[x];
    if (y == size - 1) break;
    const uint8_t* next = row + size;
    for (int x = 0; x < size - 1; ++x) {
      const uint8_t c = row[x];
      if (c == row[x + 1] && c == next[x] && c == next[x + 1]) result += kN2;
    }
  }
  const long total = long(size) * size;
  const long k = (std::labs(dark * 20L - total * 10L) + total - 1) / total - 1;
  return result + k * kN4;
}

}  // namespace

int choose_qr_mask(const uint8_t mask0[]) {
  const int size = qrcodegen_getSize(mask0);
  const int version = (size - 17) / 4;
  const std::vector<uint8_t> function = function_modules(version);
  // The symbol unmasked: data modules XOR mask 0; function modules as drawn.
  std::vector<uint8_t> plain(size_t(size) * size);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const size_t i = size_t(y) * size + x;
      const bool dark = qrcodegen_getModule(mask0, x, y);
      plain[i] = uint8_t(function[i] ? dark : dark != mask_bit(0, x, y));
    }
  // The level's bits, read back from the format bits drawn with mask 0.
  int bits = 0;
  for (int i = 0; i <= 5; ++i) bits |= qrcodegen_getModule(mask0, 8, i) << i;
  bits |= qrcodegen_getModule(mask0, 8, 7) << 6;
  bits |= qrcodegen_getModule(mask0, 8, 8) << 7;
  bits |= qrcodegen_getModule(mask0, 7, 8) << 8;
  for (int i = 9; i < 15; ++i) bits |= qrcodegen_getModule(mask0, 14 - i, 8) << i;
  const int ecl_bits = ((bits ^ 0x5412) >> 13) & 3;

  std::vector<uint8_t> m(plain.size());
  int best = 0;
  long best_score = 0;
  for (int mask = 0; mask < 8; ++mask) {
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        const size_t i = size_t(y) * size + x;
        m[i] = uint8_t(function[i] ? plain[i] : plain[i] ^ uint8_t(mask_bit(mask, x, y)));
      }
    draw_format(m.data(), size, format_bits(ecl_bits, mask));
    const long score = penalty(m.data(), size);
    if (mask == 0 || score < best_score) {
      best = mask;
      best_score = score;
    }
  }
  return best;
}

}  // namespace pw
