#include "core/tokenize.h"

#include "core/utf8.h"

namespace pw {
namespace {

constexpr size_t kMaxTokenBytes = 64;

void push_token(std::vector<std::string>& tokens, std::string&& token) {
  if (token.size() > kMaxTokenBytes) {
    size_t cut = kMaxTokenBytes;
    while (cut > 0 && (static_cast<unsigned char>(token[cut]) & 0xC0) == 0x80) --cut;
    token.resize(cut);
  }
  tokens.push_back(std::move(token));
}

}  // namespace

uint32_t fold_code_point(uint32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII forms
  if (cp == 0x3000) return ' ';
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;  // Latin-1 capitals
  return cp;
}

bool is_bigram_script(uint32_t cp) {
  return is_han(cp) || (cp >= 0x3040 && cp <= 0x30FF) ||  // hiragana, katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||                 // katakana extensions
         (cp >= 0xAC00 && cp <= 0xD7A3);                   // Hangul syllables
}

bool is_word_char(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||  // Latin
         (cp >= 0x386 && cp <= 0x3FF) ||                              // Greek
         (cp >= 0x400 && cp <= 0x4FF);                                // Cyrillic
}

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string word;
  uint32_t prev_bigram = 0;  // previous bigram-script code point in the current run
  bool run_has_pair = false;
  auto end_run = [&]() {
    if (prev_bigram != 0 && !run_has_pair) {
      std::string single;
      append_utf8(single, prev_bigram);
      tokens.push_back(std::move(single));
    }
    prev_bigram = 0;
    run_has_pair = false;
  };
  auto end_word = [&]() {
    if (!word.empty()) push_token(tokens, std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    uint32_t cp = next_code_point(text, &i);
    if (cp == kReplacementChar && i - start != 3) cp = ' ';  // invalid byte: a separator
    cp = fold_code_point(cp);
    if (is_word_char(cp)) {
      end_run();
      append_utf8(word, cp);
    } else if (is_bigram_script(cp)) {
      end_word();
      if (prev_bigram != 0) {
        std::string pair;
        append_utf8(pair, prev_bigram);
        append_utf8(pair, cp);
        tokens.push_back(std::move(pair));
        run_has_pair = true;
      }
      prev_bigram = cp;
    } else {
      end_word();
      end_run();
    }
  }
  end_word();
  end_run();
  return tokens;
}

std::string match_key(std::string_view text) {
  std::string key;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    uint32_t cp = next_code_point(text, &i);
    if (cp == kReplacementChar && i - start != 3) continue;
    cp = fold_code_point(cp);
    if (is_word_char(cp) || is_bigram_script(cp)) append_utf8(key, cp);
  }
  return key;
}

}  // namespace pw
