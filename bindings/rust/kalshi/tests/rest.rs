//! REST through the safe API against the in-process simulator over loopback: a generic
//! GetMarkets read as typed objects, pagination (pages then done, truncated by max_pages or run
//! to the end), an order created, read back typed and cancelled, an order book into a `Book`,
//! balance and positions after a fill, and the error mapping (synchronous validation naming the
//! parameter, UNAUTHORIZED for an unsigned client, SERVER for an operation the simulator does not
//! simulate), and calls over TLS from several threads sharing one client. Every wait is bounded.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kalshi::{
    Book, BookSide, Client, Conf, Count, ErrorCode, Event, EventType, FieldKind, OrderAction, OrderSide, Price,
    Product, Queue, RestApi, RestOrder, RestParams, Side, Simulator, TimeInForce,
};

const KEY_ID: &str = "5e1a7c00-0000-4000-8000-00000000c001";
const MAKER_KEY_ID: &str = "5e1a7c00-0000-4000-8000-00000000c002";
/// A market of the simulator's built-in set.
const TICKER: &str = "HIGHNY-26NOV21-T50";
const WAIT: Duration = Duration::from_secs(10);

fn source_dir() -> PathBuf {
    PathBuf::from(
        std::env::var("KALSHI_SOURCE_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../..").into()),
    )
}

/// A simulator with the built-in markets and no background trading, the test's member (signing
/// key) and a maker who places the other side.
struct Live {
    sim: Simulator,
    member: u32,
    maker: u32,
    client: Client,
    q: Queue,
}

fn sim() -> Simulator {
    let mut conf = Conf::new().unwrap();
    conf.set("sim.seed", "7").unwrap();
    conf.set("sim.activity", "false").unwrap();
    Simulator::start(Some(&conf)).unwrap()
}

fn client(sim: &Simulator, signed: bool) -> Client {
    client_with_tls(sim, signed, false)
}

fn client_with_tls(sim: &Simulator, signed: bool, tls: bool) -> Client {
    let mut conf = Conf::new().unwrap();
    conf.set("rest.rate_tier", "prime").unwrap();
    if signed {
        let key = source_dir().join("tests/data/keys/rsa_pkcs8.pem");
        conf.set("auth.key_id", KEY_ID).unwrap();
        conf.set("auth.private_key_path", key.to_str().unwrap()).unwrap();
    }
    sim.client_conf(&mut conf, tls).unwrap();
    let endpoint = if tls { "rest.tls" } else { "rest" };
    assert_eq!(conf.get("rest.port").unwrap(), sim.port(endpoint).unwrap().to_string());
    Client::new(Some(&conf)).unwrap()
}

fn live() -> Live {
    let sim = sim();
    let pem = std::fs::read(source_dir().join("tests/data/keys/rsa_pub.pem")).unwrap();
    let member = sim.register_key(Product::Prediction, KEY_ID, &pem, 0).unwrap();
    let maker = sim.register_key(Product::Prediction, MAKER_KEY_ID, &pem, 0).unwrap();
    let client = client(&sim, true);
    let q = client.queue().unwrap();
    Live { sim, member, maker, client, q }
}

/// The next REST event with `tag` (logs and other events are skipped).
fn wait_rest(q: &Queue, tag: u64) -> Event {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        let Some(ev) = q.poll(100) else { continue };
        let t = ev.event_type();
        if (t == EventType::REST_RESPONSE || t == EventType::REST_PAGE || t == EventType::REST_DONE)
            && ev.user_tag() == tag
        {
            return ev;
        }
    }
    panic!("no REST event for tag {tag} within {WAIT:?}");
}

/// A REST_RESPONSE that succeeded.
fn wait_ok(q: &Queue, tag: u64) -> Event {
    let ev = wait_rest(q, tag);
    assert_eq!(ev.event_type(), EventType::REST_RESPONSE);
    assert_eq!(ev.err_code(), ErrorCode::OK, "{} failed: {:?} {}", ev.rest_operation(), ev.error(), ev.text());
    ev
}

