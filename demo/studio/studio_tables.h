// Tables generated at build time by gen_tables.mjs (see there for their sources).
#pragma once

#include <cstddef>

#include "demo/studio/studio_model.h"

namespace pw::studio {

extern const AttributeSpec kAttributes[];
extern const std::size_t kAttributeCount;

struct WidgetString {
  const char* lang;  // "zh-Hans", "zh-Hant", "en"
  const char* key;   // "leave.message"
  const char* text;
};
extern const WidgetString kWidgetStrings[];
extern const std::size_t kWidgetStringCount;

}  // namespace pw::studio
