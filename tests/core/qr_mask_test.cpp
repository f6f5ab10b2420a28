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

Encoded encode(const std::vector<qrcodegen_Segment>& segs, qrcodegen_Ecc ecc, int min_version, int max_version,
               qrcodegen_Mask mask, bool boost) {
  Encoded e;
  e.qr.assign(qrcodegen_BUFFER_LEN_MAX, 0);
  std::vector<uint8_t> temp(qrcodegen_BUFFER_LEN_MAX);
  e.ok = qrcodegen_encodeSegmentsAdvanced(segs.data(), segs.size(), ecc, min_version, max_version, mask, boost,
                                          temp.data(), e.qr.data());
  return e;
}

// Compares the symbol with our mask choice against qrcodegen's own; returns the mask.
int check_segments(const std::vector<qrcodegen_Segment>& segs, size_t bytes, qrcodegen_Ecc ecc, int min_version = 1,
                   int max_version = 40, bool boost = true) {
  const Encoded automatic = encode(segs, ecc, min_version, max_version, qrcodegen_Mask_AUTO, boost);
  const Encoded zero = encode(segs, ecc, min_version, max_version, qrcodegen_Mask_0, boost);
  EXPECT_EQ(automatic.ok, zero.ok);
  if (!automatic.ok) return -1;
  const int mask = pw::choose_qr_mask(zero.qr.data());
  EXPECT_GE(mask, 0);
  EXPECT_LE(mask, 7);
  const Encoded ours = encode(segs, ecc, min_version, max_version, static_cast<qrcodegen_Mask>(mask), boost);
  const int size = qrcodegen_getSize(automatic.qr.data());
  EXPECT_EQ(qrcodegen_getSize(ours.qr.data()), size);
  bool same = true;
  for (int y = 0; y < size && same; ++y)
    for (int x = 0; x < size && same; ++x)
      same = qrcodegen_getModule(automatic.qr.data(), x, y) == qrcodegen_getModule(ours.qr.data(), x, y);
  EXPECT_TRUE(same) << "text of " << bytes << " bytes, ecc " << int(ecc) << ", version "
                    << (size - 17) / 4 << ": mask " << mask << " gives a different symbol";
  return mask;
}

// The same for `text` as one byte segment.
int check(const std::string& text, qrcodegen_Ecc ecc, int min_version = 1, int max_version = 40, bool boost = true) {
  std::vector<uint8_t> seg_buf(qrcodegen_calcSegmentBufferSize(qrcodegen_Mode_BYTE, text.size()) + 1);
  const qrcodegen_Segment seg =
      qrcodegen_makeBytes(reinterpret_cast<const uint8_t*>(text.data()), text.size(), seg_buf.data());
  return check_segments({seg}, text.size(), ecc, min_version, max_version, boost);
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

// The inputs of make bench's QR tables (tests/bench/bench.mjs), segmented as
// core/qr.cpp's encode_qr segments them at error correction M: the URLs as one
// byte segment, the Chinese text behind a UTF-8 ECI.
TEST(QrMask, SameSymbolAsQrcodegenOnTheBenchInputs) {
  const std::string long_url =
      ("https://www.example.gov.cn/col/col1229/index.html?uid=4011&pageNum=2&keywords=%E6%A3%AE%E6%9E%97%E9%98%B2%E7%81%AB"
       "&source=wechat&utm_campaign=" + std::string(300, 'x')).substr(0, 300);
  EXPECT_GE(check("https://www.example.gov.cn/art/2025/6/18/art_1229_3501.html", qrcodegen_Ecc_MEDIUM), 0);
  EXPECT_GE(check(long_url, qrcodegen_Ecc_MEDIUM), 0);
  const std::string chinese =
      "扫一扫在手机打开当前页：某某县人民政府关于做好2025年秋冬季森林防火工作的通知（县政府办公室，2025年6月30日）";
  uint8_t eci_buf[4];
  std::vector<uint8_t> seg_buf(qrcodegen_calcSegmentBufferSize(qrcodegen_Mode_BYTE, chinese.size()));
  const std::vector<qrcodegen_Segment> segs = {
      qrcodegen_makeEci(26, eci_buf),
      qrcodegen_makeBytes(reinterpret_cast<const uint8_t*>(chinese.data()), chinese.size(), seg_buf.data())};
  EXPECT_GE(check_segments(segs, chinese.size(), qrcodegen_Ecc_MEDIUM), 0);
}

}  // namespace
