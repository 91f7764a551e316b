// The REST request builder on hostile parameters and bodies. Input: byte 0 picks the operation
// (index into the catalog, modulo its size); the rest splits at the first NUL into a parameter
// section and the JSON body. Parameter lines are separated by '\n': a line whose first byte is
// below 0x20 names the operation's (byte % param_count)-th declared parameter and the rest of the
// line is the value (so the fuzzer reaches real names quickly); any other line is "name=value".
// Invariants: no crash; a failure is INVALID_ARG with a message naming the operation; a success
// has target = sign_path [+ '?' + query], sign_path = base_path + path with only unreserved bytes,
// '/' and %XX escapes, the body unchanged, and the same result when built again.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/rest/request_builder.h"

using namespace kalshi::rest;

namespace {

void check(bool ok) {
  if (!ok) abort();
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

// Only unreserved bytes, the given structural bytes, and well-formed %XX escapes.
bool well_encoded(std::string_view text, std::string_view structural) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_unreserved(static_cast<unsigned char>(c))) continue;
    if (structural.find(c) != std::string_view::npos) continue;
    if (c != '%' || i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) {
      return false;
    }
    i += 2;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const std::span<const OperationDef> all = operations();
  const OperationDef &op = all[data[0] % all.size()];
  const std::string_view rest(reinterpret_cast<const char *>(data + 1), size - 1);
  const size_t nul = rest.find('\0');
  const std::string_view param_text = rest.substr(0, nul);
  const std::string_view body =
      nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);

  std::vector<Param> params;
  size_t pos = 0;
  while (pos < param_text.size() && params.size() < 64) {
    const size_t nl = param_text.find('\n', pos);
    const std::string_view line =
        param_text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && static_cast<unsigned char>(line[0]) < 0x20 && op.param_count != 0) {
      params.push_back(
          {op.params[static_cast<unsigned char>(line[0]) % op.param_count].name, line.substr(1)});
    } else {
      const size_t eq = line.find('=');
      if (eq != std::string_view::npos) params.push_back({line.substr(0, eq), line.substr(eq + 1)});
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }

  BuiltRequest out;
  const kalshi::Error e = build_request(op, params, body, &out);
  if (!e.ok()) {
    check(e.code == KALSHI_ERR_INVALID_ARG);
    check(std::string_view(e.message).substr(0, std::string_view(op.id).size()) == op.id);
    return 0;
  }
  check(out.method == op.method);
  check(out.op == &op);
  check(out.sign_path.compare(0, std::string_view(op.base_path).size(), op.base_path) == 0);
  check(out.target.compare(0, out.sign_path.size(), out.sign_path) == 0);
  const std::string_view query = std::string_view(out.target).substr(out.sign_path.size());
  check(query.empty() || (query[0] == '?' && query.size() > 1));
  check(well_encoded(out.sign_path, "/"));
  check(well_encoded(query.empty() ? query : query.substr(1), "&=,"));
  check(out.body == body);
  check(out.idempotent == op.idempotent && out.auth == op.auth);

  BuiltRequest again;
  check(build_request(op, params, body, &again).ok());
  check(again.target == out.target && again.sign_path == out.sign_path);
  return 0;
}
