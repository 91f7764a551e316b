//! The in-process simulator (kalshi-sim) through the safe API: a FIX NR session logs on to it,
//! an order is acknowledged, another member crosses it, the accounts move, and a dropped
//! connection is recovered by the client's reconnect.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use kalshi::{
    Client, Conf, Count, ErrorCode, Event, EventType, FixSession, FixState, NewOrder, Price, Product, Queue, Side,
    Simulator, TimeInForce,
};

const KEY_ID: &str = "5e1a7c00-0000-4000-8000-00000000a001";
const OTHER_KEY_ID: &str = "5e1a7c00-0000-4000-8000-00000000b002";
/// The one market of the test's markets file: a binary market on a cent grid, 7% taker fee, no
/// maker fee, so the accounts after a cross are known to the micro-dollar.
const TICKER: &str = "BINDTEST-26NOV21-T50";
const MARKETS_JSON: &str = r#"{"markets": [{
  "ticker": "BINDTEST-26NOV21-T50", "event_ticker": "BINDTEST-26NOV21", "series_ticker": "BINDTEST",
  "title": "Bindings test market", "kind": "binary", "status": "open",
  "price_ranges": [{"start": "0.01", "end": "0.99", "step": "0.01"}],
  "taker_fee_rate": "0.07", "maker_fee_rate": "0"}]}"#;
const TIMEOUT: Duration = Duration::from_secs(20);

fn source_dir() -> PathBuf {
    PathBuf::from(
        std::env::var("KALSHI_SOURCE_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../..").into()),
    )
}

fn public_key_pem() -> Vec<u8> {
    std::fs::read(source_dir().join("tests/data/keys/rsa_pub.pem")).unwrap()
}

/// A markets file in a fresh temporary path, removed on drop.
struct MarketsFile(PathBuf);

impl MarketsFile {
    fn new(tag: &str, json: &str) -> MarketsFile {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("kalshi-rs-sim-{tag}-{}-{n}.json", std::process::id()));
        std::fs::write(&path, json).unwrap();
        MarketsFile(path)
    }
}

impl Drop for MarketsFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A fixed seed, no background trading and the test's own market: the book holds only this
/// test's orders.
fn sim_conf(markets: &MarketsFile) -> Conf {
    let mut conf = Conf::new().unwrap();
    conf.set("sim.seed", "7").unwrap();
    conf.set("sim.activity", "false").unwrap();
    conf.set("sim.markets_file", markets.0.to_str().unwrap()).unwrap();
    conf
}

fn client_for(sim: &Simulator) -> Client {
    client_with_tls(sim, false)
}

fn client_with_tls(sim: &Simulator, tls: bool) -> Client {
    let key = source_dir().join("tests/data/keys/rsa_pkcs8.pem");
    let mut conf = Conf::new().unwrap();
    conf.set("auth.key_id", KEY_ID).unwrap();
    conf.set("auth.private_key_path", key.to_str().unwrap()).unwrap();
    conf.set("fix.session", "nr").unwrap();
    conf.set("net.backoff_base_ms", "50").unwrap(); // reconnect soon after the "drop" fault
    sim.client_conf(&mut conf, tls).unwrap();
    assert_eq!(conf.get("fix.host").unwrap(), "127.0.0.1");
    let endpoint = if tls { "fix.nr.tls" } else { "fix.nr" };
    assert_eq!(conf.get("fix.port.nr").unwrap(), sim.port(endpoint).unwrap().to_string());
    assert_eq!(conf.get("fix.tls").unwrap(), tls.to_string());
    Client::new(Some(&conf)).unwrap()
}

/// Skips logs, states and heartbeats until an event of type `ty`.
fn next_event(q: &Queue, ty: EventType) -> Event {
    let deadline = Instant::now() + TIMEOUT;
    while Instant::now() < deadline {
        let Some(ev) = q.poll(100) else { continue };
        if ev.event_type() == ty {
            return ev;
        }
        match ev.event_type() {
            EventType::LOG | EventType::FIX_STATE => {}
            t => panic!("unexpected {ev:?} ({t:?}, {:?}) while waiting for {ty:?}", ev.error()),
        }
    }
    panic!("no {ty:?} within {TIMEOUT:?}");
}

