#include "ws/frame/message_assembler.h"

#include <cstring>

#include "ws/frame/close_codes.h"

namespace kalshi::ws {

MessageAssembler::MessageAssembler(Role role, const Limits &limits)
    : limits_(limits), parser_(role, limits.max_frame_size) {}

void MessageAssembler::reset() {
  parser_.reset();
  error_ = WsError::None;
  in_message_ = false;
  text_ = false;
  control_ = false;
  data_.clear();
  direct_ = {};
  utf8_.reset();
  ctrl_len_ = 0;
}

Message MessageAssembler::fail(WsError e) {
  error_ = e;
  Message m;
  m.kind = Message::Kind::Error;
  m.error = e;
  return m;
}

WsError MessageAssembler::on_header(const FrameHeader &h) {
  frame_op_ = h.opcode;
  frame_fin_ = h.fin;
  direct_ = {};
  control_ = is_control(h.opcode);
  if (control_) {
    ctrl_len_ = 0;
    return WsError::None;
  }
  if (h.opcode == Opcode::Continuation) {
    if (!in_message_) return WsError::UnexpectedContinuation;
  } else {
    if (in_message_) return WsError::ExpectedContinuation;
    in_message_ = true;
    text_ = h.opcode == Opcode::Text;
    data_.clear();
    utf8_.reset();
  }
  // Refuse before buffering anything: the declared length already tells.
  if (h.length > limits_.max_message_size - data_.size()) return WsError::MessageTooLarge;
  return WsError::None;
}

WsError MessageAssembler::on_payload(std::span<uint8_t> piece) {
  if (control_) {
    // The parser has already refused control frames over 125 bytes.
    std::memcpy(ctrl_ + ctrl_len_, piece.data(), piece.size());
    ctrl_len_ += piece.size();
    return WsError::None;
  }
  if (text_ && !utf8_.feed(piece)) return WsError::InvalidUtf8;
  // The whole payload of an unfragmented frame in one piece: deliver it where it lies.
  if (frame_fin_ && frame_op_ != Opcode::Continuation && data_.empty() && direct_.empty() &&
      piece.size() == parser_.header().length) {
    direct_ = piece;
    return WsError::None;
  }
  if (!direct_.empty()) {  // cannot happen (a piece equal to the length is the last), but stay safe
    data_.insert(data_.end(), direct_.begin(), direct_.end());
    direct_ = {};
  }
  data_.insert(data_.end(), piece.begin(), piece.end());
  return WsError::None;
}

Message MessageAssembler::control_message() {
  Message m;
  m.payload = std::span<const uint8_t>(ctrl_, ctrl_len_);
  if (frame_op_ == Opcode::Ping) {
    m.kind = Message::Kind::Ping;
  } else if (frame_op_ == Opcode::Pong) {
    m.kind = Message::Kind::Pong;
  } else {
    m.kind = Message::Kind::Close;
    m.close_code = close_code::kNoStatus;
  }
  return m;
}

Message MessageAssembler::on_end(WsError *err) {
  *err = WsError::None;
  if (control_) {
    Message m = control_message();
    if (m.kind != Message::Kind::Close || ctrl_len_ == 0) return m;
    if (ctrl_len_ == 1) {
      *err = WsError::BadClosePayload;
      return m;
    }
    m.close_code = static_cast<uint16_t>((uint16_t{ctrl_[0]} << 8) | ctrl_[1]);
    if (!is_valid_wire_close_code(m.close_code)) {
      *err = WsError::BadCloseCode;
      return m;
    }
    const std::span<const uint8_t> reason(ctrl_ + 2, ctrl_len_ - 2);
    if (!is_valid_utf8(reason)) {
      *err = WsError::InvalidUtf8;
      return m;
    }
    m.close_reason = {reinterpret_cast<const char *>(reason.data()), reason.size()};
    return m;
  }
  if (!frame_fin_) return Message{};
  if (text_ && !utf8_.finish()) {
    *err = WsError::InvalidUtf8;
    return Message{};
  }
  in_message_ = false;
  Message m;
  m.kind = text_ ? Message::Kind::Text : Message::Kind::Binary;
  m.payload = direct_.empty() ? std::span<const uint8_t>(data_) : direct_;
  direct_ = {};
  return m;
}

Message MessageAssembler::next(std::span<uint8_t> in, size_t *consumed) {
  *consumed = 0;
  if (error_ != WsError::None) return fail(error_);
  size_t off = 0;
  for (;;) {
    size_t used = 0;
    const FrameParser::Event ev = parser_.next(in.subspan(off), &used);
    off += used;
    *consumed = off;
    switch (ev) {
      case FrameParser::Event::NeedMore:
        return Message{};
      case FrameParser::Event::Error:
        return fail(parser_.error());
      case FrameParser::Event::Header:
        if (const WsError e = on_header(parser_.header()); e != WsError::None) return fail(e);
        break;
      case FrameParser::Event::Payload:
        if (const WsError e = on_payload(parser_.payload()); e != WsError::None) return fail(e);
        break;
      case FrameParser::Event::End: {
        WsError e;
        Message m = on_end(&e);
        if (e != WsError::None) return fail(e);
        if (m.kind != Message::Kind::None) return m;
        break;
      }
    }
  }
}

}  // namespace kalshi::ws
