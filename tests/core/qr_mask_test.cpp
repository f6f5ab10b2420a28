// choose_qr_mask must choose exactly the mask qrcodegen_Mask_AUTO chooses: the
// symbols are compared bit for bit over every version, every level and many
// texts (random bytes, numeric, alphanumeric, URLs, Chinese).
#include "core/qr_mask.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "qrcodegen.h"

namespace {

struct Encoded {
  bool ok = false;
  std::vector<uint8_t> qr;
};

Encoded encode(const std::string& text, qrcodegen_Ecc ecc, int min_version, int max_version, qrcodegen_Mask mask,
               bool boost) {
  std::vector<uint8_t> seg_buf(qrcodegen_calcSegmentBufferSize(qrcodegen_Mode_BYTE, text.size()) + 1);
  qrcodegen_Segment seg = qrcodegen_makeBytes(reinterpret_cast<const uint8_t*>(text.data()), text.size(), seg_buf.data());
  Encoded e;
  e.qr.assign(qrcodegen_BUFFER_LEN_MAX, 0);
  std::vector<uint8_t> temp(qrcodegen_BUFFER_LEN_MAX);
  e.ok = qrcodegen_encodeSegmentsAdvanced(&seg, 1, ecc, min_version, max_version, mask, boost, temp.data(), e.qr.data());
  return e;
}

// Compares the symbol with our mask choice against qrcodegen's own; returns the mask.
int check(const std::string& text, qrcodegen_Ecc ecc, int min_version = 1, int max_version = 40, bool boost = true) {
  const Encoded automatic = encode(text, ecc, min_version, max_version, qrcodegen_Mask_AUTO, boost);
  const Encoded zero = encode(text, ecc, min_version, max_version, qrcodegen_Mask_0, boost);
  EXPECT_EQ(automatic.ok, zero.ok);
  if (!automatic.ok) return -1;
  const int mask = pw::choose_qr_mask(zero.qr.data());
  EXPECT_GE(mask, 0);
  EXPECT_LE(mask, 7);
  const Encoded ours = encode(text, ecc, min_version, max_version, static_cast<qrcodegen_Mask>(mask), boost);
  const int size = qrcodegen_getSize(automatic.qr.data());
  EXPECT_EQ(qrcodegen_getSize(ours.qr.data()), size);
  bool same = true;
  for (int y = 0; y < size && same; ++y)
    for (int x = 0; x < size && same; ++x)
      same = qrcodegen_getModule(automatic.qr.data(), x, y) == qrcodegen_getModule(ours.qr.data(), x, y);
  EXPECT_TRUE(same) << "text of " << text.size() << " bytes, ecc " << int(ecc) << ", version "
                    << (size - 17) / 4 << ": mask " << mask << " gives a different symbol";
  return mask;
}

const qrcodegen_Ecc kLevels[] = {qrcodegen_Ecc_LOW, qrcodegen_Ecc_MEDIUM, qrcodegen_Ecc_QUARTILE, qrcodegen_Ecc_HIGH};

TEST(QrMask, SameSymbolAsQrcodegenAtEveryVersionAndLevel) {
  std::mt19937 rng(14);
  for (int version = 1; version <= 40; ++version) {
    for (qrcodegen_Ecc ecc : kLevels) {
      for (int round = 0; round < 3; ++round) {
        // A text that fits this version: 1 .. 40 bytes of random data.
        std::string text(1 + rng() % 40, '\0');
        for (char& c : text) c = char(rng());
        check(text, ecc, version, version, false);
      }
    }
  }
}

TEST(QrMask, SameSymbolAsQrcodegenOnManyTexts) {
  std::mt19937 rng(2026);
  std::vector<int> chosen(8, 0);
  const std::string chinese = "扫一扫在手机打开当前页关于做好森林防火工作的通知某某县人民政府";
  for (int i = 0; i < 400; ++i) {
    std::string text;
    const size_t length = 1 + rng() % (i < 340 ? 300 : 1200);
    switch (i % 4) {
      case 0: for (size_t k = 0; k < length; ++k) text += char(rng()); break;
      case 1: for (size_t k = 0; k < length; ++k) text += char('0' + rng() % 10); break;
      case 2: text = "https://www.example.gov.cn/art/2026/12/3/art_" + std::to_string(rng()) + ".html?id=";
              while (text.size() < length) text += char('a' + rng() % 26);
              break;
      default: while (text.size() < length) text += chinese.substr((rng() % (chinese.size() / 3)) * 3, 3);
    }
    const int mask = check(text, kLevels[rng() % 4]);
    if (mask >= 0) ++chosen[mask];
  }
  // The texts exercise every mask, so each scoring rule decides some choices.
  for (int mask = 0; mask < 8; ++mask) EXPECT_GT(chosen[mask], 0) << "mask " << mask << " never chosen";
}

}  // namespace
