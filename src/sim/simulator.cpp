#include "sim/simulator.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <fstream>
#include <utility>

#include "core/clock.h"
#include "core/decimal.h"
#include "core/environments.h"
#include "sim/simulator_impl.h"

namespace kalshi::sim {

namespace {

constexpr SimEndpoint kEndpoints[] = {
    {"fix.nr", fix::Product::Prediction, fix::SessionKind::NR},
    {"fix.rt", fix::Product::Prediction, fix::SessionKind::RT},
    {"fix.dc", fix::Product::Prediction, fix::SessionKind::DC},
    {"fix.pt", fix::Product::Prediction, fix::SessionKind::PT},
    {"fix.rfq", fix::Product::Prediction, fix::SessionKind::RFQ},
    {"fix.md", fix::Product::Prediction, fix::SessionKind::MD},
    {"perps.fix.nr", fix::Product::Margin, fix::SessionKind::NR},
    {"perps.fix.rt", fix::Product::Margin, fix::SessionKind::RT},
    {"perps.fix.dc", fix::Product::Margin, fix::SessionKind::DC},
    {"perps.fix.md", fix::Product::Margin, fix::SessionKind::MD},
};

// How long stop() lets sessions flush their Logout before streams are cut.
constexpr int kCloseGraceMs = 1000;
// Upper bound on waiting for the loop thread to end; it always ends within the grace period
// plus the time the last callbacks take, so this only guards against a bug.
constexpr int kCloseWaitMs = 30000;
// A markets file larger than this is refused rather than read into memory.
constexpr std::streamsize kMaxMarketsFile = 64 << 20;

Error read_file(const std::string &path, std::string *out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::make(KALSHI_ERR_IO, "sim.markets_file: cannot open " + path);
  in.seekg(0, std::ios::end);
  const std::streamsize size = in.tellg();
  if (size < 0 || size > kMaxMarketsFile) {
    return Error::make(KALSHI_ERR_IO,
                       "sim.markets_file: cannot read " + path + " (or over 64 MiB)");
  }
  in.seekg(0);
  out->resize(static_cast<size_t>(size));
  if (!in.read(out->data(), size)) {
    return Error::make(KALSHI_ERR_IO, "sim.markets_file: cannot read " + path);
  }
  return Error{};
}

void on_link_timer(uv_timer_t *t) {
  auto *link = static_cast<SimLink *>(t->data);
  if (link->conn) link->conn->tick(session_now_ms());
  link->owner->rearm(link);
}

void on_clock_timer(uv_timer_t *t) {
  static_cast<Simulator::Impl *>(t->data)->on_clock();
}

Error write_ca_file(const std::string &pem, std::string *dir, std::string *file) {
  const char *tmp = getenv("TMPDIR");
  std::string templ =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/kalshi-sim-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) {
    return Error::make(KALSHI_ERR_IO, "cannot create a directory for the simulator's CA file");
  }
  *dir = templ;
  *file = templ + "/ca.pem";
  std::ofstream out(*file, std::ios::binary | std::ios::trunc);
  out << pem;
  out.close();
  if (!out) return Error::make(KALSHI_ERR_IO, "cannot write " + *file);
  return Error{};
}

}  // namespace

const SimEndpoint *sim_endpoints(size_t *count) {
  *count = sizeof(kEndpoints) / sizeof(kEndpoints[0]);
  return kEndpoints;
}

int64_t session_now_ms() {
  return wall_clock_ms();
}