#[test]
fn generic_get_markets_as_typed_objects() {
    let l = live();
    let params = RestParams::from_pairs(&[("limit", "3"), ("status", "open")]).unwrap();
    l.client.rest().call(RestApi::Prediction, "GetMarkets", Some(&params), None, 11).unwrap();
    let ev = wait_ok(&l.q, 11);
    assert_eq!(ev.rest_status(), 200);
    assert_eq!(ev.rest_operation(), "GetMarkets");
    assert!(ev.text().contains("\"markets\""), "raw body: {}", ev.text());
    assert!(!ev.rest_cursor().is_empty(), "more markets than the limit");
    assert_eq!(ev.obj_count(), 3);
    assert_eq!(ev.objs().count(), 3);
    assert!(ev.obj(3).is_none());
    for m in ev.objs() {
        assert_eq!(m.kind(), "market", "{m:?}");
        assert!(!m.str("ticker").unwrap().is_empty());
        assert_eq!(m.kind_of("status"), FieldKind::STR);
        assert_eq!(m.str("status").unwrap(), "active", "{m:?}");
        assert!(m.fields().any(|(n, k)| n == "ticker" && k == FieldKind::STR));
        // Reading a field as another kind, or one the model lacks.
        assert_eq!(m.price("ticker").unwrap_err().code(), ErrorCode::INVALID_ARG);
        assert_eq!(m.str("no_such_field").unwrap_err().code(), ErrorCode::NOT_FOUND);
        assert_eq!(m.kind_of("no_such_field"), FieldKind::NONE);
    }
    // The same listing by ticker: the one market, with exact prices where it carries them.
    let params = RestParams::from_pairs(&[("tickers", TICKER)]).unwrap();
    l.client.rest().call(RestApi::Prediction, "GetMarkets", Some(&params), None, 12).unwrap();
    let ev = wait_ok(&l.q, 12);
    assert_eq!(ev.obj_count(), 1);
    let m = ev.obj(0).unwrap();
    assert_eq!(m.str("ticker").unwrap(), TICKER);
    for (name, kind) in m.fields() {
        match kind {
            FieldKind::PRICE => assert!((0..=Price::SCALE).contains(&m.price(name).unwrap().raw()), "{name}: {m:?}"),
            FieldKind::COUNT => assert!(m.count(name).unwrap().raw() >= 0, "{name}: {m:?}"),
            FieldKind::STR => drop(m.str(name).unwrap()),
            FieldKind::INT => drop(m.int(name).unwrap()),
            FieldKind::BOOL => drop(m.bool(name).unwrap()),
            k => panic!("{name}: unexpected kind {k:?}"),
        }
    }
}

#[test]
fn paginate_pages_then_done() {
    let l = live();
    let mut params = RestParams::new().unwrap();
    params.set("limit", "2").unwrap();
    l.client.rest().paginate(RestApi::Prediction, "GetMarkets", Some(&params), 2, 21).unwrap();
    for i in 0..2 {
        let page = wait_rest(&l.q, 21);
        assert_eq!(page.event_type(), EventType::REST_PAGE);
        assert_eq!(page.err_code(), ErrorCode::OK);
        assert_eq!(page.rest_page_index(), i);
        assert_eq!(page.rest_operation(), "GetMarkets");
        assert_eq!(page.objs().filter(|o| o.kind() == "market").count(), 2);
    }
    let done = wait_rest(&l.q, 21);
    assert_eq!(done.event_type(), EventType::REST_DONE);
    assert_eq!(done.err_code(), ErrorCode::OK);
    assert!(done.rest_truncated(), "max_pages cut the walk");
    assert_eq!(done.rest_page_index(), 2);
    assert!(!done.rest_cursor().is_empty());

    // The whole listing runs until the cursor is empty; every market comes once.
    params.clear().set("limit", "3").unwrap();
    l.client.rest().paginate(RestApi::Prediction, "GetMarkets", Some(&params), 0, 22).unwrap();
    let mut tickers = Vec::new();
    let done = loop {
        let ev = wait_rest(&l.q, 22);
        if ev.event_type() != EventType::REST_PAGE {
            break ev;
        }
        tickers.extend(ev.objs().map(|o| o.str("ticker").unwrap().to_owned()));
    };
    assert_eq!(done.event_type(), EventType::REST_DONE);
    assert_eq!(done.err_code(), ErrorCode::OK, "{:?}", done.error());
    assert!(!done.rest_truncated());
    assert!(tickers.len() > 4, "{tickers:?}");
    let mut unique = tickers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), tickers.len(), "a market came twice: {tickers:?}");
    assert!(tickers.iter().any(|t| t == TICKER));

    // A listing that is not paginated is refused at once.
    let e = l.client.rest().paginate(RestApi::Prediction, "GetBalance", None, 0, 23).unwrap_err();
    assert_eq!(e.code(), ErrorCode::INVALID_ARG, "{e}");
}

