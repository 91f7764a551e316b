// The completion events of REST calls (KALSHI_EVENT_REST_RESPONSE / _PAGE / _DONE): their body
// (status, operation, page index, cursor, truncated flag and the typed objects) and the decoding
// of a response body into typed objects (capi/obj.h) with the json/ models.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/rest/catalog.h"
#include "capi/obj.h"
#include "core/event.h"

namespace kalshi::api::rest {

// The body of every REST event. The raw response body is the event's data.
struct RestEventBody : capi::ObjList {
  int32_t status = 0;       // HTTP status; 0 when no response arrived
  std::string operation;    // operationId
  uint32_t page_index = 0;  // PAGE: 0-based; DONE: pages delivered
  bool truncated = false;   // DONE: max_pages ended the listing with a cursor pending
  std::string cursor;       // the response's cursor ("" if none); DONE+truncated: where it stopped
  uint32_t attempts = 0;    // HTTP attempts the call took
  // monotonic_ns() of the submit, of the first byte written (final attempt) and of completion.
  uint64_t submit_ns = 0, first_byte_written_ns = 0, done_ns = 0;
};

// The event body of ev when it is a REST event, else null.
const RestEventBody *rest_body(const kalshi_event_t *ev);

// Decodes a 2xx response body of `op` into typed objects (appended to *objs) and reads its
// cursor. `path_ticker` is the {ticker} path parameter when the operation has one (an order book
// response does not repeat it, and kalshi_book_apply_event needs it). Unknown fields are ignored;
// an operation without a typed model gives no objects. A body the model refuses gives no objects
// and a non-ok Error (the caller logs it: the raw body is still delivered).
Error decode_response(const kalshi::rest::OperationDef &op, std::string_view body,
                      std::string_view path_ticker, std::vector<kalshi_obj> *objs,
                      std::string *cursor);

}  // namespace kalshi::api::rest
