// Errors cross every boundary as values, never as exceptions.
//
// `id` is stable and public (webmasters filter on it; tests assert it exactly):
// "pw.<area>.<what>", e.g. "pw.config.bad_lang". `source` names what was wrong
// (an attribute such as "data-lang", or a feed field such as "articles[3].url").
// `message` is one sentence for a human: the bad value and the expected form.
#pragma once

#include <string>
#include <vector>

namespace pw {

struct Error {
  std::string id;
  std::string source;
  std::string message;
};

using Errors = std::vector<Error>;

}  // namespace pw
