#include "sim/key_directory.h"

#include <string>
#include <utility>

namespace kalshi::sim {

namespace {
constexpr size_t kMaxKeyIdLen = 128;  // far above a UUID; bounds what a caller can register

bool printable_key_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxKeyIdLen) return false;
  for (char c : id) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}
}  // namespace

SimKeyDirectory::SimKeyDirectory() = default;
SimKeyDirectory::~SimKeyDirectory() = default;

Error SimKeyDirectory::add(fix::Product product, std::string_view key_id,
                           std::string_view public_key_pem, uint32_t member) {
  if (!printable_key_id(key_id)) {
    return Error::make(KALSHI_ERR_INVALID_ARG,
                       "key id must be 1 to 128 printable characters without spaces");
  }
  std::unique_ptr<crypto::RsaPublicKey> key;
  if (Error e = crypto::RsaPublicKey::load(public_key_pem, &key); !e.ok()) return e;
  keys_[{static_cast<int>(product), std::string(key_id)}] = Entry{std::move(key), member};
  return Error{};
}

const SimKeyDirectory::Entry *SimKeyDirectory::find(fix::Product product,
                                                    std::string_view key_id) const {
  auto it = keys_.find({static_cast<int>(product), std::string(key_id)});
  return it == keys_.end() ? nullptr : &it->second;
}

uint32_t SimKeyDirectory::member_of(fix::Product product, std::string_view key_id) const {
  const Entry *e = find(product, key_id);
  return e == nullptr ? 0 : e->member;
}

Error SimKeyDirectory::verify_logon(fix::Product product, std::string_view key_id,
                                    std::string_view prehash,
                                    std::string_view signature_b64) const {
  const Entry *e = find(product, key_id);
  if (e == nullptr) return Error::make(KALSHI_ERR_NOT_FOUND, "unknown key id");
  return e->key->verify_pss_b64(prehash, signature_b64);
}

}  // namespace kalshi::sim
