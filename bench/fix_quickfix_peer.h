// QuickFIX doing the same work as our FIX codec benchmarks, behind a plain interface: QuickFIX's
// headers need C++14 (dynamic exception specifications), so they live in their own translation
// unit and never meet our C++20 headers.
#pragma once

#include <cstddef>
#include <string>

namespace bench_qf {

// Parses one framed message without a data dictionary or validation (FIX::Message(string,
// false)) and reads every header, body and trailer field. Returns the total value length read.
size_t decode_and_walk(const std::string &frame);

// Builds the §15.2 `nos` NewOrderSingle as a FIX50SP2 message and serialises it (toString), into
// a string that is reused across calls. Returns its length.
size_t encode_nos(unsigned seq, std::string &out);

}  // namespace bench_qf
