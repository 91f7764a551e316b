#include "sim/http/http_link.h"

#include <deque>

namespace kalshi::sim {

namespace {

class HttpLink : public std::enable_shared_from_this<HttpLink> {
 public:
  HttpLink(uv_loop_t *loop, std::shared_ptr<ServerStream> stream, HttpHandler handler)
      : stream_(std::move(stream)), session_(std::move(handler)) {
    uv_timer_init(loop, &timer_);
    timer_.data = this;
  }

  void start() {
    self_ = shared_from_this();  // released once the stream has closed and the timer with it
    stream_->set_handlers(ServerStream::Handlers{
        [this](const uint8_t *data, size_t len) { on_data(data, len); },
        [this](const Error &) { on_closed(); },
    });
  }

 private:
  void on_data(const uint8_t *data, size_t len) {
    if (closed_) return;
    std::vector<HttpOutput> out;
    session_.feed(std::string_view(reinterpret_cast<const char *>(data), len), &out);
    for (HttpOutput &o : out) queue_.push_back(std::move(o));
    pump();
  }

  void pump() {
    while (!queue_.empty() && !waiting_ && !closed_) {
      HttpOutput &o = queue_.front();
      if (o.delay_ms > 0) {
        waiting_ = true;
        const auto ms = static_cast<uint64_t>(o.delay_ms);
        o.delay_ms = 0;
        uv_timer_start(
            &timer_,
            [](uv_timer_t *t) {
              auto *self = static_cast<HttpLink *>(t->data);
              self->waiting_ = false;
              self->pump();
            },
            ms, 0);
        return;
      }
      if (o.reset) {
        queue_.clear();
        stream_->abort();
        return;
      }
      if (!o.bytes.empty()) {
        (void)stream_->write(reinterpret_cast<const uint8_t *>(o.bytes.data()), o.bytes.size());
      }
      const bool close = o.close;
      queue_.pop_front();
      if (close) {
        queue_.clear();
        stream_->close();
        return;
      }
    }
  }

  void on_closed() {
    if (closed_) return;
    closed_ = true;
    queue_.clear();
    uv_close(reinterpret_cast<uv_handle_t *>(&timer_), [](uv_handle_t *h) {
      auto *self = static_cast<HttpLink *>(h->data);
      std::shared_ptr<HttpLink> keep = std::move(self->self_);
      // keep goes out of scope here and frees the link.
    });
  }

  std::shared_ptr<ServerStream> stream_;
  HttpSession session_;
  std::deque<HttpOutput> queue_;
  uv_timer_t timer_{};
  bool waiting_ = false;
  bool closed_ = false;
  std::shared_ptr<HttpLink> self_;
};

}  // namespace

void serve_http(uv_loop_t *loop, std::shared_ptr<ServerStream> stream, HttpHandler handler) {
  auto link = std::make_shared<HttpLink>(loop, std::move(stream), std::move(handler));
  link->start();
}

}  // namespace kalshi::sim
