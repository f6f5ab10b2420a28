// Choosing a QR code's mask pattern: the step that takes about 90 % of an
// encode when qrcodegen does it itself (qrcodegen_Mask_AUTO masks, scores and
// unmasks the whole symbol eight times, one module at a time). This scores the
// eight masks on a byte matrix with the same rules and the same tie-break, so
// the choice is always the one qrcodegen would make; qrcodegen still draws the
// symbol (core/qr.cpp encodes once with mask 0 to read the data modules, then
// once with the chosen mask).
#pragma once

#include <cstdint>

namespace pw {

/// The mask (0–7) qrcodegen_encodeSegmentsAdvanced would choose with
/// qrcodegen_Mask_AUTO for the symbol in `mask0`: a qrcodegen buffer holding the
/// same segments encoded with qrcodegen_Mask_0 (same version and error
/// correction level). The lowest penalty score (ISO/IEC 18004 §7.8.3, scored as
/// qrcodegen scores it) wins; of equal scores, the lowest mask number.
int choose_qr_mask(const uint8_t mask0[]);

}  // namespace pw
