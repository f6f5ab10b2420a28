// Two C library functions of the `related` module, replaced at link time
// (-Wl,--wrap, widgets/related/CMakeLists.txt) because the C library's own
// would be the largest code in the module, for two calls in nlohmann/json's
// lexer:
// - strtod, for every JSON number with a fraction or exponent: the browser's
//   Number() reads it instead (imported as pw_number from web/runtime/wasm.js).
//   Both round correctly to the nearest double, so they agree on every JSON
//   number (1.0000000000000001 → 1, 1.8e308 → Infinity); musl's strtod brings
//   a decimal-to-binary converter on 128-bit long double soft-float.
// - snprintf, called once, with "<U+%.4X>", to show a control character in a
//   parse error message: a formatter for exactly that format replaces printf.
// Browser build only; natively (tests, CLI) the C library's functions run.
#include <cstdarg>
#include <cstddef>
#include <cstring>

extern "C" {

/// The JSON number `length` ASCII bytes at `text` spell (web/runtime/wasm.js).
double pw_number(const char* text, size_t length);

double __wrap_strtod(const char* text, char** end) {
  // nlohmann/json passes a whole, validated JSON number, NUL-terminated.
  size_t length = 0;
  while (text[length] != '\0' && std::strchr("0123456789+-.eE", text[length]) != nullptr) ++length;
  if (end != nullptr) *end = const_cast<char*>(text + length);
  return length == 0 ? 0.0 : pw_number(text, length);
}

int __wrap_snprintf(char* out, size_t size, const char* format, ...) {
  if (std::strcmp(format, "<U+%.4X>") != 0) {
    // No other call site exists in this module; fail as printf does on an
    // encoding error rather than print something else.
    if (size > 0) out[0] = '\0';
    return -1;
  }
  va_list args;
  va_start(args, format);
  unsigned value = va_arg(args, unsigned);
  va_end(args);
  char digits[8];
  int count = 0;
  do {
    digits[count++] = "0123456789ABCDEF"[value & 0xF];
    value >>= 4;
  } while (value != 0);
  while (count < 4) digits[count++] = '0';
  char text[16] = "<U+";
  int length = 3;
  while (count > 0) text[length++] = digits[--count];
  text[length++] = '>';
  for (int i = 0; i < length && size > 0 && static_cast<size_t>(i) < size - 1; ++i) out[i] = text[i];
  if (size > 0) out[static_cast<size_t>(length) < size ? length : size - 1] = '\0';
  return length;
}

}  // extern "C"
