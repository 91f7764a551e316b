#!/usr/bin/python3
"""Generates the REST operation catalog from the vendored OpenAPI specs.

Reads spec/openapi.yaml (prediction 3.31.0), spec/openapi-3.34-addendum.yaml (the one operation
added by 3.34.0), spec/perps_openapi.yaml and spec/perps_scm_openapi.yaml (Klear), and writes

  src/api/rest/catalog_data.inc   static constexpr tables included by src/api/rest/catalog.cpp
  docs/REST_OPERATIONS.md         one row per operation

Usage:
  gen_rest_catalog.py [--root DIR]           write both outputs
  gen_rest_catalog.py [--root DIR] --check   exit 1 (with a diff summary) if the committed
                                             outputs differ from what the specs generate

Needs PyYAML (Debian python3-yaml). Decisions taken where the specs are silent are written next
to the code that takes them, and summarised in the header of docs/REST_OPERATIONS.md.
"""

import argparse
import difflib
import os
import sys
import urllib.parse

try:
    import yaml
except ImportError:  # the drift check skips (exit 77) rather than fails without PyYAML
    sys.stderr.write("gen_rest_catalog.py: PyYAML missing (apt-get install python3-yaml)\n")
    sys.exit(77)

# (api enum name, display name, spec files in order). The addendum's operations follow 3.31's.
APIS = [
    ("Prediction", "prediction", ["openapi.yaml", "openapi-3.34-addendum.yaml"]),
    ("Perps", "perps", ["perps_openapi.yaml"]),
    ("Klear", "klear", ["perps_scm_openapi.yaml"]),
]
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
IDEMPOTENT_METHODS = ("GET", "HEAD", "OPTIONS")
# Order-entry tags whose writes go to the Write bucket (rest-notes.md section 5: order placement,
# amend, decrease, cancel, order-group operations). Reads of the same resources stay on Read.
WRITE_TAGS = ("orders", "order-groups")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1

OUT_INC = os.path.join("src", "api", "rest", "catalog_data.inc")
OUT_DOC = os.path.join("docs", "REST_OPERATIONS.md")


class SpecError(Exception):
    pass


class Spec:
    """One loaded YAML document with $ref resolution inside it."""

    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)

    def resolve(self, node, depth=0):
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise SpecError(f"{self.path}: external $ref {ref} is not supported")
            target = self.doc
            for part in ref[2:].split("/"):
                target = target[part]
            node = target
            depth += 1
            if depth > 32:
                raise SpecError(f"{self.path}: $ref loop at {ref}")
        return node

    def flatten_schema(self, schema, depth=0):
        """Resolves $ref and merges allOf into one dict (properties, required, type, enum...)."""
        schema = self.resolve(schema)
        if depth > 16:
            raise SpecError(f"{self.path}: allOf nested too deep")
        if not isinstance(schema, dict):
            return {}
        if "allOf" not in schema:
            return schema
        merged = {}
        merged_props = {}
        merged_required = []
        for part in schema["allOf"]:
            sub = self.flatten_schema(part, depth + 1)
            merged_props.update(sub.get("properties", {}))
            merged_required += sub.get("required", [])
            for k, v in sub.items():
                if k not in ("properties", "required"):
                    merged.setdefault(k, v)
        # Keywords next to allOf (description, nullable, minimum...) refine the merged schema.
        for k, v in schema.items():
            if k == "allOf":
                continue
            if k == "properties":
                merged_props.update(v)
            elif k == "required":
                merged_required += v
            else:
                merged[k] = v
        if merged_props:
            merged["properties"] = merged_props
        if merged_required:
            merged["required"] = merged_required
        return merged


