// The file store: the MemoryStore state, made durable by appending one CRC-checked record per
// change to a log (file_log.h). Opening replays the log and rewrites it compacted; the log is
// compacted again whenever it grows well past the live data.
//
// Durability: each record goes to the kernel with one write(2) before the call returns, so a
// process crash loses nothing. There is no fsync per record (it would cost milliseconds on the
// order path); after a power loss the tail may be gone, which replay treats as a torn record.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "fix/codec/buffer.h"
#include "fix/session/file_log.h"
#include "fix/session/memory_store.h"
#include "fix/session/store.h"

namespace kalshi::fix {

namespace {

constexpr size_t kDefaultMaxMessages = 100000;
// Compact when the log holds this much more than the live state.
constexpr uint64_t kCompactSlack = 32u * 1024 * 1024;

Error io_error(const std::string &what, const std::string &path, int err) {
  return Error::make(KALSHI_ERR_IO, what + " " + path + ": " + std::strerror(err));
}

// Comp ids become part of a file name: keep it to a portable set of characters.
std::string file_part(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.';
    out.push_back(ok ? c : '_');
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

bool write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool read_file(const std::string &path, std::string *out, int *err) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = errno;
    if (errno == ENOENT) {
      out->clear();
      return true;
    }
    return false;
  }
  out->clear();
  char buf[65536];
  for (;;) {
    const ssize_t r = ::read(fd, buf, sizeof buf);
    if (r < 0) {
      if (errno == EINTR) continue;
      *err = errno;
      ::close(fd);
      return false;
    }
    if (r == 0) break;
    out->append(buf, static_cast<size_t>(r));
  }
  ::close(fd);
  return true;
}

class ReplayInto : public LogSink {
 public:
  explicit ReplayInto(MemoryStore &m) : m_(m) {}
  void on_seq(LogKind kind, uint64_t seq) override {
    if (seq == 0) return;
    if (kind == LogKind::Sender) {
      (void)m_.set_next_sender_seq(seq);
    } else {
      (void)m_.set_next_target_seq(seq);
    }
  }
  void on_message(uint64_t seq, std::string_view msg_type, std::string_view body,
                  std::string_view sending_time) override {
    if (seq != 0) (void)m_.save(seq, msg_type, body, sending_time);
  }

 private:
  MemoryStore &m_;
};

class FileStore : public Store {
 public:
  FileStore(std::string dir, std::string path) : dir_(std::move(dir)), path_(std::move(path)) {}
  ~FileStore() override {
    if (fd_ >= 0) ::close(fd_);
    if (lock_fd_ >= 0) ::close(lock_fd_);
  }
  FileStore(const FileStore &) = delete;
  FileStore &operator=(const FileStore &) = delete;