#[test]
fn order_created_read_back_and_cancelled() {
    let l = live();
    let rest = l.client.rest();
    let order = RestOrder {
        ticker: TICKER,
        side: OrderSide::Yes,
        action: OrderAction::Buy,
        count: "3".parse().unwrap(),
        price: "0.12".parse().unwrap(),
        client_order_id: Some("rs-rest-order-1"),
        tif: None,
    };
    rest.create_order(&order, 31).unwrap();
    let ev = wait_ok(&l.q, 31);
    assert_eq!(ev.rest_status(), 201);
    assert_eq!(ev.obj_count(), 1);
    let o = ev.obj(0).unwrap();
    assert_eq!(o.kind(), "order");
    assert_eq!(o.str("client_order_id").unwrap(), "rs-rest-order-1");
    assert_eq!(o.count("remaining_count").unwrap(), Count(300), "{o:?}");
    let order_id = o.str("order_id").unwrap().to_owned();
    assert!(!order_id.is_empty());
    drop(ev);

    // Read back by the generic call: the same order, typed, resting at the exact price.
    let p = RestParams::from_pairs(&[("order_id", &order_id)]).unwrap();
    rest.call(RestApi::Prediction, "GetOrder", Some(&p), None, 32).unwrap();
    let ev = wait_ok(&l.q, 32);
    let o = ev.obj(0).unwrap();
    assert_eq!(o.kind(), "order");
    assert_eq!(o.str("order_id").unwrap(), order_id);
    assert_eq!(o.str("ticker").unwrap(), TICKER);
    assert_eq!(o.str("side").unwrap(), "yes");
    assert_eq!(o.str("action").unwrap(), "buy");
    assert_eq!(o.str("status").unwrap(), "resting");
    assert_eq!(o.price("yes_price_dollars").unwrap(), Price(120_000), "{o:?}");
    assert_eq!(o.price("no_price_dollars").unwrap(), Price(880_000));
    assert_eq!(o.count("remaining_count_fp").unwrap(), Count(300), "{o:?}");
    assert_eq!(o.count("initial_count_fp").unwrap(), Count(300));
    assert!(!o.bool("cancel_order_on_pause").unwrap());
    assert_eq!(o.int("subaccount_number").unwrap(), 0);
    drop(ev);

    rest.cancel_order(&order_id, 33).unwrap();
    let ev = wait_ok(&l.q, 33);
    assert_eq!(ev.obj(0).unwrap().str("order_id").unwrap(), order_id);
    drop(ev);
    rest.call(RestApi::Prediction, "GetOrder", Some(&p), None, 34).unwrap();
    let ev = wait_ok(&l.q, 34);
    assert_eq!(ev.obj(0).unwrap().str("status").unwrap(), "canceled");

    // The generic call with a JSON body: a V2 order on the YES book (a bid at 0.11).
    let body = format!(
        r#"{{"ticker":"{TICKER}","client_order_id":"rs-rest-generic-1","side":"bid","count":"1.00","price":"0.11","time_in_force":"good_till_canceled","self_trade_prevention_type":"taker_at_cross"}}"#
    );
    rest.call(RestApi::Prediction, "CreateOrderV2", None, Some(&body), 36).unwrap();
    let ev = wait_ok(&l.q, 36);
    assert_eq!(ev.rest_status(), 201);
    let o = ev.obj(0).unwrap();
    assert_eq!(o.str("client_order_id").unwrap(), "rs-rest-generic-1", "{o:?}");
    assert_eq!(o.count("remaining_count").unwrap(), Count(100), "{o:?}");
    drop(ev);

    // Cancelling it again: the exchange refuses; the error is mapped with its HTTP status.
    rest.cancel_order(&order_id, 35).unwrap();
    let ev = wait_rest(&l.q, 35);
    assert_ne!(ev.err_code(), ErrorCode::OK);
    let e = ev.error().unwrap();
    assert_eq!(e.http_status(), ev.rest_status());
    assert!(ev.rest_status() >= 400, "{e:?}");
}