Error read_sim_options(const Conf &conf, SimOptions *out) {
  SimOptions o;
  o.seed = static_cast<uint64_t>(conf.get_int("sim.seed"));
  if (const std::string path = conf.get("sim.markets_file"); !path.empty()) {
    if (Error e = read_file(path, &o.markets_json); !e.ok()) return e;
  }
  o.tls = conf.get_bool("sim.tls");
  o.plain = conf.get_bool("sim.plain");
  if (!o.tls && !o.plain) {
    return Error::make(KALSHI_ERR_INVALID_VALUE, "sim.tls and sim.plain are both off: no listener");
  }
  o.host = conf.get("sim.host");
  if (!is_loopback_host(o.host)) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       "sim.host: the simulator listens on loopback only (127.0.0.1, ::1)");
  }
  if (o.host == "localhost") o.host = "127.0.0.1";
  for (const auto &ep : kEndpoints) {
    for (const char *suffix : {"", ".tls"}) {
      const std::string name = std::string(ep.name) + suffix;
      o.ports[name] = static_cast<uint16_t>(conf.get_int("sim.port." + name));
    }
  }
  // w3: WebSocket listeners.
  o.ports["ws"] = static_cast<uint16_t>(conf.get_int("sim.port.ws"));
  o.ports["ws.tls"] = static_cast<uint16_t>(conf.get_int("sim.port.ws.tls"));
  // r5: REST listeners.
  o.ports["rest"] = static_cast<uint16_t>(conf.get_int("sim.port.rest"));
  o.ports["rest.tls"] = static_cast<uint16_t>(conf.get_int("sim.port.rest.tls"));
  o.manual_clock = conf.get("sim.clock") == "manual";
  o.start_ms = conf.get_int("sim.start_ms");
  o.tick_ms = conf.get_int("sim.tick_ms");
  o.activity = conf.get_bool("sim.activity");
  o.activity_rate = conf.get_int("sim.activity_rate");
  o.confirm_window_ms = conf.get_int("sim.confirm_window_ms");
  const std::string balance = conf.get("sim.balance");
  if (parse_fixed(balance, 6, &o.balance) != KALSHI_OK || o.balance < 0) {
    return Error::make(KALSHI_ERR_INVALID_VALUE,
                       "sim.balance: expected a non-negative dollar amount such as 1000.00");
  }
  *out = std::move(o);
  return Error{};
}

Simulator::Impl::~Impl() {
  // The loop has ended (or never ran): tear down in dependency order, users before providers.
  rest_front.reset();  // r5
  ws_front.reset();  // w3
  gateway.reset();
  app.reset();
  activity.reset();
  rfq.reset();
  exchange.reset();
  if (!ca_file.empty()) ::unlink(ca_file.c_str());
  if (!ca_dir.empty()) ::rmdir(ca_dir.c_str());
}

Error Simulator::Impl::setup_loop() {
  uv_loop_t *loop = runtime.loop();
  runtime.add_closable(this);
  uv_timer_init(loop, &clock_timer);
  clock_timer.data = this;
  clock_timer_live = true;
  uv_timer_start(&clock_timer, on_clock_timer, static_cast<uint64_t>(opts.tick_ms),
                 static_cast<uint64_t>(opts.tick_ms));
  for (Listener &l : listeners) {
    const auto requested = opts.ports.find(l.name);
    const uint16_t want = requested == opts.ports.end() ? 0 : requested->second;
    Listener *lp = &l;
    Error e = StreamServer::listen(
        loop, opts.host, want, l.tls ? tls_config : nullptr,
        [this, lp](std::shared_ptr<ServerStream> s) { accept(*lp, std::move(s)); }, &l.server);
    if (!e.ok()) {
      e.message = l.name + ": " + e.message;
      return e;
    }
    l.port = l.server->port();
  }
  // w3: WebSocket listeners.
  if (Error e = ws_front->listen(loop, opts.host, opts.plain, opts.ports["ws"],
                                 opts.tls ? tls_config : nullptr, opts.ports["ws.tls"]);
      !e.ok()) {
    return e;
  }
  // r5: REST listeners.
  if (rest_front) {
    if (Error e = rest_front->listen(loop, opts.host, opts.plain, opts.ports["rest"],
                                     opts.tls ? tls_config : nullptr, opts.ports["rest.tls"]);
        !e.ok()) {
      return e;
    }
  }
  return Error{};
}

void Simulator::Impl::accept(const Listener &l, std::shared_ptr<ServerStream> stream) {
  if (stop_requested.load()) {
    stream->abort();
    return;
  }
  auto *link = new SimLink(this, stream);
  uv_timer_init(runtime.loop(), &link->timer);
  link->timer.data = link;
  links.insert(link);
  stream->set_handlers(ServerStream::Handlers{
      [this, link](const uint8_t *data, size_t len) {
        if (!link->conn) return;
        link->conn->received(reinterpret_cast<const char *>(data), len, session_now_ms());
        rearm(link);
      },
      [this, link](const Error &) { drop_link(link); },
  });
  link->conn = gateway->accept(l.product, l.kind, *link, session_now_ms());
  rearm(link);
}

