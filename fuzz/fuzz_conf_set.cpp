// kalshi_conf_set with arbitrary keys and values: input is "key\0value\0key\0value...".
#include <kalshi/conf.h>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kalshi_conf_t *conf = kalshi_conf_new();
  const std::string input(reinterpret_cast<const char *>(data), size);
  size_t pos = 0;
  while (pos < input.size()) {
    size_t key_end = input.find('\0', pos);
    if (key_end == std::string::npos) key_end = input.size();
    const std::string key = input.substr(pos, key_end - pos);
    pos = key_end + 1;
    size_t value_end = pos < input.size() ? input.find('\0', pos) : std::string::npos;
    if (value_end == std::string::npos) value_end = input.size();
    const std::string value = pos < input.size() ? input.substr(pos, value_end - pos) : "";
    pos = value_end + 1;
    char errstr[128];
    const kalshi_err_t rc = kalshi_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr);
    if (rc != KALSHI_OK && rc != KALSHI_ERR_UNKNOWN_KEY && rc != KALSHI_ERR_INVALID_VALUE) abort();
    if (rc != KALSHI_OK && errstr[0] == '\0') abort();  // every failure explains itself
    char buf[512];
    size_t n = sizeof buf;
    const kalshi_err_t get_rc = kalshi_conf_get(conf, key.c_str(), buf, &n);
    if (rc == KALSHI_OK && get_rc != KALSHI_OK && get_rc != KALSHI_ERR_BUFFER_TOO_SMALL) abort();
  }
  size_t n = 0;
  kalshi_conf_dump(conf, nullptr, &n);
  kalshi_conf_t *copy = kalshi_conf_dup(conf);
  kalshi_conf_destroy(conf);
  kalshi_conf_destroy(copy);
  return 0;
}
