// What a session remembers between messages and, with FileStore, between processes: both
// sequence numbers and the bodies of the messages it sent, so a ResendRequest from the exchange
// can be answered (kalshi-fix.md §2.9, §2.10).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kalshi::fix {

class Store {
 public:
  virtual ~Store() = default;
  virtual uint64_t next_sender_seq() const = 0;  // the MsgSeqNum our next message gets
  virtual uint64_t next_target_seq() const = 0;  // the MsgSeqNum we expect next from the exchange
  virtual Error set_next_sender_seq(uint64_t seq) = 0;
  virtual Error set_next_target_seq(uint64_t seq) = 0;
  // Records a sent message: its seq, MsgType, body fields (everything after the header, before
  // 10=) and the SendingTime it carried. Also moves next_sender_seq to seq + 1, so a message and
  // its sequence number are recorded together (one record in the file store).
  virtual Error save(uint64_t seq, std::string_view msg_type, std::string_view body,
                     std::string_view sending_time) = 0;
  // Calls fn for each stored message with begin <= seq <= end (end 0 = no upper bound), in order.
  // fn must not modify the store.
  using Visitor = std::function<void(uint64_t seq, std::string_view msg_type, std::string_view body,
                                     std::string_view sending_time)>;
  virtual void for_range(uint64_t begin, uint64_t end, const Visitor &fn) const = 0;
  // Both sequence numbers back to 1, stored messages dropped.
  virtual Error reset() = 0;
};

// Keeps everything in memory; max_messages bounds it (oldest dropped first, later gap-filled).
std::unique_ptr<Store> make_memory_store(size_t max_messages = 100000);

// Appends to files under `dir` named after the session (sender, target), so a restarted process
// keeps its sequence numbers and can still answer resends. Survives a torn last record (a crash
// mid-write): the partial record is ignored. KALSHI_ERR_IO when the directory is unusable.
Error open_file_store(const std::string &dir, std::string_view sender_comp_id,
                      std::string_view target_comp_id, std::unique_ptr<Store> *out);

}  // namespace kalshi::fix
