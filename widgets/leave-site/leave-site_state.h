// The leave-site configuration of this page, shared by the core module's two
// binding files: web/core_exports.cpp sets it once while resolving the script
// tag's configuration (pw_config_resolve), widgets/leave-site/leave-site_exports.cpp
// classifies links against it.
#pragma once

#include "core/leave_site.h"

namespace pw::bind {

/// The page's leave-site configuration (defaults until pw_config_resolve runs).
LeaveConfig& leave_config();

/// "dialog", "mark" or "off".
const char* leave_mode_id(LeaveMode mode);

}  // namespace pw::bind