  Error open() {
    const std::string lock_path = path_ + ".lock";
    lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock_fd_ < 0) return io_error("cannot open", lock_path, errno);
    // Two processes appending to one store would interleave sequence numbers.
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      return Error::make(KALSHI_ERR_IO, "FIX store " + path_ + " is in use by another process");
    }
    std::string bytes;
    int err = 0;
    if (!read_file(path_, &bytes, &err)) return io_error("cannot read", path_, err);
    ReplayInto sink(mem_);
    const ReplayResult r = replay_log(bytes, sink);
    if (r.bad_magic) {
      return Error::make(KALSHI_ERR_IO, "not a libkalshi FIX store: " + path_);
    }
    // Rewriting drops any torn tail and the superseded records in one go.
    return compact();
  }

  uint64_t next_sender_seq() const override { return mem_.next_sender_seq(); }
  uint64_t next_target_seq() const override { return mem_.next_target_seq(); }

  Error set_next_sender_seq(uint64_t seq) override {
    if (seq == 0) return mem_.set_next_sender_seq(seq);
    rec_.clear();
    append_seq_record(rec_, LogKind::Sender, seq);
    if (Error e = append(); !e.ok()) return e;
    return mem_.set_next_sender_seq(seq);
  }

  Error set_next_target_seq(uint64_t seq) override {
    if (seq == 0) return mem_.set_next_target_seq(seq);
    rec_.clear();
    append_seq_record(rec_, LogKind::Target, seq);
    if (Error e = append(); !e.ok()) return e;
    return mem_.set_next_target_seq(seq);
  }

  Error save(uint64_t seq, std::string_view msg_type, std::string_view body,
             std::string_view sending_time) override {
    if (seq == 0) return mem_.save(seq, msg_type, body, sending_time);
    rec_.clear();
    append_message_record(rec_, seq, msg_type, body, sending_time);
    if (Error e = append(); !e.ok()) return e;
    (void)mem_.save(seq, msg_type, body, sending_time);
    maybe_compact();
    return {};
  }

  void for_range(uint64_t begin, uint64_t end, const Visitor &fn) const override {
    mem_.for_range(begin, end, fn);
  }

  Error reset() override {
    (void)mem_.reset();
    return compact();
  }

 private:
  // One write(2) per record; on failure the file is cut back so a half-written record cannot
  // hide the records appended after it.
  Error append() {
    if (fd_ < 0) return Error::make(KALSHI_ERR_IO, "FIX store " + path_ + " is not open");
    if (write_all(fd_, rec_.data(), rec_.size())) {
      file_bytes_ += rec_.size();
      return {};
    }
    const int err = errno;
    if (::ftruncate(fd_, static_cast<off_t>(file_bytes_)) != 0) {
      ::close(fd_);
      fd_ = -1;  // unknown tail: refuse further writes rather than corrupt the log
    }
    return io_error("cannot append to", path_, err);
  }

  void maybe_compact() {
    const uint64_t live = mem_.ring().live_bytes();
    if (file_bytes_ > 2 * live + kCompactSlack && file_bytes_ > compact_floor_ + kCompactSlack) {
      // A failed compaction leaves the old log in place and appending continues; retry later.
      if (!compact().ok()) compact_floor_ = file_bytes_;
    }
  }

  // Writes the whole state to a new file and renames it over the log, so at every instant the
  // log on disk is either the old or the new one.
  Error compact() {
    const std::string tmp = path_ + ".tmp";
    Buffer out;
    out.append(kFileStoreMagic);
    append_seq_record(out, LogKind::Sender, mem_.next_sender_seq());
    append_seq_record(out, LogKind::Target, mem_.next_target_seq());
    mem_.for_range(
        1, 0,
        [&](uint64_t seq, std::string_view type, std::string_view body, std::string_view time) {
          append_message_record(out, seq, type, body, time);
        });
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return io_error("cannot create", tmp, errno);
    if (!write_all(fd, out.data(), out.size()) || ::fsync(fd) != 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return io_error("cannot write", tmp, err);
    }
    if (::rename(tmp.c_str(), path_.c_str()) != 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return io_error("cannot rename", tmp, err);
    }
    sync_dir();
    ::close(fd);
    const int afd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (afd < 0) return io_error("cannot open", path_, errno);
    if (fd_ >= 0) ::close(fd_);
    fd_ = afd;
    file_bytes_ = out.size();
    compact_floor_ = 0;
    return {};
  }

  void sync_dir() {
    const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      (void)::fsync(dfd);
      ::close(dfd);
    }
  }

  std::string dir_;
  std::string path_;
  int fd_ = -1;
  int lock_fd_ = -1;
  uint64_t file_bytes_ = 0;
  uint64_t compact_floor_ = 0;  // after a failed compaction: wait for this much more growth
  MemoryStore mem_{kDefaultMaxMessages};
  Buffer rec_;  // the record being appended, reused
};

}  // namespace

Error open_file_store(const std::string &dir, std::string_view sender_comp_id,
                      std::string_view target_comp_id, std::unique_ptr<Store> *out) {
  if (out == nullptr) return Error::make(KALSHI_ERR_INVALID_ARG, "out is NULL");
  if (dir.empty()) return Error::make(KALSHI_ERR_INVALID_ARG, "FIX store directory is empty");
  if (sender_comp_id.empty() || target_comp_id.empty()) {
    return Error::make(KALSHI_ERR_INVALID_ARG, "FIX store needs both comp ids");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir, ec)) {
    return Error::make(KALSHI_ERR_IO, "FIX store directory " + dir + " is unusable" +
                                          (ec ? ": " + ec.message() : std::string()));
  }
  std::string path =
      dir + "/" + file_part(sender_comp_id) + "-" + file_part(target_comp_id) + ".fixstore";
  auto store = std::make_unique<FileStore>(dir, std::move(path));
  if (Error e = store->open(); !e.ok()) return e;
  *out = std::move(store);
  return {};
}

}  // namespace kalshi::fix
