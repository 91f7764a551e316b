// FIX framing (kalshi-fix.md §2.1, §15.2): the golden vectors encode byte for byte and scan as one
// frame each; every kind of malformed frame is refused with its reason, once, and the reader then
// finds the next good frame; reads split at every byte boundary give the same frames.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <string_view>
#include <vector>

#include "fix/codec/field_cursor.h"
#include "fix/codec/frame_reader.h"
#include "fix/codec/writer.h"
#include "test_fix_codec_vectors.h"

// Last: cmocka defines fail() and friends as macros, and has no C++ guards of its own.
extern "C" {
#include <cmocka.h>
}

using namespace kalshi::fix;
using fix_vectors::kGolden;
using fix_vectors::wire;

namespace {

void assert_str_eq(std::string_view got, std::string_view want) {
  if (got != want) {
    print_error("got  %.*s\nwant %.*s\n", static_cast<int>(got.size()), got.data(),
                static_cast<int>(want.size()), want.data());
  }
  assert_true(got == want);
}

// One event of a FrameReader run: a frame's bytes, or a refusal.
struct Event {
  bool error;
  FrameError why;
  std::string frame;
  bool operator==(const Event &) const = default;
};

std::vector<Event> drain(FrameReader &r) {
  std::vector<Event> out;
  for (;;) {
    std::string_view f;
    FrameError e = FrameError::None;
    const FrameReader::Result res = r.next(&f, &e);
    if (res == FrameReader::Result::NeedMore) return out;
    if (res == FrameReader::Result::Frame) {
      out.push_back({false, FrameError::None, std::string(f)});
    } else {
      out.push_back({true, e, {}});
    }
  }
}

// Feeds `bytes` in pieces of the given sizes (the last piece takes the rest).
std::vector<Event> run(std::string_view bytes, const std::vector<size_t> &cuts,
                       size_t max = kDefaultMaxMessageSize) {
  FrameReader r(max);
  std::vector<Event> out;
  size_t at = 0;
  for (size_t cut : cuts) {
    if (cut > bytes.size() - at) cut = bytes.size() - at;
    r.feed(bytes.data() + at, cut);
    at += cut;
    for (Event &e : drain(r)) out.push_back(std::move(e));
  }
  r.feed(bytes.data() + at, bytes.size() - at);
  for (Event &e : drain(r)) out.push_back(std::move(e));
  return out;
}

Event frame(std::string_view bytes) {
  return {false, FrameError::None, std::string(bytes)};
}
Event refused(FrameError e) {
  return {true, e, {}};
}

void assert_events(const std::vector<Event> &got, const std::vector<Event> &want) {
  if (got != want) {
    for (const Event &e : got) {
      print_error("  %s %s\n", e.error ? "error" : "frame",
                  e.error ? frame_error_name(e.why) : e.frame.c_str());
    }
  }
  assert_int_equal(got.size(), want.size());
  assert_true(got == want);
}

// Re-encodes a golden vector from its parsed fields: the header through encode_message when its
// fields are in Kalshi's order (35 49 56 34 [50] 52 [43] [97] [122]), else 35 and the rest
// verbatim through encode_raw. Returns whether encode_message could be used.
bool reencode(std::string_view msg, Buffer &out) {
  std::vector<Field> fields;
  FieldCursor c(msg);
  Field f;
  while (c.next(&f)) fields.push_back(f);
  assert_int_equal(c.error(), FieldError::None);
  assert_true(fields.size() >= 4);
  assert_int_equal(fields[2].tag, 35);
  assert_int_equal(fields.back().tag, 10);
  // Body: from after 35 to before 10, as bytes of the original.
  const char *body_from = fields[3].value.data() - (std::to_string(fields[3].tag).size() + 1);
  const char *body_to = fields.back().value.data() - 3;

  Header h;
  h.msg_type = fields[2].value;
  size_t i = 3;
  const auto take = [&](uint32_t tag, std::string_view *v) {
    if (i < fields.size() && fields[i].tag == tag) {
      *v = fields[i++].value;
      return true;
    }
    return false;
  };
  std::string_view seq, flag;
  bool ok = take(49, &h.sender_comp_id) && take(56, &h.target_comp_id) && take(34, &seq);
  if (ok) {
    take(50, &h.sender_sub_id);
    ok = take(52, &h.sending_time);
  }
  if (ok) {
    if (take(43, &flag)) h.poss_dup = flag == "Y";
    if (take(97, &flag)) h.poss_resend = flag == "Y";
    take(122, &h.orig_sending_time);
    ok = parse_uint(seq, &h.msg_seq_num);
  }
  if (ok) {
    const char *rest = i + 1 < fields.size()
                           ? fields[i].value.data() - (std::to_string(fields[i].tag).size() + 1)
                           : body_to;
    encode_message(h, std::string_view(rest, static_cast<size_t>(body_to - rest)), out);
    return true;
  }
  encode_raw(fields[2].value, std::string_view(body_from, static_cast<size_t>(body_to - body_from)),
             out);
  return false;
}

void test_golden_vectors_encode_exactly(void **) {
  int via_header = 0;
  for (const auto &v : kGolden) {
    const std::string msg = wire(v.text);
    Buffer out;
    out.append("prefix");  // appends after what is there
    if (reencode(msg, out)) ++via_header;
    assert_str_eq(out.view().substr(6), msg);

    // encode_raw reproduces every vector from 35's value and the fields after it.
    const size_t type_at = msg.find(
                               "\x01"
                               "35=") +
                           4;
    const size_t type_end = msg.find('\x01', type_at);
    const size_t trailer = msg.size() - 7;
    Buffer raw;
    const size_t n =
        encode_raw(std::string_view(msg).substr(type_at, type_end - type_at),
                   std::string_view(msg).substr(type_end + 1, trailer - type_end - 1), raw);
    assert_int_equal(n, msg.size());
    assert_str_eq(raw.view(), msg);
  }
  // Only nos, nos_dollars and ogcreate put 34/52 before 49/56.
  assert_int_equal(via_header, static_cast<int>(std::size(kGolden)) - 3);
}

void test_golden_vectors_scan_as_one_frame(void **) {
  for (const auto &v : kGolden) {
    const std::string msg = wire(v.text);
    const FrameScan s = scan_frame(msg.data(), msg.size(), kDefaultMaxMessageSize);
    assert_int_equal(s.status, FrameScan::Complete);
    assert_int_equal(s.length, msg.size());
    // Every proper prefix is incomplete, never refused.
    for (size_t n = 0; n < msg.size(); ++n) {
      assert_int_equal(scan_frame(msg.data(), n, kDefaultMaxMessageSize).status,
                       FrameScan::NeedMore);
    }
    FrameReader r;
    r.feed(msg.data(), msg.size());
    assert_events(drain(r), {frame(msg)});
    assert_int_equal(r.buffered(), 0);
  }
}

void test_logon_raw_data_is_read_by_length(void **) {
  const std::string msg = wire(kGolden[7].text);  // logon_nr
  FieldCursor c(msg);
  Field f;
  std::string_view data;
  while (c.next(&f)) {
    if (f.tag == 96) data = f.value;
  }
  assert_int_equal(c.error(), FieldError::None);
  assert_int_equal(data.size(), 344);
  assert_true(data.substr(342) == "==");
}

void test_encode_message_header_order_and_flags(void **) {
  Buffer body;
  FieldWriter w(body);
  w.add(112, "TEST-1");
  Header h;
  h.msg_type = "0";
  h.sender_comp_id = "S";
  h.target_comp_id = "T";
  h.msg_seq_num = 18446744073709551615ULL;
  h.sending_time = "20230809-05:29:18.100";
  h.sender_sub_id = "op1";
  h.poss_dup = true;
  h.poss_resend = true;
  h.orig_sending_time = "20230809-05:29:00.000";
  Buffer out;
  const size_t n = encode_message(h, body.view(), out);
  assert_int_equal(n, out.size());
  const std::string want_body = wire(
      "35=0|49=S|56=T|34=18446744073709551615|50=op1|52=20230809-05:29:18.100|43=Y|97=Y|"
      "122=20230809-05:29:00.000|112=TEST-1|");
  const std::string head = wire("8=FIXT.1.1|9=") + std::to_string(want_body.size()) + "\x01";
  assert_str_eq(out.view().substr(0, head.size() + want_body.size()), head + want_body);
  const FrameScan s = scan_frame(out.data(), out.size(), kDefaultMaxMessageSize);
  assert_int_equal(s.status, FrameScan::Complete);
  assert_int_equal(s.length, n);

  // Without the optional fields none of 50, 43, 97, 122 appears.
  Header plain = h;
  plain.sender_sub_id = {};
  plain.poss_dup = plain.poss_resend = false;
  plain.orig_sending_time = {};
  plain.msg_seq_num = 0;
  Buffer out2;
  encode_message(plain, body.view(), out2);
  const std::string plain_want =
      wire("8=FIXT.1.1|9=56|35=0|49=S|56=T|34=0|52=20230809-05:29:18.100|112=TEST-1|");
  assert_str_eq(out2.view().substr(0, plain_want.size()), plain_want);
  assert_int_equal(out2.size(), plain_want.size() + 7);
  assert_int_equal(scan_frame(out2.data(), out2.size(), 1 << 16).status, FrameScan::Complete);
}

void test_checksum_is_byte_sum_mod_256(void **) {
  std::string s;
  for (int len = 0; len < 70; ++len) {
    unsigned sum = 0;
    for (char c : s) sum += static_cast<unsigned char>(c);
    assert_int_equal(checksum(s.data(), s.size()), sum % 256);
    s.push_back(static_cast<char>(0xF0 + len % 16));  // high bytes count as unsigned
  }
}

// ---- malformed frames -----------------------------------------------------------------------

const std::string kGood = wire(kGolden[0].text);   // heartbeat
const std::string kGood2 = wire(kGolden[1].text);  // testrequest

// The malformed bytes, then a good frame: the reader reports `why` once, then returns the frame.
void assert_refused_then_good(const std::string &bad, FrameError why) {
  const std::string stream = bad + kGood;
  assert_events(run(stream, {}), {refused(why), frame(kGood)});
  // Same when the bad bytes arrive in their own read, and byte by byte.
  assert_events(run(stream, {bad.size()}), {refused(why), frame(kGood)});
  assert_events(run(stream, std::vector<size_t>(stream.size(), 1)), {refused(why), frame(kGood)});
}

std::string replace(std::string s, std::string_view from, std::string_view to) {
  const size_t at = s.find(from);
  assert_true(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

void test_bad_checksum(void **) {
  assert_refused_then_good(replace(kGood, "10=047", "10=048"), FrameError::BadChecksum);
  assert_refused_then_good(replace(kGood, "10=047", "10=303"), FrameError::BadChecksum);
  const std::string bad = replace(kGood, "10=047", "10=048");
  const FrameScan s = scan_frame(bad.data(), bad.size(), kDefaultMaxMessageSize);
  assert_int_equal(s.status, FrameScan::Malformed);
  assert_int_equal(s.length, bad.size());  // the whole frame is skipped
}

void test_bad_body_length(void **) {
  // Too short and too long: 10= is not where BodyLength says.
  assert_refused_then_good(replace(kGood, "9=72", "9=71"), FrameError::BadTrailer);
  assert_refused_then_good(replace(kGood, "9=72", "9=73"), FrameError::BadTrailer);
  // Far too long: it swallows the next frame, which is still found by resynchronising.
  const std::string lng = replace(kGood, "9=72", "9=120");
  assert_events(run(lng + kGood + kGood2 + kGood, {}),
                {refused(FrameError::BadTrailer), frame(kGood), frame(kGood2), frame(kGood)});
  // Not digits, signed, leading zero, empty, missing.
  assert_refused_then_good(replace(kGood, "9=72", "9=7x"), FrameError::BadBodyLength);
  assert_refused_then_good(replace(kGood, "9=72", "9=+72"), FrameError::BadBodyLength);
  assert_refused_then_good(replace(kGood, "9=72", "9=-72"), FrameError::BadBodyLength);
  assert_refused_then_good(replace(kGood, "9=72", "9=072"), FrameError::BadBodyLength);
  assert_refused_then_good(replace(kGood, "9=72", "9="), FrameError::BadBodyLength);
  assert_refused_then_good(replace(kGood, "9=72\x01", ""), FrameError::BadBodyLength);
  assert_refused_then_good(replace(kGood, "9=72", "90=72"), FrameError::BadBodyLength);
}

void test_truncated_frame(void **) {
  // A frame cut short and followed by a new one: the declared length runs into the next frame.
  const std::string cut = kGood.substr(0, 40);
  assert_events(run(cut + kGood2 + kGood, {}),
                {refused(FrameError::BadTrailer), frame(kGood2), frame(kGood)});
  // At the end of the stream a cut frame is simply incomplete and kept.
  FrameReader r;
  r.feed(cut.data(), cut.size());
  assert_events(drain(r), {});
  assert_int_equal(r.buffered(), cut.size());
  r.reset();
  assert_int_equal(r.buffered(), 0);
  r.feed(kGood.data(), kGood.size());
  assert_events(drain(r), {frame(kGood)});
}

void test_oversized_refused_on_declaration(void **) {
  const size_t max = 256;
  // Refused as soon as the BodyLength digits say too much, before any of the body arrives.
  const std::string head = wire("8=FIXT.1.1|9=1000");
  FrameReader r(max);
  r.feed(head.data(), head.size());
  assert_events(drain(r), {refused(FrameError::TooLarge)});
  assert_true(r.buffered() < kBeginString.size());
  // The huge body that follows is the same bad frame: discarded, not reported again, never kept.
  const std::string body = wire("|35=D|") + std::string(5000, 'x') + "|";
  for (size_t i = 0; i < body.size(); i += 100) {
    const std::string_view piece = std::string_view(body).substr(i, 100);
    r.feed(piece.data(), piece.size());
    assert_events(drain(r), {});
    assert_true(r.buffered() <= max);
  }
  r.feed(kGood.data(), kGood.size());
  assert_events(drain(r), {frame(kGood)});

  // The limit counts whole frames: exactly max passes, one byte less refuses it.
  assert_events(run(kGood, {}, kGood.size()), {frame(kGood)});
  // Two oversized frames are two refusals (each is its own bad frame).
  assert_events(run(kGood + kGood, {}, kGood.size() - 1),
                {refused(FrameError::TooLarge), refused(FrameError::TooLarge)});
  assert_refused_then_good(replace(kGood, "9=72", "9=99999999999999999999999999"),
                           FrameError::TooLarge);
}

void test_missing_soh(void **) {
  assert_refused_then_good(replace(kGood, "FIXT.1.1\x01", "FIXT.1.1"), FrameError::BadBeginString);
  assert_refused_then_good(replace(kGood, "9=72\x01", "9=72"), FrameError::BadBodyLength);
  assert_refused_then_good(replace(kGood, "35=0\x01", "35=0"), FrameError::BadTrailer);
  // The SOH before 10= (BodyLength adjusted so 10= is where it points).
  assert_refused_then_good(replace(replace(kGood, ".035\x01", ".035"), "9=72", "9=71"),
                           FrameError::BadTrailer);
  // The final SOH: the next frame's '8' sits where the SOH should be.
  assert_events(run(kGood.substr(0, kGood.size() - 1) + kGood2 + kGood, {}),
                {refused(FrameError::BadTrailer), frame(kGood2), frame(kGood)});
}

void test_wrong_begin_string(void **) {
  assert_refused_then_good(replace(kGood, "8=FIXT.1.1", "8=FIX.4.4"), FrameError::BadBeginString);
  assert_refused_then_good(replace(kGood, "8=FIXT.1.1", "8=FIXT.1.2"), FrameError::BadBeginString);
  assert_refused_then_good(replace(kGood, "8=FIXT.1.1", "9=FIXT.1.1"), FrameError::BadBeginString);
}

void test_msg_type_must_be_third_and_non_empty(void **) {
  // 49 moved in front of 35 (same length, so only the order is wrong).
  std::string swapped = replace(kGood,
                                "35=0\x01"
                                "49=your-fix-api-key-uuid\x01",
                                "49=your-fix-api-key-uuid\x01"
                                "35=0\x01");
  assert_refused_then_good(swapped, FrameError::BadMsgType);
  std::string empty = replace(replace(kGood, "35=0\x01", "35=\x01"), "9=72", "9=71");
  assert_refused_then_good(empty, FrameError::BadMsgType);
  // A body too short to hold 35=X<SOH>.
  assert_refused_then_good(wire("8=FIXT.1.1|9=3|35=10=000|"), FrameError::BadMsgType);
}

void test_garbage_is_reported_once(void **) {
  const std::string garbage = "hello world 8=FIX 8 8= garbage";
  // Before the first frame, between frames, and split over many reads: one report each time.
  assert_events(run(garbage + kGood, {}), {refused(FrameError::BadBeginString), frame(kGood)});
  const std::string stream = kGood + garbage + kGood2 + garbage + garbage + kGood;
  const std::vector<Event> want = {frame(kGood), refused(FrameError::BadBeginString), frame(kGood2),
                                   refused(FrameError::BadBeginString), frame(kGood)};
  assert_events(run(stream, {}), want);
  assert_events(run(stream, std::vector<size_t>(stream.size(), 1)), want);
  assert_events(run(stream, std::vector<size_t>(stream.size() / 7, 7)), want);
  // A partial begin string at the end of garbage, completed by the next read.
  const std::string tricky = "xx8=FIXT" + kGood;
  assert_events(run(tricky, {5}), {refused(FrameError::BadBeginString), frame(kGood)});
  assert_events(run(tricky, {8}), {refused(FrameError::BadBeginString), frame(kGood)});
}

// ---- streaming ------------------------------------------------------------------------------

std::string all_vectors() {
  std::string s;
  for (const auto &v : kGolden) s += wire(v.text);
  return s;
}

std::vector<Event> all_vector_events() {
  std::vector<Event> want;
  for (const auto &v : kGolden) want.push_back(frame(wire(v.text)));
  return want;
}

void test_split_at_every_byte(void **) {
  const std::string stream = all_vectors();
  const std::vector<Event> want = all_vector_events();
  for (size_t cut = 0; cut <= stream.size(); ++cut) assert_events(run(stream, {cut}), want);
  assert_events(run(stream, std::vector<size_t>(stream.size(), 1)), want);
  // Two cuts, everywhere, over a shorter stream (three good frames around a bad one).
  const std::string mixed = kGood + replace(kGood2, "10=161", "10=162") + kGood;
  const std::vector<Event> mixed_want = {frame(kGood), refused(FrameError::BadChecksum),
                                         frame(kGood)};
  for (size_t a = 0; a <= mixed.size(); a += 3) {
    for (size_t b = 0; a + b <= mixed.size(); ++b) assert_events(run(mixed, {a, b}), mixed_want);
  }
}

void test_many_frames_in_one_read_are_views(void **) {
  const std::string stream = all_vectors();
  FrameReader r;
  r.feed(stream.data(), stream.size());
  size_t n = 0, at = 0;
  std::string_view f;
  FrameError e;
  while (r.next(&f, &e) == FrameReader::Result::Frame) {
    // No copy: the frame is the caller's bytes, in order.
    assert_ptr_equal(f.data(), stream.data() + at);
    at += f.size();
    ++n;
  }
  assert_int_equal(n, std::size(kGolden));
  assert_int_equal(at, stream.size());
  assert_int_equal(r.buffered(), 0);

  // After a split frame is completed from the carry, the rest of the read is again returned in
  // place.
  const std::string two = kGood + kGood2;
  FrameReader r2;
  r2.feed(two.data(), 10);
  assert_int_equal(r2.next(&f, &e), FrameReader::Result::NeedMore);
  r2.feed(two.data() + 10, two.size() - 10);
  assert_int_equal(r2.next(&f, &e), FrameReader::Result::Frame);
  assert_str_eq(f, kGood);
  assert_int_equal(r2.next(&f, &e), FrameReader::Result::Frame);
  assert_str_eq(f, kGood2);
  assert_ptr_equal(f.data(), two.data() + kGood.size());
  assert_int_equal(r2.next(&f, &e), FrameReader::Result::NeedMore);
}

void test_carry_hands_back_overshoot(void **) {
  // A read that ends inside the begin string: completing the frame copies a little extra from
  // the next read, which must go back to that read so the next frame is again returned in place.
  Buffer tiny;
  encode_raw("0", "", tiny);  // 27 bytes, shorter than the reader's header probe
  const std::string small(tiny.view());
  assert_int_equal(small.size(), 27);
  const std::string stream = small + kGood;
  FrameReader r;
  std::string_view f;
  FrameError e;
  r.feed(stream.data(), 5);
  assert_int_equal(r.next(&f, &e), FrameReader::Result::NeedMore);
  r.feed(stream.data() + 5, stream.size() - 5);
  assert_int_equal(r.next(&f, &e), FrameReader::Result::Frame);
  assert_str_eq(f, small);
  assert_int_equal(r.next(&f, &e), FrameReader::Result::Frame);
  assert_str_eq(f, kGood);
  assert_ptr_equal(f.data(), stream.data() + small.size());
  assert_int_equal(r.buffered(), 0);
  assert_int_equal(r.next(&f, &e), FrameReader::Result::NeedMore);
}

void test_bad_checksum_skips_whole_frame(void **) {
  // A frame whose RawData quotes a whole frame: with a bad checksum the quoted frame must not be
  // taken for a real one, since the framing around it was consistent.
  Buffer body;
  FieldWriter w(body);
  w.add_data(95, 96, kGood2);
  Buffer msg;
  encode_raw("A", body.view(), msg);
  std::string bad(msg.view());
  bad[bad.size() - 2] =
      bad[bad.size() - 2] == '9' ? '0' : static_cast<char>(bad[bad.size() - 2] + 1);
  assert_events(run(std::string(msg.view()) + bad + kGood, {}),
                {frame(std::string(msg.view())), refused(FrameError::BadChecksum), frame(kGood)});
}

void test_feed_before_drained_keeps_bytes(void **) {
  // A caller that feeds again before NeedMore loses nothing.
  FrameReader r;
  std::string a = kGood + kGood2.substr(0, 30);
  std::string b = kGood2.substr(30) + kGood;
  r.feed(a.data(), a.size());
  std::string_view f;
  FrameError e;
  assert_int_equal(r.next(&f, &e), FrameReader::Result::Frame);
  r.feed(b.data(), b.size());
  a.assign(a.size(), 'z');  // the first read's memory is gone
  assert_events(drain(r), {frame(kGood2), frame(kGood)});
}

}  // namespace

int main() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden_vectors_encode_exactly),
      cmocka_unit_test(test_golden_vectors_scan_as_one_frame),
      cmocka_unit_test(test_logon_raw_data_is_read_by_length),
      cmocka_unit_test(test_encode_message_header_order_and_flags),
      cmocka_unit_test(test_checksum_is_byte_sum_mod_256),
      cmocka_unit_test(test_bad_checksum),
      cmocka_unit_test(test_bad_body_length),
      cmocka_unit_test(test_truncated_frame),
      cmocka_unit_test(test_oversized_refused_on_declaration),
      cmocka_unit_test(test_missing_soh),
      cmocka_unit_test(test_wrong_begin_string),
      cmocka_unit_test(test_msg_type_must_be_third_and_non_empty),
      cmocka_unit_test(test_garbage_is_reported_once),
      cmocka_unit_test(test_split_at_every_byte),
      cmocka_unit_test(test_many_frames_in_one_read_are_views),
      cmocka_unit_test(test_carry_hands_back_overshoot),
      cmocka_unit_test(test_bad_checksum_skips_whole_frame),
      cmocka_unit_test(test_feed_before_drained_keeps_bytes),
  };
  return cmocka_run_group_tests(tests, nullptr, nullptr);
}
