// The typed objects behind kalshi_obj_t (include/kalshi/obj.h), shared by REST responses and
// WebSocket messages: a decoder turns its model into an Obj (kind, named fields, book levels)
// and attaches the list to the event as an ObjList body.
//
// Values are copied into the object (strings included), so an Obj never points into a receive
// buffer or into the event's payload, which may move. This costs allocations on the C ABI path
// only; the C++ decoders underneath stay allocation-free.
#pragma once

#include <kalshi/obj.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"

struct kalshi_obj {
  struct Field {
    std::string name;
    kalshi_field_kind_t kind = KALSHI_FIELD_NONE;
    int64_t value = 0;  // INT, BOOL (0/1), PRICE, COUNT
    std::string text;   // STR
  };
  struct Level {
    int64_t price;
    int64_t size;
  };
  struct Side {
    std::string name;  // "yes", "no", "bid", "ask"
    std::vector<Level> levels;
  };

  std::string kind;
  std::vector<Field> fields;
  std::vector<Side> sides;

  // Builders (a later field with the same name replaces the earlier one).
  void add_str(std::string_view name, std::string_view v);
  void add_int(std::string_view name, int64_t v);
  void add_bool(std::string_view name, bool v);
  void add_price(std::string_view name, int64_t v);
  void add_count(std::string_view name, int64_t v);
  void add_level(std::string_view side, int64_t price, int64_t size);

  const Field *find(std::string_view name) const;
  const Side *side(std::string_view name) const;

 private:
  Field &slot(std::string_view name);
};

namespace kalshi::capi {

// An event body carrying typed objects. Protocol layers with their own event bodies (REST
// responses, WS messages) derive from it so kalshi_event_obj finds the objects.
struct ObjList : EventBody {
  std::vector<kalshi_obj> objs;
};

}  // namespace kalshi::capi
