// JSON text to SAX events: nlohmann/json's lexer, driven by the grammar loop
// of its own parser (nlohmann::detail::parser::sax_parse_internal, strict
// mode), reproduced here without the two things the `related` module paid
// for and never used: the std::vector<bool> of open arrays and objects
// (1.9 KB of wasm for its push_back alone) and the exception objects (with
// their what() strings and the C++ run-time type information they pull in)
// that the parser builds only to hand them to the SAX's parse_error().
//
// Same tokens, same events in the same order, same error positions and the
// same error texts as json::sax_parse(first, last, sax, input_format_t::json,
// /*strict=*/true); tests/core/json_sax_test.cpp checks it against nlohmann's
// parser on every case of its own and the fuzz corpora.
//
// `Sax` has the nlohmann::json_sax interface (null, boolean, number_integer,
// number_unsigned, number_float, string, binary, start_object, key,
// end_object, start_array, end_array), except for its parse_error:
//   bool parse_error(size_t position, const std::string& reason)
// where `reason` is the part of nlohmann's message after its
// "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix
// ("syntax error while parsing value - invalid literal; last read: 'tru'"),
// and for a number beyond a double's range, the whole message of its
// out_of_range exception 406 without the "[json.exception.out_of_range.406] "
// prefix ("number overflow parsing '1e999'"). `position` is the lexer's
// position (characters read), as nlohmann passes it.
//
// Like nlohmann's parser, this ends the input at a NUL byte (check for one
// yourself).
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

#ifndef JSON_NOEXCEPTION
#define JSON_NOEXCEPTION
#endif
#include <nlohmann/json.hpp>

namespace pw {

template <typename Sax>
bool parse_json_sax(std::string_view text, Sax* sax) {
  using json = nlohmann::json;
  using Adapter = decltype(nlohmann::detail::input_adapter(text.data(), text.data()));
  using Lexer = nlohmann::detail::lexer<json, Adapter>;
  using Token = typename Lexer::token_type;

  Lexer lexer(nlohmann::detail::input_adapter(text.data(), text.data() + text.size()), false);
  Token token = lexer.scan();
  const auto next = [&] { return token = lexer.scan(); };
  // parser::exception_message(), the reason part of a parse_error 101.
  const auto syntax_error = [&](Token expected, const char* context) {
    std::string reason = "syntax error while parsing ";
    reason += context;
    reason += " - ";
    if (token == Token::parse_error) {
      reason += lexer.get_error_message();
      reason += "; last read: '";
      reason += lexer.get_token_string();
      reason += '\'';
    } else {
      reason += "unexpected ";
      reason += Lexer::token_type_name(token);
    }
    if (expected != Token::uninitialized) {
      reason += "; expected ";
      reason += Lexer::token_type_name(expected);
    }
    return sax->parse_error(lexer.get_position(), reason);
  };
  // A key and its ':' (the current token is the key's string).
  const auto key = [&] {
    if (token != Token::value_string) return syntax_error(Token::value_string, "object key");
    if (!sax->key(lexer.get_string())) return false;
    if (next() != Token::name_separator) {
      return syntax_error(Token::name_separator, "object separator");
    }
    next();
    return true;
  };

  // The open arrays ('[') and objects ('{'), innermost last.
  std::string open;
  bool value_done = false;  // parser's skip_to_state_evaluation
  while (true) {
    if (!value_done) {
      switch (token) {
        case Token::begin_object:
          if (!sax->start_object(static_cast<std::size_t>(-1))) return false;
          if (next() == Token::end_object) {
            if (!sax->end_object()) return false;
            break;
          }
          if (!key()) return false;
          open += '{';
          continue;
        case Token::begin_array:
          if (!sax->start_array(static_cast<std::size_t>(-1))) return false;
          if (next() == Token::end_array) {
            if (!sax->end_array()) return false;
            break;
          }
          open += '[';
          continue;
        case Token::value_float: {
          const double value = lexer.get_number_float();
          if (!std::isfinite(value)) {
            return sax->parse_error(lexer.get_position(), "number overflow parsing '" +
                                                              lexer.get_token_string() + "'");
          }
          if (!sax->number_float(value, lexer.get_string())) return false;
          break;
        }
        case Token::literal_false:
          if (!sax->boolean(false)) return false;
          break;
        case Token::literal_null:
          if (!sax->null()) return false;
          break;
        case Token::literal_true:
          if (!sax->boolean(true)) return false;
          break;
        case Token::value_integer:
          if (!sax->number_integer(lexer.get_number_integer())) return false;
          break;
        case Token::value_unsigned:
          if (!sax->number_unsigned(lexer.get_number_unsigned())) return false;
          break;
        case Token::value_string:
          if (!sax->string(lexer.get_string())) return false;
          break;
        case Token::parse_error:
          return syntax_error(Token::uninitialized, "value");
        default:
          return syntax_error(Token::literal_or_value, "value");
      }
    }
    value_done = false;
    // A value was read: what follows it depends on what holds it.
    if (open.empty()) break;
    const bool in_array = open.back() == '[';
    if (next() == Token::value_separator) {
      if (in_array) {
        next();
      } else if (next(), !key()) {
        return false;
      }
      continue;
    }
    if (token != (in_array ? Token::end_array : Token::end_object)) {
      return in_array ? syntax_error(Token::end_array, "array")
                      : syntax_error(Token::end_object, "object");
    }
    if (!(in_array ? sax->end_array() : sax->end_object())) return false;
    open.pop_back();
    value_done = true;
  }
  // Strict: nothing but white space after the value.
  if (next() != Token::end_of_input) return syntax_error(Token::end_of_input, "value");
  return true;
}

}  // namespace pw
