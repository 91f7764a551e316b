#include "api/rest/request_builder.h"

#include <simdjson.h>

#include <string>

namespace kalshi::rest {

namespace {

namespace dom = simdjson::dom;

Error invalid(const OperationDef &op, std::string_view what, std::string_view name,
              std::string_view why) {
  std::string msg;
  msg.reserve(64 + name.size() + why.size());
  msg += op.id;
  msg += ": ";
  msg += what;
  msg += " '";
  msg += name;
  msg += "': ";
  msg += why;
  return Error::make(KALSHI_ERR_INVALID_ARG, std::move(msg));
}

// Caller text quoted in a message, cut so a hostile value cannot make messages huge.
std::string quoted(std::string_view text) {
  constexpr size_t kMaxShown = 64;
  std::string out = "'";
  out.append(text.substr(0, kMaxShown));
  if (text.size() > kMaxShown) out += "...";
  out += "'";
  return out;
}

const char *where_name(ParamIn in) {
  return in == ParamIn::Path ? "path parameter" : "query parameter";
}

bool in_enum(const char *const *values, uint16_t count, std::string_view text) {
  for (uint16_t i = 0; i < count; ++i) {
    if (text == values[i]) return true;
  }
  return false;
}

std::string enum_list(const char *const *values, uint16_t count) {
  std::string out;
  for (uint16_t i = 0; i < count; ++i) {
    if (i != 0) out += ", ";
    out += values[i];
  }
  return out;
}

std::string bound_text(const char *which, int64_t bound) {
  return std::string("is ") + which + " " + std::to_string(bound);
}

// One scalar value (or one array element) of a path/query parameter.
Error check_scalar(const OperationDef &op, const ParamDef &def, std::string_view value) {
  const ParamType type = def.type == ParamType::StringArray    ? ParamType::String
                         : def.type == ParamType::IntegerArray ? ParamType::Integer
                                                               : def.type;
  const char *where = where_name(def.in);
  switch (type) {
    case ParamType::Integer: {
      int64_t v = 0;
      if (!parse_integer_text(value, &v)) {
        return invalid(op, where, def.name, quoted(value) + " is not an integer");
      }
      if (def.has_min && v < def.min) {
        return invalid(op, where, def.name,
                       quoted(value) + " " + bound_text("below the minimum", def.min));
      }
      if (def.has_max && v > def.max) {
        return invalid(op, where, def.name,
                       quoted(value) + " " + bound_text("above the maximum", def.max));
      }
      break;
    }
    case ParamType::Number:
      if (!is_decimal_text(value)) {
        return invalid(op, where, def.name, quoted(value) + " is not an exact decimal number");
      }
      break;
    case ParamType::Boolean:
      if (!is_boolean_text(value)) {
        return invalid(op, where, def.name, quoted(value) + " is not true or false");
      }
      break;
    default:
      break;
  }
  if (def.enum_count != 0 && !in_enum(def.enum_values, def.enum_count, value)) {
    return invalid(op, where, def.name,
                   quoted(value) + " is not one of " + enum_list(def.enum_values, def.enum_count));
  }
  return {};
}

bool is_array(ParamType type) {
  return type == ParamType::StringArray || type == ParamType::IntegerArray;
}

const ParamDef *find_def(const OperationDef &op, std::string_view name) {
  for (const ParamDef &def : op.param_list()) {
    if (name == def.name) return &def;
  }
  return nullptr;
}

// Checks every element of an array parameter (comma-separated, over all repeated Params) and
// appends it to the query per the spec's style.
Error append_array(const OperationDef &op, const ParamDef &def, std::span<const Param> params,
                   std::string *query) {
  bool first_element = true;
  for (const Param &p : params) {
    if (p.name != def.name) continue;
    size_t pos = 0;
    while (true) {
      const size_t comma = p.value.find(',', pos);
      const std::string_view element = p.value.substr(
          pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
      if (element.empty()) {
        return invalid(op, where_name(def.in), def.name, "empty array element");
      }
      if (Error e = check_scalar(op, def, element); !e.ok()) return e;
      if (def.explode || first_element) {
        if (!query->empty()) query->push_back('&');
        percent_encode_append(def.name, query);
        query->push_back('=');
      } else {
        query->push_back(',');  // form, explode=false: one key, comma-joined elements (RFC 6570)
      }
      percent_encode_append(element, query);
      first_element = false;
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
  }
  return {};
}

Error build_params(const OperationDef &op, std::span<const Param> params, std::string *path,
                   std::string *query) {
  // Unknown names and repeated scalars first, so the message names what the caller got wrong.
  for (size_t i = 0; i < params.size(); ++i) {
    const ParamDef *def = find_def(op, params[i].name);
    if (def == nullptr) {
      return invalid(op, "parameter", params[i].name, "unknown for this operation");
    }
    if (is_array(def->type)) continue;
    for (size_t j = 0; j < i; ++j) {
      if (params[j].name == params[i].name) {
        return invalid(op, where_name(def->in), def->name, "given more than once");
      }
    }
  }
  // Query parameters in spec order.
  for (const ParamDef &def : op.param_list()) {
    if (def.in != ParamIn::Query) continue;
    const Param *given = nullptr;
    for (const Param &p : params) {
      if (p.name == def.name) {
        given = &p;
        break;
      }
    }
    if (given == nullptr) {
      if (def.required) return invalid(op, "query parameter", def.name, "required but missing");
      continue;
    }
    if (is_array(def.type)) {
      if (Error e = append_array(op, def, params, query); !e.ok()) return e;
      continue;
    }
    if (Error e = check_scalar(op, def, given->value); !e.ok()) return e;
    if (!query->empty()) query->push_back('&');
    percent_encode_append(def.name, query);
    query->push_back('=');
    percent_encode_append(given->value, query);
  }
  // Path: copy the template, substituting each {name}.
  const std::string_view tmpl = op.path;
  size_t pos = 0;
  while (pos < tmpl.size()) {
    const size_t open = tmpl.find('{', pos);
    if (open == std::string_view::npos) {
      path->append(tmpl.substr(pos));
      break;
    }
    const size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) {  // the generator refuses such templates
      return Error::make(KALSHI_ERR_INTERNAL, std::string(op.id) + ": malformed path template");
    }
    path->append(tmpl.substr(pos, open - pos));
    const std::string_view name = tmpl.substr(open + 1, close - open - 1);
    const Param *given = nullptr;
    for (const Param &p : params) {
      if (p.name == name) {
        given = &p;
        break;
      }
    }
    if (given == nullptr) return invalid(op, "path parameter", name, "required but missing");
    if (given->value.empty()) return invalid(op, "path parameter", name, "must not be empty");
    const ParamDef *def = find_def(op, name);
    if (def != nullptr) {
      if (Error e = check_scalar(op, *def, given->value); !e.ok()) return e;
    }
    percent_encode_append(given->value, path);
    pos = close + 1;
  }
  return {};
}

// The JSON type of a top-level body field against the declared one.
bool type_matches(ParamType want, dom::element value) {
  switch (want) {
    case ParamType::String:
      return value.is_string();
    case ParamType::Integer:
      return value.is_int64();
    case ParamType::Number:
      return value.is_number();
    case ParamType::Boolean:
      return value.is_bool();
    case ParamType::StringArray:
    case ParamType::IntegerArray:
    case ParamType::Array:
      return value.is_array();
    case ParamType::Object:
      return value.is_object();
  }
  return false;
}

const char *json_type_name(ParamType type) {
  switch (type) {
    case ParamType::String:
      return "a string";
    case ParamType::Integer:
      return "an integer (int64)";
    case ParamType::Number:
      return "a number";
    case ParamType::Boolean:
      return "true or false";
    case ParamType::StringArray:
    case ParamType::IntegerArray:
    case ParamType::Array:
      return "an array";
    case ParamType::Object:
      return "an object";
  }
  return "?";
}

dom::parser &thread_parser() {
  // One parser per thread keeps its buffers between requests; bounded by the body limit.
  thread_local dom::parser parser(kMaxRequestBodyBytes);
  return parser;
}

Error check_body(const OperationDef &op, std::string_view body) {
  if (body.empty()) {
    if (op.body_required) return invalid(op, "request", "body", "required but missing");
    return {};
  }
  if (!op.body_allowed) return invalid(op, "request", "body", "this operation takes no body");
  if (body.size() > kMaxRequestBodyBytes) {
    return invalid(op, "request", "body",
                   "larger than " + std::to_string(kMaxRequestBodyBytes) + " bytes");
  }
  dom::element root;
  if (auto err = thread_parser().parse(body.data(), body.size()).get(root);
      err != simdjson::SUCCESS) {
    return invalid(op, "request", "body",
                   std::string("not valid JSON: ") + simdjson::error_message(err));
  }
  dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return invalid(op, "request", "body", "not a JSON object");
  }
  for (const BodyFieldDef &def : op.body_fields()) {
    dom::element value;
    if (object.at_key(def.name).get(value) != simdjson::SUCCESS) {
      if (def.required) return invalid(op, "body field", def.name, "required but missing");
      continue;
    }
    if (value.is_null()) {
      // An optional field sent as null means "absent" to the exchange's decoder.
      if (def.required && !def.nullable) return invalid(op, "body field", def.name, "is null");
      continue;
    }
    if (!type_matches(def.type, value)) {
      return invalid(op, "body field", def.name,
                     std::string("must be ") + json_type_name(def.type));
    }
    if (def.type == ParamType::String && def.enum_count != 0) {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS ||
          !in_enum(def.enum_values, def.enum_count, text)) {
        return invalid(
            op, "body field", def.name,
            quoted(text) + " is not one of " + enum_list(def.enum_values, def.enum_count));
      }
    }
    if (def.type == ParamType::Integer && (def.has_min || def.has_max)) {
      int64_t v = 0;
      if (value.get_int64().get(v) != simdjson::SUCCESS) {
        return invalid(op, "body field", def.name, "must be an integer (int64)");
      }
      if (def.has_min && v < def.min) {
        return invalid(op, "body field", def.name,
                       std::to_string(v) + " " + bound_text("below the minimum", def.min));
      }
      if (def.has_max && v > def.max) {
        return invalid(op, "body field", def.name,
                       std::to_string(v) + " " + bound_text("above the maximum", def.max));
      }
    }
  }
  return {};
}

}  // namespace

