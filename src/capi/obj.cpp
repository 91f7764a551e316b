// kalshi_obj_*: reads of typed objects (capi/obj.h) attached to REST and WebSocket events.
#include "capi/obj.h"

using kalshi::capi::ObjList;

kalshi_obj::Field &kalshi_obj::slot(std::string_view name) {
  for (Field &f : fields) {
    if (f.name == name) return f;
  }
  Field &f = fields.emplace_back();
  f.name = std::string(name);
  return f;
}

void kalshi_obj::add_str(std::string_view name, std::string_view v) {
  Field &f = slot(name);
  f.kind = KALSHI_FIELD_STR;
  f.value = 0;
  f.text = std::string(v);
}

void kalshi_obj::add_int(std::string_view name, int64_t v) {
  Field &f = slot(name);
  f.kind = KALSHI_FIELD_INT;
  f.value = v;
  f.text.clear();
}

void kalshi_obj::add_bool(std::string_view name, bool v) {
  Field &f = slot(name);
  f.kind = KALSHI_FIELD_BOOL;
  f.value = v ? 1 : 0;
  f.text.clear();
}

void kalshi_obj::add_price(std::string_view name, int64_t v) {
  Field &f = slot(name);
  f.kind = KALSHI_FIELD_PRICE;
  f.value = v;
  f.text.clear();
}

void kalshi_obj::add_count(std::string_view name, int64_t v) {
  Field &f = slot(name);
  f.kind = KALSHI_FIELD_COUNT;
  f.value = v;
  f.text.clear();
}

void kalshi_obj::add_level(std::string_view side_name, int64_t price, int64_t size) {
  for (Side &s : sides) {
    if (s.name == side_name) {
      s.levels.push_back(Level{price, size});
      return;
    }
  }
  Side &s = sides.emplace_back();
  s.name = std::string(side_name);
  s.levels.push_back(Level{price, size});
}

const kalshi_obj::Field *kalshi_obj::find(std::string_view name) const {
  for (const Field &f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const kalshi_obj::Side *kalshi_obj::side(std::string_view name) const {
  for (const Side &s : sides) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

namespace {

const ObjList *list_of(const kalshi_event_t *ev) {
  if (ev == nullptr || !ev->body) return nullptr;
  return dynamic_cast<const ObjList *>(ev->body.get());
}

// The field `name` of kind `want`: OK, NOT_FOUND or INVALID_ARG (another kind).
kalshi_err_t lookup(const kalshi_obj_t *o, const char *name, kalshi_field_kind_t want,
                    const kalshi_obj::Field **out) {
  if (o == nullptr || name == nullptr) return KALSHI_ERR_INVALID_ARG;
  const kalshi_obj::Field *f = o->find(name);
  if (f == nullptr) return KALSHI_ERR_NOT_FOUND;
  if (f->kind != want) return KALSHI_ERR_INVALID_ARG;
  *out = f;
  return KALSHI_OK;
}

template <typename T>
kalshi_err_t read_number(const kalshi_obj_t *o, const char *name, kalshi_field_kind_t want,
                         T *value) {
  if (value == nullptr) return KALSHI_ERR_INVALID_ARG;
  const kalshi_obj::Field *f = nullptr;
  const kalshi_err_t rc = lookup(o, name, want, &f);
  if (rc == KALSHI_OK) *value = static_cast<T>(f->value);
  return rc;
}

}  // namespace

extern "C" {

KALSHI_API size_t kalshi_event_obj_count(const kalshi_event_t *ev) {
  const ObjList *l = list_of(ev);
  return l == nullptr ? 0 : l->objs.size();
}

KALSHI_API const kalshi_obj_t *kalshi_event_obj(const kalshi_event_t *ev, size_t i) {
  const ObjList *l = list_of(ev);
  if (l == nullptr || i >= l->objs.size()) return nullptr;
  return &l->objs[i];
}

KALSHI_API const char *kalshi_obj_kind(const kalshi_obj_t *o) {
  return o == nullptr ? "" : o->kind.c_str();
}

KALSHI_API size_t kalshi_obj_field_count(const kalshi_obj_t *o) {
  return o == nullptr ? 0 : o->fields.size();
}

KALSHI_API const char *kalshi_obj_field_name(const kalshi_obj_t *o, size_t i) {
  if (o == nullptr || i >= o->fields.size()) return nullptr;
  return o->fields[i].name.c_str();
}

KALSHI_API kalshi_field_kind_t kalshi_obj_kind_of(const kalshi_obj_t *o, const char *field) {
  if (o == nullptr || field == nullptr) return KALSHI_FIELD_NONE;
  const kalshi_obj::Field *f = o->find(field);
  return f == nullptr ? KALSHI_FIELD_NONE : f->kind;
}

KALSHI_API kalshi_err_t kalshi_obj_str(const kalshi_obj_t *o, const char *field, const char **value,
                                       size_t *len) {
  if (value == nullptr) return KALSHI_ERR_INVALID_ARG;
  const kalshi_obj::Field *f = nullptr;
  const kalshi_err_t rc = lookup(o, field, KALSHI_FIELD_STR, &f);
  if (rc != KALSHI_OK) return rc;
  *value = f->text.c_str();
  if (len != nullptr) *len = f->text.size();
  return KALSHI_OK;
}

KALSHI_API kalshi_err_t kalshi_obj_int(const kalshi_obj_t *o, const char *field, int64_t *value) {
  return read_number(o, field, KALSHI_FIELD_INT, value);
}

KALSHI_API kalshi_err_t kalshi_obj_bool(const kalshi_obj_t *o, const char *field, int *value) {
  return read_number(o, field, KALSHI_FIELD_BOOL, value);
}

KALSHI_API kalshi_err_t kalshi_obj_price(const kalshi_obj_t *o, const char *field,
                                         kalshi_price_t *value) {
  return read_number(o, field, KALSHI_FIELD_PRICE, value);
}

KALSHI_API kalshi_err_t kalshi_obj_count(const kalshi_obj_t *o, const char *field,
                                         kalshi_count_t *value) {
  return read_number(o, field, KALSHI_FIELD_COUNT, value);
}

KALSHI_API size_t kalshi_obj_level_count(const kalshi_obj_t *o, const char *side) {
  if (o == nullptr || side == nullptr) return 0;
  const kalshi_obj::Side *s = o->side(side);
  return s == nullptr ? 0 : s->levels.size();
}

KALSHI_API kalshi_err_t kalshi_obj_level(const kalshi_obj_t *o, const char *side, size_t i,
                                         kalshi_price_t *price, kalshi_count_t *size) {
  if (o == nullptr || side == nullptr || price == nullptr || size == nullptr) {
    return KALSHI_ERR_INVALID_ARG;
  }
  const kalshi_obj::Side *s = o->side(side);
  if (s == nullptr || i >= s->levels.size()) return KALSHI_ERR_NOT_FOUND;
  *price = s->levels[i].price;
  *size = s->levels[i].size;
  return KALSHI_OK;
}

}  // extern "C"
