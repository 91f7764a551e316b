// Runs an HttpSession on one accepted ServerStream: received bytes go to the session, its
// outputs are written in order; an output with a delay holds it and everything after it back
// on a libuv timer (so pipelined responses never overtake a delayed one). Loop thread only.
#pragma once

#include <uv.h>

#include <memory>

#include "sim/http/http_server.h"
#include "sim/net/stream_server.h"

namespace kalshi::sim {

// Serves the stream until it closes; keeps itself alive meanwhile (no owner needed). handler
// must outlive the stream (the simulator closes its listeners, and so the streams, first).
void serve_http(uv_loop_t *loop, std::shared_ptr<ServerStream> stream, HttpHandler handler);

}  // namespace kalshi::sim
