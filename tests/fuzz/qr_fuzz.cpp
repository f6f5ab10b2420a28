// QR encoding with its options (core/qr.h). Line 1 holds the options as
// "ecc min_version max_version quiet_zone boost" (ecc: L M Q H or any text,
// through parse_qr_ecc); the rest is the text to encode. Invariants: a code
// within the version range, at the requested level or above, of the right
// size; the hex matrix the share card receives gives the same modules back;
// the SVG path is made.
#include <algorithm>
#include <cstdlib>

#include "core/qr.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string_view> fields = pw::fuzz::lines(data, size, 2);
  std::vector<std::string_view> words = pw::fuzz::split(fields[0], ' ');
  words.resize(5);
  using pw::fuzz::number;
  pw::QrOptions options;
  pw::Error ecc_error;
  options.ecc = pw::parse_qr_ecc(words[0], pw::QrEcc::Medium, &ecc_error);
  // Versions above 20 only run the same loops longer; capped so a run stays
  // fast enough to try many inputs (the qr unit tests cover version 40).
  options.min_version = std::min(number(words[1], 1), 20);
  options.max_version = std::min(number(words[2], 40), 20);
  options.quiet_zone = number(words[3], 4);
  options.boost_ecc = words[4] != "0";
  const pw::QrResult result = pw::encode_qr(fields[1], options);
  if (!result.ok()) {
    if (result.error.message.empty()) pw::fuzz::fail("an encoding error without a message");
    return 0;
  }
  const pw::QrCode& code = result.code;
  if (code.version < options.min_version || code.version > options.max_version) pw::fuzz::fail("version outside the range");
  if (static_cast<int>(code.ecc) < static_cast<int>(options.ecc)) pw::fuzz::fail("a lower error correction level than asked");
  if (code.size != code.version * 4 + 17 || code.modules.size() != size_t(code.size) * size_t(code.size)) pw::fuzz::fail("wrong size");
  pw::Error matrix_error;
  const pw::QrCode back = pw::qr_code_from_matrix_hex(pw::qr_matrix_hex(code), code.version, &matrix_error);
  if (!matrix_error.id.empty() || back.modules != code.modules) pw::fuzz::fail("the hex matrix does not give the code back");
  if (pw::qr_svg_path(code).empty()) pw::fuzz::fail("an empty SVG path");
  // The PNG writer is not fed here: its input is this matrix, never page text,
  // and deflating every code would cost most of the run (tests/core/qr_test.cpp
  // decodes the PNGs it writes).
  return 0;
}