#[test]
fn orderbook_balance_and_positions_after_a_fill() {
    let l = live();
    let rest = l.client.rest();
    // The maker bids YES 0.40 x 10 and offers YES 0.60 x 7.
    l.sim.place_order(l.maker, TICKER, Side::Buy, Price(400_000), Count(1000)).unwrap();
    l.sim.place_order(l.maker, TICKER, Side::Sell, Price(600_000), Count(700)).unwrap();
    rest.get_orderbook(TICKER, 0, 41).unwrap();
    let ev = wait_ok(&l.q, 41);
    let b = ev.obj(0).unwrap();
    assert_eq!(b.kind(), "orderbook");
    assert!(b.levels("yes").iter().any(|lv| lv.price == Price(400_000) && lv.size >= Count(1000)), "{b:?}");
    // The YES offer at 0.60 is a NO bid at 0.40.
    assert!(b.levels("no").iter().any(|lv| lv.price == Price(400_000) && lv.size >= Count(700)), "{b:?}");
    assert_eq!(b.level_count("sideways"), 0);
    let mut book = Book::new().unwrap();
    book.apply_event(&ev).unwrap();
    assert!(book.best(TICKER, BookSide::Bid).unwrap().price >= Price(400_000));
    let ask = book.best(TICKER, BookSide::Ask).unwrap().price;
    assert!(ask > Price(400_000) && ask <= Price(600_000), "{ask:?}");
    drop(ev);

    // Buy 2 YES at 0.60, immediate or cancel: it fills against the maker's offer.
    let order = RestOrder {
        ticker: TICKER,
        side: OrderSide::Yes,
        action: OrderAction::Buy,
        count: Count(200),
        price: Price(600_000),
        client_order_id: None,
        tif: Some(TimeInForce::ImmediateOrCancel),
    };
    rest.create_order(&order, 42).unwrap();
    let ev = wait_ok(&l.q, 42);
    let o = ev.obj(0).unwrap();
    assert_eq!(o.str("client_order_id").unwrap().len(), 36, "a generated UUID: {o:?}");
    assert_eq!(o.count("fill_count").unwrap(), Count(200), "{o:?}");
    drop(ev);

    rest.get_balance(43).unwrap();
    let ev = wait_ok(&l.q, 43);
    let bal = ev.obj(0).unwrap();
    assert_eq!(bal.kind(), "balance");
    assert_eq!(bal.price("balance").unwrap(), l.sim.balance(l.member, 0).unwrap());
    drop(ev);

    rest.get_positions(44).unwrap();
    let ev = wait_ok(&l.q, 44);
    let pos = ev
        .objs()
        .find(|p| p.kind() == "market_position" && p.str("ticker").ok() == Some(TICKER))
        .unwrap_or_else(|| panic!("no position in {TICKER}: {}", ev.text()));
    assert_eq!(pos.count("position_fp").unwrap(), Count(200));
    assert_eq!(l.sim.position(l.member, 0, TICKER).unwrap(), Count(200));
}

