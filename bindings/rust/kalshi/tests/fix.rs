//! FIX without a network: frames decoded by `fix_decode`, typed message getters, the typed
//! ExecutionReport, books, settlement reassembly and the builder's validation.

use kalshi::{
    fix_decode, sys, Book, BookSide, Client, Conf, Count, ErrorCode, Event, EventType, ExecutionReport, FixBuilder,
    FixSession, FixState, Level, Price, Product, SettlementAssembler, Side,
};

/// Frames a body written with '|' for SOH: header 8/9/35/49/56/34/52, the body, CheckSum.
fn frame(msg_type: &str, body: &str) -> Vec<u8> {
    let inner = format!("35={msg_type}|49=KalshiNR|56=key|34=2|52=20260528-14:00:00.010|{body}");
    let mut out = format!("8=FIXT.1.1|9={}|{inner}", inner.len()).replace('|', "\x01").into_bytes();
    let sum: u32 = out.iter().map(|&b| u32::from(b)).sum();
    out.extend_from_slice(format!("10={:03}\x01", sum % 256).as_bytes());
    out
}

fn decode(msg_type: &str, body: &str, use_dollars: bool) -> Event {
    let ev = fix_decode(&frame(msg_type, body), Product::Prediction, use_dollars)
        .unwrap_or_else(|e| panic!("decode {msg_type}: {e}"));
    assert_eq!(ev.event_type(), EventType::FIX_MESSAGE);
    ev
}

const FILL: &str = "6=0.6600|11=order-2|14=100.00|17=4;7|31=0.7000|32=60.00|37=ord-abc|38=100.0000|39=2|\
                    44=0.7500|54=1|55=HIGHNY-23DEC31|60=20250926-21:54:16.158|150=F|151=0.00|\
                    9999=custom|453=2|448=acct_1|452=24|448=op-7|452=12|";

#[test]
fn execution_report_typed() {
    let ev = decode("8", FILL, true);
    let m = ev.fix_msg().expect("a FIX_MESSAGE has a message");
    assert_eq!(m.msg_type(), "8");
    assert_eq!(m.seq(), 2);
    assert!(!m.poss_dup());
    assert_eq!(m.sending_time_ms(), 1_779_976_800_010); // 2026-05-28T14:00:00.010Z
    let er = m.execution_report().unwrap();
    assert_eq!(er.exec_type, 'F');
    assert_eq!(er.ord_status, '2');
    assert_eq!(er.avg_px, Some(Price(660_000)));
    assert_eq!(er.last_qty, Some(Count(6000)));
    assert_eq!(er.last_px, Some(Price(700_000)));
    assert_eq!(er.price, Some(Price(750_000)));
    assert_eq!(er.order_qty, Some(Count(10_000)));
    assert_eq!(er.cum_qty, Some(Count(10_000)));
    assert_eq!(er.leaves_qty, Some(Count(0)));
    assert_eq!(er.cl_ord_id, Some("order-2"));
    assert_eq!(er.orig_cl_ord_id, None);
    assert_eq!(er.order_id, Some("ord-abc"));
    assert_eq!(er.exec_id, Some("4;7"));
    assert_eq!(er.symbol, Some("HIGHNY-23DEC31"));
    assert_eq!(er.side.and_then(Side::from_char), Some(Side::Buy));
    assert_eq!(er.text, None);
    assert_eq!(er.ord_rej_reason, None);
    assert_eq!(er.transact_time_ms, Some(1_758_923_656_158));
    assert_eq!(ExecutionReport::try_from(m).unwrap(), er);
}

#[test]
fn cents_mode_prices() {
    // Without UseDollars, prediction prices are integer cents on the wire.
    let ev = decode("8", "11=a|17=1|37=o|39=0|44=75|54=2|55=S|150=0|14=0|151=10|38=10|", false);
    let er = ev.fix_msg().unwrap().execution_report().unwrap();
    assert_eq!(er.price, Some(Price(750_000)));
    assert_eq!(er.order_qty, Some(Count(1000)));
    assert_eq!(er.side.and_then(Side::from_char), Some(Side::Sell));
}

