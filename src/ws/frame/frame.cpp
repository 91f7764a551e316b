#include "ws/frame/frame.h"

#include "ws/frame/close_codes.h"

namespace kalshi::ws {

const char *ws_error_name(WsError e) {
  switch (e) {
    case WsError::None:
      return "none";
    case WsError::ReservedBits:
      return "reserved_bits";
    case WsError::ReservedOpcode:
      return "reserved_opcode";
    case WsError::FragmentedControl:
      return "fragmented_control";
    case WsError::ControlTooLong:
      return "control_too_long";
    case WsError::BadLength:
      return "bad_length";
    case WsError::MaskRequired:
      return "mask_required";
    case WsError::MaskForbidden:
      return "mask_forbidden";
    case WsError::FrameTooLarge:
      return "frame_too_large";
    case WsError::MessageTooLarge:
      return "message_too_large";
    case WsError::UnexpectedContinuation:
      return "unexpected_continuation";
    case WsError::ExpectedContinuation:
      return "expected_continuation";
    case WsError::InvalidUtf8:
      return "invalid_utf8";
    case WsError::BadClosePayload:
      return "bad_close_payload";
    case WsError::BadCloseCode:
      return "bad_close_code";
  }
  return "unknown";
}

uint16_t close_code_for(WsError e) {
  switch (e) {
    case WsError::None:
      return close_code::kNormal;
    case WsError::InvalidUtf8:
      return close_code::kInvalidPayload;
    case WsError::FrameTooLarge:
    case WsError::MessageTooLarge:
      return close_code::kMessageTooBig;
    default:
      return close_code::kProtocolError;
  }
}

}  // namespace kalshi::ws
