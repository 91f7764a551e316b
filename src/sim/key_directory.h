// The simulator's registry of API keys: who may log on to which product, with which RSA public
// key, trading for which member. The acceptor sessions ask it to verify Logon signatures.
//
// Used on the simulator's loop thread only (the C API posts registrations there), so it needs no
// lock of its own.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"
#include "crypto/verify.h"
#include "fix/session/session_kind.h"
#include "sim/fix/acceptor_session.h"

namespace kalshi::sim {

class SimKeyDirectory final : public KeyDirectory {
 public:
  SimKeyDirectory();
  ~SimKeyDirectory() override;
  SimKeyDirectory(const SimKeyDirectory &) = delete;
  SimKeyDirectory &operator=(const SimKeyDirectory &) = delete;

  // Registers (or replaces) key_id for product. The PEM is an RSA public key (SubjectPublicKeyInfo
  // or PKCS#1): KALSHI_ERR_KEY_FORMAT / KALSHI_ERR_KEY_UNSUPPORTED otherwise;
  // KALSHI_ERR_INVALID_ARG for an empty, overlong or unprintable key id.
  Error add(fix::Product product, std::string_view key_id, std::string_view public_key_pem,
            uint32_t member);
  size_t size() const { return keys_.size(); }

  Error verify_logon(fix::Product product, std::string_view key_id, std::string_view prehash,
                     std::string_view signature_b64) const override;
  uint32_t member_of(fix::Product product, std::string_view key_id) const override;

 private:
  struct Entry {
    std::shared_ptr<const crypto::RsaPublicKey> key;
    uint32_t member = 0;
  };
  const Entry *find(fix::Product product, std::string_view key_id) const;

  std::map<std::pair<int, std::string>, Entry> keys_;
};

}  // namespace kalshi::sim