#[test]
fn error_mapping() {
    let l = live();
    let rest = l.client.rest();
    // Validation happens before any I/O and names the parameter.
    let bad = RestParams::from_pairs(&[("limit", "lots")]).unwrap();
    let e = rest.call(RestApi::Prediction, "GetMarkets", Some(&bad), None, 51).unwrap_err();
    assert_eq!(e.code(), ErrorCode::INVALID_ARG);
    assert!(e.message().contains("limit"), "{e}");
    let e = rest.call(RestApi::Prediction, "GetMarket", None, None, 52).unwrap_err();
    assert!(e.message().contains("ticker"), "{e}");
    let e = rest.call(RestApi::Prediction, "NoSuchOperation", None, None, 53).unwrap_err();
    assert!(e.message().contains("NoSuchOperation"), "{e}");
    let e = rest.call(RestApi::Prediction, "CreateOrderV2", None, Some("{\"ticker\":"), 54).unwrap_err();
    assert_eq!(e.code(), ErrorCode::INVALID_ARG);
    let e = rest.call(RestApi::Prediction, "GetMarkets\0", None, None, 55).unwrap_err();
    assert_eq!(e.code(), ErrorCode::INVALID_ARG);
    let mut order = RestOrder {
        ticker: TICKER,
        side: OrderSide::No,
        action: OrderAction::Buy,
        count: Count(100),
        price: Price(1_000_000),
        client_order_id: None,
        tif: None,
    };
    assert_eq!(rest.create_order(&order, 56).unwrap_err().code(), ErrorCode::INVALID_ARG, "price of 1 dollar");
    order.price = Price(500_000);
    order.tif = Some(TimeInForce::Day);
    assert_eq!(rest.create_order(&order, 57).unwrap_err().code(), ErrorCode::INVALID_ARG, "no Day in REST");
    // Nothing was sent: no event arrives.
    assert!(l.q.poll(200).is_none());

    // An unsigned client: the exchange answers 401.
    let anon = client(&l.sim, false);
    let aq = anon.queue().unwrap();
    anon.rest().get_balance(58).unwrap();
    let ev = wait_rest(&aq, 58);
    assert_eq!(ev.err_code(), ErrorCode::UNAUTHORIZED);
    assert_eq!(ev.rest_status(), 401);
    let e = ev.error().unwrap();
    assert_eq!(e.code(), ErrorCode::UNAUTHORIZED);
    assert_eq!(e.http_status(), 401);
    assert!(!e.retriable());

    // An operation the simulator does not simulate: 501, SERVER, with the exchange's code.
    rest.call(RestApi::Prediction, "GetUserDataTimestamp", None, None, 59).unwrap();
    let ev = wait_rest(&l.q, 59);
    assert_eq!(ev.err_code(), ErrorCode::SERVER);
    assert_eq!(ev.rest_status(), 501);
    assert_eq!(ev.error().unwrap().exchange_code(), "not_simulated");

    // A closed client refuses at once.
    l.client.close(2000).unwrap();
    assert_eq!(rest.get_balance(60).unwrap_err().code(), ErrorCode::CLOSED);
}

#[test]
fn tls_calls_from_several_threads() {
    let l = live();
    let tls = client_with_tls(&l.sim, true, true);
    let q = tls.queue().unwrap();
    // `Client` is Sync: threads share it and each call is copied before it returns.
    std::thread::scope(|s| {
        for i in 0..4u64 {
            let c = &tls;
            s.spawn(move || c.rest().get_market(TICKER, 100 + i).unwrap());
        }
    });
    let mut tags: Vec<u64> = (0..4)
        .map(|_| {
            let deadline = Instant::now() + WAIT;
            loop {
                assert!(Instant::now() < deadline, "four responses within {WAIT:?}");
                let Some(ev) = q.poll(100) else { continue };
                if ev.event_type() != EventType::REST_RESPONSE {
                    continue;
                }
                assert_eq!(ev.err_code(), ErrorCode::OK, "{:?}", ev.error());
                assert_eq!(ev.obj(0).unwrap().str("ticker").unwrap(), TICKER);
                break ev.user_tag();
            }
        })
        .collect();
    tags.sort_unstable();
    assert_eq!(tags, vec![100, 101, 102, 103]);
}
