// The correctly framed vectors of kalshi-fix.md §15.2, verbatim ('|' stands for SOH).
#pragma once

#include <string>
#include <string_view>

namespace fix_vectors {

struct Vector {
  const char *name;
  const char *text;  // '|' = SOH
};

inline constexpr Vector kGolden[] = {
    {"heartbeat",
     "8=FIXT.1.1|9=72|35=0|49=your-fix-api-key-uuid|56=KalshiNR|34=2|52=20230809-05:28:48.035|"
     "10=047|"},
    {"testrequest",
     "8=FIXT.1.1|9=83|35=1|49=your-fix-api-key-uuid|56=KalshiNR|34=3|52=20230809-05:29:18.035|"
     "112=TEST-1|10=161|"},
    {"hb_reply",
     "8=FIXT.1.1|9=83|35=0|49=KalshiNR|56=your-fix-api-key-uuid|34=3|52=20230809-05:29:18.100|"
     "112=TEST-1|10=153|"},
    {"nos",
     "8=FIXT.1.1|9=148|35=D|34=5|52=20230809-12:34:56.789|49=your-api-key|56=KalshiNR|11=550e8"
     "400-e29b-41d4-a716-446655440000|38=10|40=2|54=1|55=HIGHNY-23DEC31|44=75|59=1|10=181|"},
    {"nos_dollars",
     "8=FIXT.1.1|9=121|35=D|34=2|52=20250926-21:54:16.040|49=your-api-key|56=KalshiRT|11=order"
     "-2|38=100.0|40=2|44=0.7500|54=1|55=HIGHNY-23DEC31|10=114|"},
    {"ogcreate",
     "8=FIXT.1.1|9=84|35=UOG|34=5|52=20230809-12:34:56.789|49=your-api-key|56=KalshiNR|20131=1"
     "|20132=5000|10=003|"},
    {"mdreq",
     "8=FIXT.1.1|9=106|35=V|49=your-api-key|56=KalshiMD|34=2|52=20260528-14:00:00.000|263=1|14"
     "6=1|55=KXNBAGAME-26MAY25NYKCLE-NYK|10=017|"},
    {"logon_nr",
     "8=FIXT.1.1|9=452|35=A|49=your-fix-api-key-uuid|56=KalshiNR|34=1|52=20230809-05:28:18.035"
     "|98=0|108=30|95=344|96=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAA==|141=Y|1137=9|10=059|"},
    {"logon_rt_flags",
     "8=FIXT.1.1|9=471|35=A|49=your-fix-api-key-uuid|56=KalshiRT|34=1|52=20230809-05:28:18.035"
     "|98=0|108=30|95=344|96=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAA==|1137=9|21005=Y|21011=Y|20200=72|10=203|"},
    {"resend",
     "8=FIXT.1.1|9=81|35=2|49=your-fix-api-key-uuid|56=KalshiRT|34=7|52=20230809-05:30:00.000|"
     "7=5|16=0|10=160|"},
    {"seqreset_gapfill",
     "8=FIXT.1.1|9=114|35=4|49=KalshiRT|56=your-fix-api-key-uuid|34=5|52=20230809-05:30:00.050"
     "|43=Y|122=20230809-05:29:00.000|123=Y|36=9|10=088|"},
    {"logout",
     "8=FIXT.1.1|9=72|35=5|49=your-fix-api-key-uuid|56=KalshiNR|34=9|52=20230809-05:31:00.000|"
     "10=033|"},
    {"cancel",
     "8=FIXT.1.1|9=175|35=F|49=your-fix-api-key-uuid|56=KalshiNR|34=6|52=20230809-12:35:01.000"
     "|11=550e8400-e29b-41d4-a716-446655440001|41=550e8400-e29b-41d4-a716-446655440000|54=1|55"
     "=HIGHNY-23DEC31|10=217|"},
    {"replace",
     "8=FIXT.1.1|9=192|35=G|49=your-fix-api-key-uuid|56=KalshiNR|34=7|52=20230809-12:35:02.000"
     "|11=550e8400-e29b-41d4-a716-446655440002|41=550e8400-e29b-41d4-a716-446655440000|38=20|4"
     "0=2|44=76|54=1|55=HIGHNY-23DEC31|10=206|"},
    {"masscancel",
     "8=FIXT.1.1|9=86|35=q|49=your-fix-api-key-uuid|56=KalshiNR|34=8|52=20230809-12:35:03.000|"
     "11=mc-1|530=6|10=064|"},
    {"er_fill_dollars",
     "8=FIXT.1.1|9=229|35=8|49=KalshiRT|56=your-fix-api-key-uuid|34=4|52=20250926-21:54:16.159"
     "|6=0.6600|11=order-2|14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|38=100.0000|39=2|44="
     "0.7500|54=1|55=HIGHNY-23DEC31|60=20250926-21:54:16.158|150=F|151=0.00|10=065|"},
    {"md_snapshot",
     "8=FIXT.1.1|9=162|35=W|49=KalshiMD|56=your-fix-api-key-uuid|34=2|52=20260528-14:00:00.010"
     "|55=KXNBAGAME-26MAY25NYKCLE-NYK|268=2|269=0|270=0.3500|271=10.00|269=1|270=0.6500|271=5."
     "00|10=231|"},
    {"eventresend",
     "8=FIXT.1.1|9=109|35=U1|49=your-fix-api-key-uuid|56=KalshiDC|34=2|52=20230809-12:40:00.00"
     "0|21001=12345;67890|21002=12350;67895|10=119|"},
};

// The wire bytes of a '|'-notated message.
inline std::string wire(std::string_view text) {
  std::string s(text);
  for (char &c : s) {
    if (c == '|') c = '\x01';
  }
  return s;
}

}  // namespace fix_vectors
