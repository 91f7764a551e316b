use kalshi::{Count, ErrorCode, Price};

#[test]
fn price_parse_exact() {
    assert_eq!(Price::parse("0.56").unwrap(), Price(560_000));
    assert_eq!(Price::parse("0.5600").unwrap(), Price(560_000));
    assert_eq!(Price::parse("0.0001").unwrap(), Price(100));
    assert_eq!(Price::parse("-12.345678").unwrap(), Price(-12_345_678));
    assert_eq!(Price::parse("1.0000000").unwrap(), Price(1_000_000), "trailing zeros are exact");
    assert_eq!("0.99".parse::<Price>().unwrap(), Price(990_000));
    assert_eq!(Price::parse("9223372036854.775807").unwrap(), Price(i64::MAX));
}

#[test]
fn price_parse_rejects() {
    for s in ["", "+1", " 1", "1 ", "1e3", "1.", ".5", "abc", "0x10", "1,5", "--1"] {
        assert_eq!(Price::parse(s).unwrap_err().code(), ErrorCode::PARSE, "{s:?}");
    }
    assert_eq!(Price::parse("0.0000001").unwrap_err().code(), ErrorCode::INEXACT);
    assert_eq!(Price::parse("9223372036854.775808").unwrap_err().code(), ErrorCode::RANGE);
    assert_eq!(Price::parse("99999999999999999999").unwrap_err().code(), ErrorCode::RANGE);
}

#[test]
fn price_format() {
    assert_eq!(Price(560_000).format(2).unwrap(), "0.56");
    assert_eq!(Price(560_000).format(4).unwrap(), "0.5600");
    assert_eq!(Price(560_000).format(0).unwrap(), "0.56");
    assert_eq!(Price(1_000_000).format(0).unwrap(), "1");
    assert_eq!(Price(100).format(2).unwrap(), "0.0001");
    assert_eq!(Price(-1).format(2).unwrap(), "-0.000001");
    assert_eq!(Price(i64::MIN).format(0).unwrap(), "-9223372036854.775808");
    assert_eq!(Price(560_000).to_string(), "0.56");
    for v in [0i64, 1, -1, 999_999, 123_456_789, i64::MAX, i64::MIN] {
        let s = Price(v).format(6).unwrap();
        assert_eq!(Price::parse(&s).unwrap(), Price(v), "round trip {s}");
    }
}

#[test]
fn price_units() {
    assert_eq!(Price::from_cents(56).unwrap(), Price(560_000));
    assert_eq!(Price(560_000).to_cents().unwrap(), 56);
    assert_eq!(Price(560_100).to_cents().unwrap_err().code(), ErrorCode::INEXACT);
    assert_eq!(Price::from_centicents(1).unwrap(), Price(100));
    assert_eq!(Price(5_600).to_centicents().unwrap(), 56);
    assert_eq!(Price(5_601).to_centicents().unwrap_err().code(), ErrorCode::INEXACT);
    assert_eq!(Price::from_cents(i64::MAX).unwrap_err().code(), ErrorCode::RANGE);
}

#[test]
fn count_parse_format() {
    assert_eq!(Count::parse("10.5").unwrap(), Count(1050));
    assert_eq!(Count::parse("10.50").unwrap(), Count(1050));
    assert_eq!(Count::parse("-3").unwrap(), Count(-300));
    assert_eq!(Count::parse("0.001").unwrap_err().code(), ErrorCode::INEXACT);
    assert_eq!(Count::parse("1.").unwrap_err().code(), ErrorCode::PARSE);
    assert_eq!(Count(1050).format(0).unwrap(), "10.5");
    assert_eq!(Count(1050).format(2).unwrap(), "10.50");
    assert_eq!(Count(300).format(0).unwrap(), "3");
    assert_eq!(Count::SCALE, 100);
    assert_eq!(Price::SCALE, 1_000_000);
}