def c_string(text):
    """A C string literal; UTF-8 passes through, whitespace runs collapse to one space."""
    if text is None:
        return "nullptr"
    text = " ".join(str(text).split())
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "?":
            out.append("\\?")  # never forms a trigraph, whatever the compiler mode
        elif ord(ch) < 0x20:
            out.append(" ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def c_int(v):
    if v == INT64_MIN:
        return "INT64_MIN"
    if v == INT64_MAX:
        return "INT64_MAX"
    return f"INT64_C({v})"


def integer_bound(schema, key, fallback):
    value = schema.get(key)
    if value is None:
        return fallback
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        return fallback  # a fractional bound on an integer would need rounding: leave unbounded
    value = int(value)
    if key == "minimum" and schema.get("exclusiveMinimum") is True:
        value += 1
    if key == "maximum" and schema.get("exclusiveMaximum") is True:
        value -= 1
    return value


def bounds(schema):
    """(has_min, has_max, min, max) for an integer schema; int32 formats bound by their range."""
    lo_fallback = INT32_MIN if schema.get("format") == "int32" else None
    hi_fallback = INT32_MAX if schema.get("format") == "int32" else None
    lo = integer_bound(schema, "minimum", lo_fallback)
    hi = integer_bound(schema, "maximum", hi_fallback)
    return (lo is not None, hi is not None, lo if lo is not None else 0, hi if hi is not None else 0)


def enum_texts(schema):
    values = schema.get("enum")
    if not values:
        return []
    out = []
    for v in values:
        if v is None:
            continue
        if isinstance(v, bool):
            out.append("true" if v else "false")
        else:
            out.append(str(v))
    return out


def param_type(spec, schema, where):
    t = schema.get("type")
    if t == "string":
        return "String"
    if t == "integer":
        return "Integer"
    if t == "number":
        return "Number"
    if t == "boolean":
        return "Boolean"
    if t == "array":
        items = spec.flatten_schema(schema.get("items", {}))
        it = items.get("type")
        if it == "integer":
            return "IntegerArray"
        if it == "string":
            return "StringArray"
        raise SpecError(f"{where}: array parameter of {it!r} items is not supported")
    raise SpecError(f"{where}: parameter type {t!r} is not supported")


def body_type(schema, where):
    t = schema.get("type")
    if t is None and "properties" in schema:
        t = "object"
    mapping = {"string": "String", "integer": "Integer", "number": "Number",
               "boolean": "Boolean", "array": "Array", "object": "Object"}
    if t not in mapping:
        raise SpecError(f"{where}: body field type {t!r} is not supported")
    return mapping[t]


def path_template_names(path):
    names = []
    i = 0
    while True:
        a = path.find("{", i)
        if a < 0:
            return names
        b = path.find("}", a)
        if b < 0:
            raise SpecError(f"{path}: unbalanced braces")
        names.append(path[a + 1:b])
        i = b + 1


def success_schema(spec, op):
    """The JSON schema of the first 2xx response, flattened, or {}."""
    for code in sorted(op.get("responses", {}), key=str):
        if not str(code).startswith("2"):
            continue
        resp = spec.resolve(op["responses"][code])
        content = resp.get("content", {}) if isinstance(resp, dict) else {}
        js = content.get("application/json")
        if not js or "schema" not in js:
            return {}
        return spec.flatten_schema(js["schema"])
    return {}


def auth_of(spec, op):
    security = op.get("security", spec.doc.get("security"))
    schemes = set()
    for alternative in security or []:
        schemes.update(alternative.keys())
    if not schemes:
        return "None", False
    if schemes & {"kalshiAccessKey", "kalshiAccessSignature", "kalshiAccessTimestamp"}:
        return "KalshiSignature", "kalshiOauthAccessToken" in schemes
    if "kalshiBearer" in schemes:
        return "Bearer", False
    raise SpecError(f"{op.get('operationId')}: unknown security schemes {sorted(schemes)}")


def collect(root):
    operations = []
    for api, api_name, files in APIS:
        base_path = None
        for fname in files:
            spec = Spec(os.path.join(root, "spec", fname))
            servers = spec.doc.get("servers") or []
            if not servers:
                raise SpecError(f"{fname}: no servers")
            this_base = urllib.parse.urlsplit(servers[0]["url"]).path.rstrip("/")
            if base_path is None:
                base_path = this_base
            elif base_path != this_base:
                raise SpecError(f"{fname}: base path {this_base} differs from {base_path}")
            for path, item in spec.doc.get("paths", {}).items():
                item = spec.resolve(item)
                shared_params = item.get("parameters", [])
                for method in HTTP_METHODS:
                    if method in item:
                        operations.append(
                            build_operation(spec, api, api_name, base_path, path, method,
                                            item[method], shared_params))
    return operations


def build_operation(spec, api, api_name, base_path, path, method, op, shared_params):
    op_id = op.get("operationId")
    if not op_id:
        raise SpecError(f"{spec.path}: {method.upper()} {path} has no operationId")
    where = f"{api_name}.{op_id}"
    # Operation-level parameters override path-level ones with the same (name, in).
    merged = {}
    for raw in list(shared_params) + list(op.get("parameters", [])):
        prm = spec.resolve(raw)
        if prm.get("in") not in ("path", "query"):
            continue  # header and cookie parameters are the transport's business
        merged[(prm["name"], prm["in"])] = prm
    params = []
    names_seen = set()
    for (name, where_in), prm in merged.items():
        if name in names_seen:
            raise SpecError(f"{where}: parameter name {name} used twice (path and query)")
        names_seen.add(name)
        schema = spec.flatten_schema(prm.get("schema", {}))
        ptype = param_type(spec, schema, f"{where}.{name}")
        enum_schema = schema
        if ptype.endswith("Array"):
            enum_schema = spec.flatten_schema(schema.get("items", {}))
        style = prm.get("style", "form" if where_in == "query" else "simple")
        explode = prm.get("explode", style == "form")
        if ptype.endswith("Array") and style != "form":
            raise SpecError(f"{where}.{name}: array style {style} is not supported")
        has_min = has_max = False
        lo = hi = 0
        if ptype in ("Integer", "IntegerArray"):
            has_min, has_max, lo, hi = bounds(enum_schema)
        params.append({
            "name": name,
            "in": "Path" if where_in == "path" else "Query",
            "type": ptype,
            # OpenAPI: path parameters are always required.
            "required": bool(prm.get("required", False)) or where_in == "path",
            "enum": enum_texts(enum_schema),
            "has_min": has_min, "has_max": has_max, "min": lo, "max": hi,
            "explode": bool(explode),
        })
    template = path_template_names(path)
    declared = {p["name"] for p in params if p["in"] == "Path"}
    for name in template:
        if name not in declared:
            raise SpecError(f"{where}: path parameter {{{name}}} is not declared")
    for name in declared:
        if name not in template:
            raise SpecError(f"{where}: path parameter {name} is not in the template")

    body = []
    body_allowed = False
    body_required = False
    rb = op.get("requestBody")
    if rb is not None:
        rb = spec.resolve(rb)
        content = rb.get("content", {})
        if "application/json" not in content:
            raise SpecError(f"{where}: request body is not application/json")
        body_allowed = True
        body_required = bool(rb.get("required", False))
        schema = spec.flatten_schema(content["application/json"].get("schema", {}))
        if schema.get("type", "object") != "object":
            raise SpecError(f"{where}: request body is not an object")
        required = set(schema.get("required", []))
        for fname, fschema in schema.get("properties", {}).items():
            fs = spec.flatten_schema(fschema)
            ftype = body_type(fs, f"{where}.body.{fname}")
            has_min = has_max = False
            lo = hi = 0
            if ftype == "Integer":
                has_min, has_max, lo, hi = bounds(fs)
            body.append({
                "name": fname, "type": ftype, "required": fname in required,
                "nullable": bool(fs.get("nullable", False)),
                "enum": enum_texts(fs) if ftype == "String" else [],
                "has_min": has_min, "has_max": has_max, "min": lo, "max": hi,
            })

    # Paginated = a cursor query parameter and a cursor in the response (rest-notes.md section 6).
    # The list is the response's first array property (GetEvents: events, GetPositions:
    # market_positions; the second list of those pages travels with the same cursor).
    resp = success_schema(spec, op)
    props = resp.get("properties", {})
    has_cursor_param = any(p["name"] == "cursor" and p["in"] == "Query" for p in params)
    response_cursor = None
    for candidate in ("cursor", "next_cursor"):
        if candidate in props:
            response_cursor = candidate
            break
    paginated = has_cursor_param and response_cursor is not None
    items = None
    if paginated:
        for pname, pschema in props.items():
            if spec.flatten_schema(pschema).get("type") == "array":
                items = pname
                break
    http_method = method.upper()
    tags = op.get("tags") or []
    auth, oauth = auth_of(spec, op)
    write = False
    if http_method not in IDEMPOTENT_METHODS and api != "Klear":
        if tags and tags[0] in WRITE_TAGS:
            write = True
        # The RFQ quote flow (create/accept/confirm/delete quotes) is charged to Write as well.
        if tags and tags[0] == "communications" and "/quotes" in path:
            write = True
    return {
        "api": api, "api_name": api_name, "id": op_id, "method": http_method, "path": path,
        "base_path": base_path, "auth": auth, "oauth": oauth,
        "rate_class": "Write" if write else "Read",
        "idempotent": http_method in IDEMPOTENT_METHODS,
        "paginated": paginated, "items": items if paginated else None,
        "response_cursor": response_cursor if paginated else None,
        "params": params, "body": body, "body_allowed": body_allowed,
        "body_required": body_required, "deprecated": bool(op.get("deprecated", False)),
        "summary": op.get("summary") or "",
    }


def b(v):
    return "true" if v else "false"


def render_inc(operations):
    lines = [
        "// Generated by scripts/gen_rest_catalog.py from spec/*.yaml; do not edit.",
        "// Included once, by src/api/rest/catalog.cpp, inside namespace kalshi::rest.",
        "// clang-format off",
        "",
    ]
    op_rows = []
    for index, op in enumerate(operations):
        stem = f"k{op['api']}_{op['id']}"
        params_ref, body_ref = "nullptr", "nullptr"
        if op["params"]:
            rows = []
            for p in op["params"]:
                enum_ref = "nullptr"
                if p["enum"]:
                    enum_ref = f"{stem}_{p['name']}_enum"
                    lines.append(f"constexpr const char *{enum_ref}[] = {{"
                                 + ", ".join(c_string(e) for e in p["enum"]) + "};")
                rows.append(
                    f"  {{{c_string(p['name'])}, ParamIn::{p['in']}, ParamType::{p['type']}, "
                    f"{b(p['required'])}, {enum_ref}, {len(p['enum'])}, {b(p['has_min'])}, "
                    f"{b(p['has_max'])}, {c_int(p['min'])}, {c_int(p['max'])}, "
                    f"{b(p['explode'])}}},")
            params_ref = f"{stem}_params"
            lines.append(f"constexpr ParamDef {params_ref}[] = {{")
            lines += rows
            lines.append("};")
        if op["body"]:
            rows = []
            for f in op["body"]:
                enum_ref = "nullptr"
                if f["enum"]:
                    enum_ref = f"{stem}_body_{f['name']}_enum"
                    lines.append(f"constexpr const char *{enum_ref}[] = {{"
                                 + ", ".join(c_string(e) for e in f["enum"]) + "};")
                rows.append(
                    f"  {{{c_string(f['name'])}, ParamType::{f['type']}, {b(f['required'])}, "
                    f"{enum_ref}, {len(f['enum'])}, {b(f['nullable'])}, {b(f['has_min'])}, "
                    f"{b(f['has_max'])}, {c_int(f['min'])}, {c_int(f['max'])}}},")
            body_ref = f"{stem}_body"
            lines.append(f"constexpr BodyFieldDef {body_ref}[] = {{")
            lines += rows
            lines.append("};")
        op_rows.append(
            f"  {{{c_string(op['id'])}, Api::{op['api']}, {c_string(op['method'])}, "
            f"{c_string(op['path'])}, {c_string(op['base_path'])}, Auth::{op['auth']}, "
            f"RateClass::{op['rate_class']}, {b(op['idempotent'])}, {b(op['paginated'])}, "
            f"{c_string(op['items'])}, {params_ref}, {len(op['params'])}, {body_ref}, "
            f"{len(op['body'])}, {b(op['body_required'])}, {c_string(op['summary'])}, "
            f"{b(op['body_allowed'])}, {c_string(op['response_cursor'])}, {b(op['oauth'])}, "
            f"{b(op['deprecated'])}}},  // {index}")
    lines.append("")
    lines.append(f"constexpr OperationDef kOperations[{len(operations)}] = {{")
    lines += op_rows
    lines.append("};")
    # Indices of kOperations sorted by (api, operationId) for binary search.
    order = sorted(range(len(operations)),
                   key=lambda i: ([a[0] for a in APIS].index(operations[i]["api"]),
                                  operations[i]["id"].encode("utf-8")))
    lines.append("")
    lines.append(f"constexpr uint16_t kOperationIndex[{len(operations)}] = {{")
    for start in range(0, len(order), 16):
        lines.append("  " + ", ".join(str(i) for i in order[start:start + 16]) + ",")
    lines.append("};")
    counts = {}
    for op in operations:
        counts[op["api"]] = counts.get(op["api"], 0) + 1
    lines.append("")
    lines.append("// Operations per api, in Api order.")
    lines.append("constexpr uint16_t kOperationsPerApi[] = {"
                 + ", ".join(str(counts.get(a[0], 0)) for a in APIS) + "};")
    lines.append("// clang-format on")
    return "\n".join(lines) + "\n"


def md_cell(text):
    return " ".join(str(text).split()).replace("|", "\\|")


def describe(p):
    """One parameter or body field for the doc: `name`* type [min, max] {enum}."""
    text = f"`{p['name']}`" + ("*" if p["required"] else "")
    kind = {"String": "string", "Integer": "integer", "Number": "number", "Boolean": "boolean",
            "StringArray": "string array", "IntegerArray": "integer array", "Array": "array",
            "Object": "object"}[p["type"]]
    text += f" {kind}"
    if p["has_min"] or p["has_max"]:
        lo = str(p["min"]) if p["has_min"] else ""
        hi = str(p["max"]) if p["has_max"] else ""
        text += f" [{lo}, {hi}]"
    if p["enum"]:
        text += " {" + ", ".join(" ".join(e.split()) for e in p["enum"]) + "}"
    return text


def render_doc(operations):
    out = [
        "# REST operations",
        "",
        "Generated by `scripts/gen_rest_catalog.py` from the vendored specs in `spec/`; do not edit.",
        "The same tables are compiled into the library (`src/api/rest/catalog_data.inc`), and the",
        "`rest.catalog_current` test fails when this file or the tables drift from the specs.",
        "",
        "| api | operations | base path | spec |",
        "|---|---|---|---|",
    ]
    for api, name, files in APIS:
        ops = [o for o in operations if o["api"] == api]
        base = ops[0]["base_path"] if ops else ""
        out.append(f"| {name} | {len(ops)} | `{base}` | " + ", ".join(f"`spec/{f}`" for f in files)
                   + " |")
    out += [
        "",
        "Columns: **auth** `none` (public), `signature` (KALSHI-ACCESS-* RSA-PSS headers with the",
        "api's key; `+oauth` where the compliance-partner bearer token is accepted too), `bearer`",
        "(Klear `Authorization: Bearer <admin_user_id>:<access_token>`). **paginated**: a `cursor`",
        "query parameter and a cursor in the response; the list property follows. **rate**: the",
        "token bucket charged (rest-notes.md §5: order/order-group writes and the RFQ quote flow",
        "are `write`, everything else `read`; Klear publishes no limits and is listed as `read`).",
        "",
        "Rules the generator applies where the specs are silent:",
        "",
        "- Paths are relative to the base path; the signature covers base path + path, never the",
        "  query.",
        "- Query arrays use the spec's style (`form`, `explode: true`: the key is repeated).",
        "- `int32` parameters without explicit bounds are bounded by the int32 range.",
        "- A paginated response's list is its first array property (`GetEvents` → `events`,",
        "  position lists → `market_positions`, whose companion list shares the cursor).",
        "",
    ]
    out.append("## Operations")
    out.append("")
    out.append("| api | operationId | method | path | auth | paginated | rate | summary |")
    out.append("|---|---|---|---|---|---|---|---|")
    for o in operations:
        auth = {"None": "none", "KalshiSignature": "signature", "Bearer": "bearer"}[o["auth"]]
        if o["oauth"]:
            auth += "+oauth"
        pag = f"yes (`{o['items']}`)" if o["paginated"] else "no"
        summary = md_cell(o["summary"])
        if o["deprecated"]:
            summary += " (deprecated)"
        out.append(f"| {o['api_name']} | `{o['id']}` | {o['method']} | `{o['path']}` | {auth} | "
                   f"{pag} | {o['rate_class'].lower()} | {summary} |")
    out.append("")
    out += [
        "## Parameters and body fields",
        "",
        "`*` = required. Types: `integer` is `-?(0|[1-9][0-9]*)` in int64 within the bounds shown,",
        "`boolean` is `true`/`false`, `array` elements go comma-separated or repeated and are sent",
        "with the key repeated. Body fields are the top-level properties of the JSON object; fields",
        "not listed are passed through unchecked.",
        "",
    ]
    for o in operations:
        parts = []
        for where in ("Path", "Query"):
            items = [describe(p) for p in o["params"] if p["in"] == where]
            if items:
                parts.append(f"{where.lower()}: " + ", ".join(items))
        if o["body_allowed"]:
            items = [describe(f) for f in o["body"]]
            label = "body" if o["body_required"] else "optional body"
            parts.append(f"{label}: " + (", ".join(items) if items else "`{}`"))
        out.append(f"- {o['api_name']} `{o['id']}`: " + ("; ".join(parts) if parts else "none"))
    out.append("")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    try:
        operations = collect(args.root)
    except (SpecError, KeyError, OSError, yaml.YAMLError) as e:
        sys.stderr.write(f"gen_rest_catalog.py: {e}\n")
        return 2
    seen = set()
    for o in operations:
        key = (o["api"], o["id"])
        if key in seen:
            sys.stderr.write(f"gen_rest_catalog.py: duplicate operation {key}\n")
            return 2
        seen.add(key)
    outputs = {OUT_INC: render_inc(operations), OUT_DOC: render_doc(operations)}
    if args.check:
        stale = 0
        for rel, text in outputs.items():
            path = os.path.join(args.root, rel)
            try:
                with open(path, encoding="utf-8") as f:
                    current = f.read()
            except OSError:
                current = ""
            if current != text:
                stale += 1
                diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(),
                                                 f"{rel} (committed)", f"{rel} (from specs)",
                                                 lineterm="", n=0))
                changed = sum(1 for d in diff if d[:1] in "+-" and d[:3] not in ("+++", "---"))
                sys.stdout.write(f"{rel}: stale, {changed} changed lines; first ones:\n")
                for d in diff[:40]:
                    sys.stdout.write(d + "\n")
        if stale:
            sys.stdout.write("run: /usr/bin/python3 scripts/gen_rest_catalog.py\n")
            return 1
        print(f"REST catalog current: {len(operations)} operations")
        return 0
    for rel, text in outputs.items():
        path = os.path.join(args.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {OUT_INC} and {OUT_DOC}: {len(operations)} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