#[test]
fn message_getters_groups_and_fields() {
    let ev = decode("8", FILL, true);
    let m = ev.fix_msg().unwrap();
    assert_eq!(m.count(38).unwrap(), Count(10_000));
    assert_eq!(m.char(150).unwrap(), 'F');
    assert_eq!(m.time_ms(60).unwrap(), 1_758_923_656_158);
    assert_eq!(m.str(9999).unwrap(), "custom"); // unknown tags kept as text
    assert_eq!(m.bytes(55).unwrap(), b"HIGHNY-23DEC31");
    // Wrong getter for the type, absent tag.
    assert_eq!(m.price(55).unwrap_err().code(), ErrorCode::INVALID_ARG);
    let e = m.price(132).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NOT_FOUND);
    assert!(e.message().contains("132"), "{e}");
    assert!(!m.has(103) && m.has(150));
    // Groups.
    assert_eq!(m.group_count(453), 2);
    let p = m.group_entry(453, 1).unwrap();
    assert_eq!(p.int(452).unwrap(), 12);
    assert_eq!(p.str(448).unwrap(), "op-7");
    assert!(m.group_entry(453, 2).is_none());
    let ids: Vec<&str> = m.group(453).map(|e| e.str(448).unwrap()).collect();
    assert_eq!(ids, ["acct_1", "op-7"]);
    // Wire-order iteration: counters listed, entries not.
    let tags: Vec<u32> = m.fields().map(|(t, _)| t).collect();
    assert_eq!(tags.len(), m.field_count());
    assert!(tags.contains(&453) && !tags.contains(&448));
    assert_eq!(m.fields().find(|&(t, _)| t == 17).unwrap().1, b"4;7");
    assert!(m.field_at(m.field_count()).is_none());
    assert!(m.raw().starts_with(b"8=FIXT.1.1\x01"));
    assert!(m.raw().ends_with(b"\x01"));
    assert!(format!("{m:?}").contains("custom"));
    assert_eq!(m.ref_user_tag(), 0); // not a reject
    // A non-ER message is not an ExecutionReport; non-FIX events have no message.
    let w = decode("W", "55=SYM|268=0|", false);
    assert_eq!(w.fix_msg().unwrap().execution_report().unwrap_err().code(), ErrorCode::INVALID_ARG);
}

#[test]
fn decode_refuses_bad_bytes() {
    let mut f = frame("8", "11=a|150=0|");
    let n = f.len();
    f[n - 2] = if f[n - 2] == b'0' { b'1' } else { b'0' }; // a checksum digit
    let e = fix_decode(&f, Product::Prediction, false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::PROTOCOL);
    assert!(!e.message().is_empty());
    assert_eq!(fix_decode(b"", Product::Prediction, false).unwrap_err().code(), ErrorCode::PROTOCOL);
    // A price that does not parse.
    let e = fix_decode(&frame("8", "11=a|44=7x5|150=0|"), Product::Prediction, false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::PROTOCOL);
}

#[test]
fn book_snapshot_and_incremental() {
    let sym = "SYM";
    let mut book = Book::new().unwrap();
    let w = decode("W", "55=SYM|268=2|269=0|270=0.3500|271=10.00|269=1|270=0.6500|271=5.00|", true);
    book.apply_event(&w).unwrap();
    assert_eq!(book.best(sym, BookSide::Bid), Some(Level { price: Price(350_000), size: Count(1000) }));
    assert_eq!(book.best(sym, BookSide::Ask), Some(Level { price: Price(650_000), size: Count(500) }));
    assert_eq!(book.depth(sym, BookSide::Bid), 1);
    assert_eq!(book.depth(sym, BookSide::Ask), 1);

    // A Change replaces the size.
    let x = decode("X", "268=1|279=1|55=SYM|269=0|270=0.3500|271=15.00|", true);
    book.apply_fix(x.fix_msg().unwrap()).unwrap();
    assert_eq!(book.best(sym, BookSide::Bid).unwrap().size, Count(1500));
    assert_eq!(book.depth(sym, BookSide::Bid), 1);
    assert_eq!(book.symbols(), ["SYM"]);
    assert_eq!(book.symbol_at(1), None);

    book.set_level(sym, BookSide::Bid, Price(340_000), Count(700)).unwrap();
    assert_eq!(
        book.levels(sym, BookSide::Bid),
        [Level { price: Price(350_000), size: Count(1500) }, Level { price: Price(340_000), size: Count(700) }]
    );
    assert_eq!(book.level(sym, BookSide::Bid, 2), None);
    assert_eq!(book.set_level(sym, BookSide::Ask, Price(1), Count(-1)).unwrap_err().code(), ErrorCode::INVALID_ARG);
    assert_eq!(book.best("OTHER", BookSide::Bid), None);
    assert_eq!(book.depth("OTHER", BookSide::Bid), 0);

    // An entry that makes no sense clears that symbol's book.
    let bad = decode("X", "268=1|279=1|55=SYM|269=7|270=0.3000|271=1.00|", true);
    assert_eq!(book.apply_event(&bad).unwrap_err().code(), ErrorCode::PROTOCOL);
    assert_eq!(book.depth(sym, BookSide::Bid), 0);

    // Events other than W/X change nothing.
    book.set_level(sym, BookSide::Ask, Price(600_000), Count(100)).unwrap();
    book.apply_event(&decode("8", FILL, true)).unwrap();
    assert_eq!(book.depth(sym, BookSide::Ask), 1);
    book.clear(Some(sym)).unwrap();
    assert_eq!(book.depth(sym, BookSide::Ask), 0);
    book.clear(None).unwrap();
    assert_eq!(book.symbol_count(), 0);
}

const PAGE1: &str = "20105=settle-1|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|\
                     20108=1|20109=user-1|20110=24|704=100.01|705=0|1703=1|1704=30.6030|1705=PAYOUT|\
                     136=1|137=0.00006|138=USD|139=4|891=0|893=N|";