void Simulator::Impl::drop_link(SimLink *link) {
  if (links.erase(link) == 0) return;
  if (auto conn = std::move(link->conn)) conn->disconnected(session_now_ms());
  uv_close(reinterpret_cast<uv_handle_t *>(&link->timer),
           [](uv_handle_t *h) { delete static_cast<SimLink *>(h->data); });
}

void Simulator::Impl::rearm(SimLink *link) {
  if (!link->conn || uv_is_closing(reinterpret_cast<uv_handle_t *>(&link->timer))) return;
  const int64_t deadline = link->conn->next_deadline_ms();
  if (deadline == INT64_MAX) {
    uv_timer_stop(&link->timer);
    return;
  }
  // At least 1 ms: a deadline that tick() did not move must not spin the loop.
  const int64_t wait = std::max<int64_t>(1, deadline - session_now_ms());
  uv_timer_start(&link->timer, on_link_timer, static_cast<uint64_t>(wait), 0);
}

void Simulator::Impl::rearm_all() {
  // Exchange events send on sessions outside their own callbacks, which can move deadlines.
  for (SimLink *link : links) rearm(link);
}

void Simulator::Impl::set_exchange_time(int64_t t) {
  exchange_now = t;
  exchange_now_mirror.store(t);
  exchange->advance_time(t);
  rfq->advance_time(t);
  if (activity_on) activity->step(t);
}

void Simulator::Impl::enable_activity(bool on) {
  activity_on = on;
  if (on && !books_seeded) {
    books_seeded = true;
    activity->seed_books(exchange_now);
  }
}

void Simulator::Impl::on_clock() {
  if (!opts.manual_clock) set_exchange_time(std::max(exchange_now, wall_clock_ms()));
  if (ws_front) ws_front->tick();  // w3: pings, held output, handshake deadlines
  rearm_all();
}

void Simulator::Impl::logout_all(std::string_view text) {
  Fault f;
  f.kind = FaultKind::Logout;
  f.text = std::string(text);
  for (const auto &ep : kEndpoints) {
    (void)gateway->inject(ep.product, ep.kind, "", f, session_now_ms());
  }
}

void Simulator::Impl::begin_close() {
  if (clock_timer_live) {
    clock_timer_live = false;
    uv_close(reinterpret_cast<uv_handle_t *>(&clock_timer), nullptr);
  }
  if (ws_front) ws_front->close();  // w3
  if (rest_front) rest_front->close();  // r5
  // Closing a server closes its streams gracefully; each link goes once its stream reports it.
  for (Listener &l : listeners) {
    if (l.server) l.server->close();
  }
}

void Simulator::Impl::force_close() {
  begin_close();
  std::vector<SimLink *> open(links.begin(), links.end());
  for (Listener &l : listeners) {
    if (l.server) l.server->force_close();
  }
  for (SimLink *link : open) link->stream->abort();
  if (rest_front) rest_front->force_close();  // r5
  if (ws_front) ws_front->force_close();  // w3
}

Simulator::Simulator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Simulator::~Simulator() {
  stop();
  if (impl_->runtime_started && !impl_->runtime.closed()) {
    // The loop is still running (a bug): leaking beats freeing what it uses.
    (void)impl_.release();
  }
}

