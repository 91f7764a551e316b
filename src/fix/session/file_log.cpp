#include "fix/session/file_log.h"

#include <cstring>

#include "fix/session/crc32.h"

namespace kalshi::fix {

namespace {

void put_u32(char *p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFFu);
}
void put_u64(char *p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFFu);
}
uint32_t get_u32(const char *p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}
uint64_t get_u64(const char *p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

// Writes the length and kind, reserves the payload and returns where it goes; finish() adds the
// CRC once the payload is filled in.
char *begin_record(Buffer &out, LogKind kind, size_t payload_len, size_t *start) {
  *start = out.size();
  char *p = out.extend(4 + 1 + payload_len);
  put_u32(p, static_cast<uint32_t>(payload_len));
  p[4] = static_cast<char>(kind);
  return p + 5;
}
void finish_record(Buffer &out, size_t start) {
  const char *kind_and_payload = out.data() + start + 4;
  const size_t n = out.size() - start - 4;
  const uint32_t crc = crc32(kind_and_payload, n);
  put_u32(out.extend(4), crc);
}

}  // namespace

void append_seq_record(Buffer &out, LogKind kind, uint64_t seq) {
  size_t start = 0;
  put_u64(begin_record(out, kind, 8, &start), seq);
  finish_record(out, start);
}

void append_message_record(Buffer &out, uint64_t seq, std::string_view msg_type,
                           std::string_view body, std::string_view sending_time) {
  msg_type = msg_type.substr(0, 255);
  sending_time = sending_time.substr(0, 255);
  const size_t len = 8 + 1 + msg_type.size() + 1 + sending_time.size() + body.size();
  size_t start = 0;
  char *p = begin_record(out, LogKind::Message, len, &start);
  put_u64(p, seq);
  p += 8;
  *p++ = static_cast<char>(msg_type.size());
  std::memcpy(p, msg_type.data(), msg_type.size());
  p += msg_type.size();
  *p++ = static_cast<char>(sending_time.size());
  if (!sending_time.empty()) std::memcpy(p, sending_time.data(), sending_time.size());
  p += sending_time.size();
  if (!body.empty()) std::memcpy(p, body.data(), body.size());
  finish_record(out, start);
}

ReplayResult replay_log(std::string_view bytes, LogSink &sink) {
  ReplayResult r;
  if (bytes.size() < kFileStoreMagic.size()) {
    // Empty, or torn while the magic itself was being written: a fresh store.
    r.bad_magic = kFileStoreMagic.substr(0, bytes.size()) != bytes;
    return r;
  }
  if (bytes.substr(0, kFileStoreMagic.size()) != kFileStoreMagic) {
    r.bad_magic = true;
    return r;
  }
  size_t pos = kFileStoreMagic.size();
  r.good_bytes = pos;
  const char *b = bytes.data();
  while (bytes.size() - pos >= 9) {
    const uint64_t payload = get_u32(b + pos);
    if (payload > bytes.size() - pos - 9) break;  // torn: the record runs past the end
    const char *kind_p = b + pos + 4;
    const size_t n = static_cast<size_t>(payload);
    if (crc32(kind_p, n + 1) != get_u32(kind_p + 1 + n)) break;
    const char *p = kind_p + 1;
    const auto kind = static_cast<LogKind>(*kind_p);
    if (kind == LogKind::Sender || kind == LogKind::Target) {
      if (n != 8) break;
      sink.on_seq(kind, get_u64(p));
    } else if (kind == LogKind::Message) {
      if (n < 10) break;
      const uint64_t seq = get_u64(p);
      size_t off = 8;
      const size_t type_len = static_cast<unsigned char>(p[off++]);
      if (off + type_len + 1 > n) break;
      const std::string_view type(p + off, type_len);
      off += type_len;
      const size_t time_len = static_cast<unsigned char>(p[off++]);
      if (off + time_len > n) break;
      const std::string_view time(p + off, time_len);
      off += time_len;
      sink.on_message(seq, type, std::string_view(p + off, n - off), time);
    } else {
      break;
    }
    pos += 9 + n;
    r.good_bytes = pos;
  }
  return r;
}

}  // namespace kalshi::fix