const PAGE2: &str = "20105=settle-2|55=HIGHNY-23DEC31|715=20231231|20106=2|20107=scalar|730=30.60|\
                     20108=1|20109=user-2|20110=24|704=0|705=5|1703=1|1704=0.00|1705=PAYOUT|\
                     136=1|137=0.00|138=USD|139=4|891=0|893=Y|";

#[test]
fn settlement_pages_join() {
    let mut a = SettlementAssembler::new().unwrap();
    let p1 = decode("UMS", PAGE1, false);
    assert!(a.add(p1.fix_msg().unwrap()).unwrap().is_none());
    assert_eq!(a.pending(), 1);
    assert!(a.add(p1.fix_msg().unwrap()).unwrap().is_none()); // a resent page is ignored
    drop(p1);
    let p2 = decode("UMS", PAGE2, false);
    let r = a.add(p2.fix_msg().unwrap()).unwrap().expect("the last page completes the report");
    drop(p2);
    assert_eq!(a.pending(), 0);
    assert_eq!(r.symbol(), "HIGHNY-23DEC31");
    assert_eq!(r.result(), "scalar");
    assert_eq!(r.business_date(), 20231231);
    assert_eq!(r.price(), Price(306_000));
    assert_eq!((r.page_count(), r.declared_pages(), r.party_count()), (2, 2, 2));
    let parties: Vec<_> = r.parties().collect();
    assert_eq!(parties.len(), 2);
    assert_eq!(parties[0].party_id, "user-1");
    assert_eq!(parties[0].long_qty, Count(10_001));
    assert_eq!(parties[0].payout, Price(30_603_000));
    assert_eq!(parties[0].fee, Price(60));
    assert_eq!(parties[1].party_id, "user-2");
    assert_eq!(parties[1].short_qty, Count(500));
    assert!(r.party(2).is_none());

    let w = decode("W", "55=X|268=0|", false);
    assert_eq!(a.add(w.fix_msg().unwrap()).unwrap_err().code(), ErrorCode::INVALID_ARG);
}

#[test]
fn builder_validates_fields() {
    let mut b = FixBuilder::new("D").unwrap();
    b.set_str(11, "order-1")
        .unwrap()
        .set_str(55, "HIGHNY-23DEC31")
        .unwrap()
        .set_char(54, '1')
        .unwrap()
        .set_price(44, "0.75".parse().unwrap())
        .unwrap()
        .set_count(38, "10".parse().unwrap())
        .unwrap();
    // A tag NewOrderSingle does not have.
    assert_eq!(b.set_str(20105, "x").unwrap_err().code(), ErrorCode::INVALID_ARG);
    // A value of the wrong form: fix.h says INVALID_ARG, the library reports INVALID_VALUE (with
    // a message naming the tag); either is accepted here.
    for (tag, e) in [
        (54, b.set_char(54, 'Z').unwrap_err()),
        (55, b.set_str(55, "A\x01B").unwrap_err()),
        (11, b.set_str(11, "not a ClOrdID").unwrap_err()),
    ] {
        assert!([ErrorCode::INVALID_ARG, ErrorCode::INVALID_VALUE].contains(&e.code()), "{e}");
        assert!(e.message().contains(&format!("tag {tag}")), "{e}");
    }
    assert_eq!(b.set_char(54, 'é').unwrap_err().code(), ErrorCode::INVALID_ARG);
    b.reset("F").unwrap();
    assert_eq!(FixBuilder::new("nonsense").unwrap_err().code(), ErrorCode::INVALID_ARG);
    assert_eq!(FixBuilder::new("D\0").unwrap_err().code(), ErrorCode::INVALID_ARG);
}

#[test]
fn states_and_names() {
    assert_eq!(FixState::ACTIVE.name(), "KALSHI_FIX_ACTIVE");
    assert_eq!(FixState::DISCONNECTED.name(), "KALSHI_FIX_DISCONNECTED");
    assert_eq!(format!("{:?}", FixState::LOGGING_ON), "KALSHI_FIX_LOGGING_ON(2)");
    assert_eq!(EventType::FIX_MESSAGE.name(), "KALSHI_EVENT_FIX_MESSAGE");
    assert_eq!(EventType::FIX_CLOSED.0, sys::KALSHI_EVENT_FIX_CLOSED);
    assert_eq!(ErrorCode::SEQUENCE_GAP.name(), "KALSHI_ERR_SEQUENCE_GAP");
    assert_eq!(ErrorCode::NOT_FOUND.0, 32);
}

#[test]
fn open_validates_settings() {
    let mut conf = Conf::new().unwrap();
    conf.set("auth.key_id", "11111111-2222-3333-4444-555555555555").unwrap();
    let client = Client::new(Some(&conf)).unwrap();
    // No key configured.
    assert_eq!(FixSession::open(&client, None, 0).unwrap_err().code(), ErrorCode::KEY_UNSUPPORTED);
    // Margin has no KalshiRFQ.
    let mut o = Conf::new().unwrap();
    o.set("fix.product", "margin").unwrap();
    o.set("fix.session", "rfq").unwrap();
    let e = client.open_fix_session(Some(&o), 0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::INVALID_VALUE);
    assert!(e.message().contains("margin"), "{e}");
}