Error Simulator::start(const Conf &conf, std::unique_ptr<Simulator> *out) {
  auto impl = std::make_unique<Impl>();
  if (Error e = read_sim_options(conf, &impl->opts); !e.ok()) return e;
  const SimOptions &o = impl->opts;
  impl->exchange = std::make_unique<Exchange>(o.seed);
  const std::string_view markets =
      o.markets_json.empty() ? Exchange::default_markets_json() : o.markets_json;
  if (Error e = impl->exchange->load_markets(markets); !e.ok()) {
    if (e.code == KALSHI_ERR_PARSE) e.code = KALSHI_ERR_INVALID_VALUE;
    e.message = "sim.markets_file: " + e.message;
    return e;
  }
  RfqSettings rfq_settings;
  rfq_settings.confirm_window_ms = o.confirm_window_ms;
  impl->rfq = std::make_unique<RfqDesk>(*impl->exchange, o.seed, rfq_settings);
  impl->app = std::make_unique<FixApp>(*impl->exchange, *impl->rfq);
  Impl *raw = impl.get();
  impl->gateway =
      std::make_unique<FixGateway>(impl->keys, *impl->app, [raw] { return raw->exchange_now; });
  impl->exchange_now = o.manual_clock && o.start_ms > 0 ? o.start_ms : wall_clock_ms();
  impl->exchange_now_mirror.store(impl->exchange_now);
  ActivitySettings activity_settings;
  activity_settings.orders_per_second = static_cast<uint32_t>(o.activity_rate);
  // Its own seed stream, so turning activity on does not change the exchange's identifiers.
  impl->activity = std::make_unique<ActivityGenerator>(*impl->exchange, o.seed ^ 0x5eed5eedULL,
                                                       activity_settings);
  // w3: the WebSocket front end observes the exchange from before the first order.
  impl->ws_front = std::make_unique<wsfront::WsFrontEnd>(
      *impl->exchange, impl->keys, [raw] { return raw->exchange_now; },
      [] { return session_now_ms(); });
  impl->ws_front->attach_rfq(impl->rfq.get());  // w3: the communications channel
  // r5: the REST front end observes the exchange from before the first order.
  impl->rest_front = std::make_unique<RestFrontEnd>(
      *impl->exchange, impl->keys, [raw] { return raw->exchange_now; },
      [] { return session_now_ms(); }, read_rest_options(conf));
  if (o.activity) impl->enable_activity(true);

  if (o.tls) {
    TestCertificate cert;
    if (Error e = make_test_certificate(&cert); !e.ok()) return e;
    if (Error e = make_tls_server_config(cert.cert_pem, cert.key_pem, &impl->tls_config); !e.ok()) {
      return e;
    }
    if (Error e = write_ca_file(cert.ca_pem, &impl->ca_dir, &impl->ca_file); !e.ok()) return e;
  }
  for (const auto &ep : kEndpoints) {
    if (o.plain) impl->listeners.push_back({ep.name, ep.product, ep.kind, false, nullptr, 0});
    if (o.tls) {
      impl->listeners.push_back(
          {std::string(ep.name) + ".tls", ep.product, ep.kind, true, nullptr, 0});
    }
  }

  if (Error e = impl->runtime.start(); !e.ok()) return e;
  impl->runtime_started = true;
  auto sim = std::unique_ptr<Simulator>(new Simulator(std::move(impl)));
  Error setup;
  if (!sim->impl_->call<Error>([raw] { return raw->setup_loop(); }, &setup)) {
    setup = Error::make(KALSHI_ERR_INTERNAL, "the simulator's loop ended during start");
  }
  if (!setup.ok()) return setup;  // sim's destructor stops the loop and cleans up
  *out = std::move(sim);
  return Error{};
}

void Simulator::stop() {
  Impl *impl = impl_.get();
  if (!impl->runtime_started) return;
  if (!impl->stop_requested.exchange(true)) {
    impl->runtime.post([impl] { impl->logout_all("the simulator is stopping"); });
    impl->runtime.begin_close(kCloseGraceMs, nullptr);
  }
  (void)impl->runtime.wait_closed(kCloseWaitMs);
}

Error Simulator::port(std::string_view endpoint, uint16_t *out) const {
  if (endpoint == "rest" || endpoint == "rest.tls") return impl_->rest_front->port(endpoint, out);  // r5
  if (endpoint == "ws" || endpoint == "ws.tls") return impl_->ws_front->port(endpoint, out);  // w3
  for (const auto &l : impl_->listeners) {
    if (l.name == endpoint && l.port != 0) {
      *out = l.port;
      return Error{};
    }
  }
  return Error::make(KALSHI_ERR_NOT_FOUND, "no listener \"" + std::string(endpoint) +
                                               "\" (unknown endpoint or disabled)");
}

const std::string &Simulator::ca_file() const {
  return impl_->ca_file;
}
bool Simulator::tls() const {
  return impl_->opts.tls;
}
bool Simulator::plain() const {
  return impl_->opts.plain;
}
std::string Simulator::host() const {
  return impl_->opts.host;
}

}  // namespace kalshi::sim