fn wait_state(q: &Queue, want: FixState) {
    let deadline = Instant::now() + TIMEOUT;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        let Some(ev) = q.poll(100) else { continue };
        if ev.event_type() == EventType::FIX_STATE && ev.fix_state() == want {
            return;
        }
        seen.push(format!("{:?} {:?} {:?}", ev.event_type(), ev.fix_state(), ev.error()));
    }
    panic!("the session never reached {want:?} within {TIMEOUT:?}; saw {seen:?}");
}

/// The next ExecutionReport for `cl_ord_id`, checked to have ExecType `exec_type`.
fn next_er(q: &Queue, cl_ord_id: &str, exec_type: char) -> Event {
    let ev = next_event(q, EventType::FIX_MESSAGE);
    let er = ev.fix_msg().unwrap().execution_report().unwrap_or_else(|e| panic!("{e}: {:?}", ev.fix_msg()));
    assert_eq!(er.cl_ord_id, Some(cl_ord_id), "{er:?}");
    assert_eq!(er.exec_type, exec_type, "{er:?}");
    assert_eq!(er.symbol, Some(TICKER));
    ev
}

fn open_session(client: &Client, q: &Queue) -> FixSession {
    let session = client.open_fix_session(None, 1).unwrap();
    wait_state(q, FixState::ACTIVE);
    session
}

