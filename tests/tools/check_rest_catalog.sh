#!/usr/bin/env bash
# Drift check (ctest rest.catalog_current): fails when src/api/rest/catalog_data.inc or
# docs/REST_OPERATIONS.md differ from what scripts/gen_rest_catalog.py makes of spec/*.yaml.
# Usage: check_rest_catalog.sh [SOURCE_DIR]. Skips (77) only when PyYAML is missing (Debian
# python3-yaml; scripts/setup-deps.sh installs it).
set -euo pipefail
root="${1:-${KALSHI_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}}"
exec /usr/bin/python3 "$root/scripts/gen_rest_catalog.py" --root "$root" --check