Error build_request(const OperationDef &op, std::span<const Param> params,
                    std::string_view body_json, BuiltRequest *out) {
  out->method.assign(op.method);
  out->sign_path.assign(op.base_path);
  out->target.clear();
  out->body.clear();
  out->idempotent = op.idempotent;
  out->auth = op.auth;
  out->rate_class = op.rate_class;
  out->op = &op;
  // The query is assembled in `target` first and moved behind the path at the end, so a reused
  // BuiltRequest needs no scratch allocation.
  if (Error e = build_params(op, params, &out->sign_path, &out->target); !e.ok()) return e;
  if (Error e = check_body(op, body_json); !e.ok()) return e;
  if (out->target.empty()) {
    out->target.assign(out->sign_path);
  } else {
    out->target.insert(0, 1, '?');
    out->target.insert(0, out->sign_path);
  }
  out->body.assign(body_json);
  return {};
}

Error build_request(Api api, std::string_view operation_id, std::span<const Param> params,
                    std::string_view body_json, BuiltRequest *out) {
  const OperationDef *op = find_operation(api, operation_id);
  if (op == nullptr) {
    return Error::make(KALSHI_ERR_NOT_FOUND, std::string("no ") + api_name(api) +
                                                 " operation named " + quoted(operation_id));
  }
  return build_request(*op, params, body_json, out);
}

}  // namespace kalshi::rest