#[test]
fn start_rejects_a_bad_markets_file() {
    // A zero tick step: the message names the market.
    let bad = MARKETS_JSON.replace(r#""step": "0.01""#, r#""step": "0.0""#);
    let markets = MarketsFile::new("bad", &bad);
    let err = Simulator::start(Some(&sim_conf(&markets))).unwrap_err();
    assert_eq!(err.code(), ErrorCode::INVALID_VALUE, "{err}");
    assert!(err.message().contains(TICKER), "{err}");
    let markets = MarketsFile::new("truncated", &MARKETS_JSON[..MARKETS_JSON.len() / 2]);
    let err = Simulator::start(Some(&sim_conf(&markets))).unwrap_err();
    assert_eq!(err.code(), ErrorCode::INVALID_VALUE, "{err}");
}

#[test]
fn endpoints_and_accounts_without_a_session() {
    let markets = MarketsFile::new("ok", MARKETS_JSON);
    let sim = Simulator::start(Some(&sim_conf(&markets))).unwrap();
    assert!(sim.port("fix.nr").unwrap() > 0);
    assert!(sim.port("fix.nr.tls").unwrap() > 0);
    assert_ne!(sim.port("fix.nr").unwrap(), sim.port("fix.rt").unwrap());
    assert_eq!(sim.port("no.such.endpoint").unwrap_err().code(), ErrorCode::NOT_FOUND);
    let ca = sim.ca_file().unwrap();
    assert!(std::fs::read_to_string(&ca).unwrap().contains("BEGIN CERTIFICATE"), "{ca}");
    assert_eq!(sim.fix_sessions(), 0);

    let member = sim.register_key(Product::Prediction, KEY_ID, &public_key_pem(), 0).unwrap();
    assert!(member > 0);
    // The opening balance is sim.balance (1000.00 by default); set_balance replaces it exactly.
    assert_eq!(sim.balance(member, 0).unwrap(), "1000.00".parse::<Price>().unwrap());
    sim.set_balance(member, 0, Price(123_456_789)).unwrap();
    assert_eq!(sim.balance(member, 0).unwrap(), Price(123_456_789));
    assert_eq!(sim.position(member, 0, TICKER).unwrap(), Count(0));
    assert!(sim.register_key(Product::Prediction, KEY_ID, b"not a key", 0).is_err());

    sim.stop();
    sim.stop(); // idempotent
}

#[test]
fn fix_order_cross_and_reconnect_after_drop() {
    let markets = MarketsFile::new("ok", MARKETS_JSON);
    let sim = Simulator::start(Some(&sim_conf(&markets))).unwrap();
    let pem = public_key_pem();
    let me = sim.register_key(Product::Prediction, KEY_ID, &pem, 0).unwrap();
    let other = sim.register_key(Product::Prediction, OTHER_KEY_ID, &pem, 0).unwrap();
    assert_ne!(me, other);
    let opening: Price = "500.00".parse().unwrap();
    sim.set_balance(me, 0, opening).unwrap();
    sim.set_balance(other, 0, opening).unwrap();

    let client = client_for(&sim);
    let q = client.queue().unwrap();
    let session = open_session(&client, &q);
    assert_eq!(sim.fix_sessions(), 1);

    // Buy 10 YES at 0.40: rests on the empty book.
    let order = NewOrder {
        cl_ord_id: "sim-1",
        symbol: TICKER,
        side: Side::Buy,
        price: Price(400_000),
        qty: Count(1000),
        tif: Some(TimeInForce::GoodTillCancel),
    };
    session.send_new_order(&order, 0).unwrap();
    let ack = next_er(&q, "sim-1", '0');
    let er = ack.fix_msg().unwrap().execution_report().unwrap();
    assert_eq!(er.ord_status, '0');
    assert_eq!(er.price, Some(Price(400_000)));
    assert_eq!(er.order_qty, Some(Count(1000)));
    assert!(er.order_id.is_some());
    drop(ack);

    // Another member sells 10 YES at 0.40 (buys NO at 0.60): a full fill at the resting price.
    sim.place_order(other, TICKER, Side::Sell, Price(400_000), Count(1000)).unwrap();
    let fill = next_er(&q, "sim-1", 'F');
    let er = fill.fix_msg().unwrap().execution_report().unwrap();
    assert_eq!(er.last_px, Some(Price(400_000)));
    assert_eq!(er.last_qty, Some(Count(1000)));
    assert_eq!(er.cum_qty, Some(Count(1000)));
    assert_eq!(er.leaves_qty, Some(Count(0)));
    drop(fill);

    assert_eq!(sim.position(me, 0, TICKER).unwrap(), Count(1000));
    assert_eq!(sim.position(other, 0, TICKER).unwrap(), Count(-1000));
    // The resting buyer (maker, no fee) paid 10 x 0.40; the seller (taker) 10 x 0.60 and the fee
    // ceil_to_cent(0.07 x 10 x 0.40 x 0.60) = ceil(0.168) = 0.17.
    assert_eq!(sim.balance(me, 0).unwrap(), "496.00".parse::<Price>().unwrap());
    assert_eq!(sim.balance(other, 0).unwrap(), "493.83".parse::<Price>().unwrap());

    // A price outside (0, 1) is refused to the other participant, with Kalshi's reason.
    let e = sim.place_order(other, TICKER, Side::Buy, Price(1_500_000), Count(100)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::REJECTED, "{e}");

    // The simulator drops the TCP connection; the client reconnects and logs on again.
    sim.fault("fix.nr", Some(KEY_ID), "drop").unwrap();
    wait_state(&q, FixState::DISCONNECTED);
    wait_state(&q, FixState::ACTIVE);
    assert_eq!(session.state(), FixState::ACTIVE);
    // No session matches an unknown key: nothing to act on.
    assert_eq!(sim.fault("fix.nr", Some("nobody"), "drop").unwrap_err().code(), ErrorCode::NOT_FOUND);

    // Closed, the market refuses orders; settled YES, each of the buyer's 10 contracts pays 1.00.
    sim.market_status(TICKER, "closed").unwrap();
    let e = sim.place_order(other, TICKER, Side::Buy, Price(300_000), Count(100)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::REJECTED, "{e}");
    sim.settle(TICKER, Price(1_000_000)).unwrap();
    assert_eq!(sim.balance(me, 0).unwrap(), "506.00".parse::<Price>().unwrap());
    assert_eq!(sim.balance(other, 0).unwrap(), "493.83".parse::<Price>().unwrap());

    session.close().unwrap();
    drop(next_event(&q, EventType::FIX_CLOSED));
    drop(session);
    drop(q);
    client.destroy().unwrap();
    drop(sim);
}

#[test]
fn fix_logon_over_tls_with_the_simulator_ca() {
    let markets = MarketsFile::new("tls", MARKETS_JSON);
    let sim = Simulator::start(Some(&sim_conf(&markets))).unwrap();
    sim.register_key(Product::Prediction, KEY_ID, &public_key_pem(), 0).unwrap();
    // The client trusts only the simulator's generated CA (tls.ca_file set by client_conf).
    let client = client_with_tls(&sim, true);
    let q = client.queue().unwrap();
    let session = open_session(&client, &q);
    assert_eq!(sim.fix_sessions(), 1);
    session.close().unwrap();
    drop(next_event(&q, EventType::FIX_CLOSED));
    drop(session);
    drop(q);
    client.destroy().unwrap();
}

#[test]
fn margin_fix_logon_through_the_perps_listener() {
    let markets = MarketsFile::new("margin", MARKETS_JSON);
    let sim = Simulator::start(Some(&sim_conf(&markets))).unwrap();
    sim.register_key(Product::Margin, KEY_ID, &public_key_pem(), 0).unwrap();
    let key = source_dir().join("tests/data/keys/rsa_pkcs8.pem");
    let mut conf = Conf::new().unwrap();
    // Perps keys are their own properties (perps.auth.*).
    conf.set("perps.auth.key_id", KEY_ID).unwrap();
    conf.set("perps.auth.private_key_path", key.to_str().unwrap()).unwrap();
    conf.set("fix.session", "nr").unwrap();
    sim.client_conf_for(Product::Margin, &mut conf, false).unwrap();
    assert_eq!(conf.get("fix.product").unwrap(), "margin");
    assert_eq!(conf.get("fix.port.nr").unwrap(), sim.port("perps.fix.nr").unwrap().to_string());
    let client = Client::new(Some(&conf)).unwrap();
    let q = client.queue().unwrap();
    let session = open_session(&client, &q);
    assert_eq!(sim.fix_sessions(), 1);
    session.close().unwrap();
    drop(next_event(&q, EventType::FIX_CLOSED));
    drop(session);
    drop(q);
    client.destroy().unwrap();
}

#[test]
fn manual_clock_moves_only_when_advanced() {
    let markets = MarketsFile::new("clock", MARKETS_JSON);
    let mut conf = sim_conf(&markets);
    conf.set("sim.clock", "manual").unwrap();
    conf.set("sim.start_ms", "1700000000000").unwrap();
    let sim = Simulator::start(Some(&conf)).unwrap();
    assert_eq!(sim.now_ms(), 1_700_000_000_000);
    sim.advance_ms(1500).unwrap();
    assert_eq!(sim.now_ms(), 1_700_000_001_500);
    sim.set_activity(false).unwrap();
    assert_eq!(sim.now_ms(), 1_700_000_001_500);
}

#[test]
fn shared_between_threads() {
    let markets = MarketsFile::new("threads", MARKETS_JSON);
    let sim = Simulator::start(Some(&sim_conf(&markets))).unwrap();
    let pem = public_key_pem();
    let buyer = sim.register_key(Product::Prediction, KEY_ID, &pem, 0).unwrap();
    let seller = sim.register_key(Product::Prediction, OTHER_KEY_ID, &pem, 0).unwrap();
    // 4 threads buy and 4 sell 5 x 1 contract each at the same price: however they interleave,
    // every order fills against the other side.
    std::thread::scope(|s| {
        for i in 0..8 {
            let sim = &sim;
            s.spawn(move || {
                let (member, side) = if i % 2 == 0 { (buyer, Side::Buy) } else { (seller, Side::Sell) };
                for _ in 0..5 {
                    sim.place_order(member, TICKER, side, Price(500_000), Count(100)).unwrap();
                }
            });
        }
    });
    assert_eq!(sim.position(buyer, 0, TICKER).unwrap(), Count(2000));
    assert_eq!(sim.position(seller, 0, TICKER).unwrap(), Count(-2000));
}
