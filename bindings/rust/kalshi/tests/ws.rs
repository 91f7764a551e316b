//! WebSocket through the safe API against the in-process simulator over loopback: open, subscribe
//! to orderbook_delta for a seeded market, the reply with its sid and the snapshot as a typed
//! object, an order placed at the simulator seen as a delta that moves the local book's best bid
//! (BOOK_TOP, book_best, book_copy), list and update, unsubscribe, close. Every wait is bounded.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kalshi::{
    Book, BookSide, Client, Conf, Count, ErrorCode, Event, EventType, Level, Price, Product, Queue, Side, Simulator,
    WebSocket, WsState, WsUpdate,
};

const KEY_ID: &str = "5e1a7c00-0000-4000-8000-00000000d001";
const MAKER_KEY_ID: &str = "5e1a7c00-0000-4000-8000-00000000d002";
/// Markets of the simulator's built-in set.
const TICKER: &str = "HIGHNY-26NOV21-T50";
const OTHER_TICKER: &str = "HIGHNY-26NOV21-T55";
const PERP: &str = "BTC-PERP";
const PERPS_KEY_ID: &str = "5e1a7c00-0000-4000-8000-00000000d003";
const WAIT: Duration = Duration::from_secs(10);

fn source_dir() -> PathBuf {
    PathBuf::from(
        std::env::var("KALSHI_SOURCE_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../..").into()),
    )
}

struct Live {
    sim: Simulator,
    maker: u32,
    client: Client,
    q: Queue,
}

fn live() -> Live {
    let mut conf = Conf::new().unwrap();
    conf.set("sim.seed", "7").unwrap();
    conf.set("sim.activity", "false").unwrap();
    let sim = Simulator::start(Some(&conf)).unwrap();
    let pem = std::fs::read(source_dir().join("tests/data/keys/rsa_pub.pem")).unwrap();
    sim.register_key(Product::Prediction, KEY_ID, &pem, 0).unwrap();
    let maker = sim.register_key(Product::Prediction, MAKER_KEY_ID, &pem, 0).unwrap();

    let key = source_dir().join("tests/data/keys/rsa_pkcs8.pem");
    let mut conf = Conf::new().unwrap();
    conf.set("auth.key_id", KEY_ID).unwrap();
    conf.set("auth.private_key_path", key.to_str().unwrap()).unwrap();
    conf.set("ws.top_events", "true").unwrap();
    conf.set("ws.backoff_base_ms", "20").unwrap(); // reconnect soon after the "drop" fault
    sim.client_conf(&mut conf, false).unwrap();
    assert_eq!(conf.get("ws.port").unwrap(), sim.port("ws").unwrap().to_string());
    let client = Client::new(Some(&conf)).unwrap();
    let q = client.queue().unwrap();
    Live { sim, maker, client, q }
}

/// The next event accepted by `want`; WebSocket events it does not want are kept in `seen` for
/// the failure message, logs are skipped.
fn wait_for(q: &Queue, what: &str, want: impl Fn(&Event) -> bool) -> Event {
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        let Some(ev) = q.poll(100) else { continue };
        if want(&ev) {
            return ev;
        }
        if ev.event_type() != EventType::LOG {
            seen.push(format!("{:?} {} {} {:?} {}", ev.event_type(), ev.ws_channel(), ev.ws_type(), ev.error(), ev.text()));
        }
    }
    panic!("no {what} within {WAIT:?}; saw {seen:#?}");
}

fn wait_reply(q: &Queue, tag: u64) -> Event {
    wait_for(q, "WS_REPLY", |ev| ev.event_type() == EventType::WS_REPLY && ev.user_tag() == tag)
}

fn wait_message(q: &Queue, ty: &str) -> Event {
    wait_for(q, ty, |ev| ev.event_type() == EventType::WS_MESSAGE && ev.ws_type() == ty)
}

#[test]
fn orderbook_subscription_snapshot_delta_and_local_book() {
    let l = live();
    // Resting before the subscription: the maker's YES bid 0.40 x 10.
    l.sim.place_order(l.maker, TICKER, Side::Buy, Price(400_000), Count(1000)).unwrap();

    let ws = l.client.open_ws(None, 7).unwrap();
    let open = wait_for(&l.q, "OPEN", |ev| ev.event_type() == EventType::WS_STATE && ev.ws_state() == WsState::OPEN);
    assert_eq!(open.user_tag(), 7);
    assert_eq!(ws.state(), WsState::OPEN);
    assert_eq!(WsState::OPEN.name(), "KALSHI_WS_OPEN");

    ws.subscribe(&["orderbook_delta"], &[TICKER], 11).unwrap();
    let reply = wait_reply(&l.q, 11);
    assert_eq!(reply.err_code(), ErrorCode::OK, "{:?} {}", reply.error(), reply.text());
    let sid = reply.ws_sid();
    assert!(sid > 0);

    let snap = wait_message(&l.q, "orderbook_snapshot");
    assert_eq!(snap.ws_channel(), "orderbook_delta");
    assert_eq!(snap.ws_sid(), sid);
    assert_eq!(snap.ws_market(), TICKER);
    assert_eq!(snap.user_tag(), 7, "messages carry the connection's tag");
    let snap_seq = snap.ws_seq();
    assert!(snap.text().contains(TICKER));
    assert_eq!(snap.obj_count(), 1);
    let o = snap.obj(0).unwrap();
    assert_eq!(o.str("market_ticker").unwrap(), TICKER, "{o:?}");
    assert_eq!(o.levels("yes"), vec![Level { price: Price(400_000), size: Count(1000) }], "{o:?}");
    assert_eq!(o.level_count("no"), 0);
    drop(snap);
    assert_eq!(
        ws.book_best(TICKER, BookSide::Bid),
        Some(Level { price: Price(400_000), size: Count(1000) })
    );
    assert_eq!(ws.book_best(TICKER, BookSide::Ask), None, "no offers yet");
    assert_eq!(ws.book_best("NO-SUCH-MARKET", BookSide::Bid), None);

    // A better bid at the exchange: a delta, the next seq, and the local book's best moves.
    l.sim.place_order(l.maker, TICKER, Side::Buy, Price(450_000), Count(500)).unwrap();
    let delta = wait_message(&l.q, "orderbook_delta");
    assert_eq!(delta.ws_sid(), sid);
    assert_eq!(delta.ws_seq(), snap_seq + 1);
    assert_eq!(delta.ws_market(), TICKER);
    let d = delta.obj(0).unwrap();
    assert_eq!(d.kind(), "orderbook_delta", "{d:?}");
    // The typed view names the decoded values (price_dollars / delta_fp on the wire).
    assert_eq!(d.price("price").unwrap(), Price(450_000), "{d:?}");
    assert_eq!(d.count("delta").unwrap(), Count(500), "{d:?}");
    assert!(d.int("ts_ms").unwrap() > 0);
    assert_eq!(d.str("side").unwrap(), "yes");
    drop(delta);
    let top = wait_for(&l.q, "BOOK_TOP", |ev| ev.event_type() == EventType::BOOK_TOP && ev.ws_market() == TICKER);
    drop(top);
    assert_eq!(ws.book_best(TICKER, BookSide::Bid), Some(Level { price: Price(450_000), size: Count(500) }));

    // An offer: YES 0.60 is a NO bid at 0.40, the book's ask at 0.60.
    l.sim.place_order(l.maker, TICKER, Side::Sell, Price(600_000), Count(300)).unwrap();
    wait_message(&l.q, "orderbook_delta");
    let mut book = Book::new().unwrap();
    ws.book_copy(TICKER, &mut book).unwrap();
    assert_eq!(
        book.levels(TICKER, BookSide::Bid),
        vec![Level { price: Price(450_000), size: Count(500) }, Level { price: Price(400_000), size: Count(1000) }]
    );
    assert_eq!(book.levels(TICKER, BookSide::Ask), vec![Level { price: Price(600_000), size: Count(300) }]);
    assert_eq!(ws.book_best(TICKER, BookSide::Ask), Some(Level { price: Price(600_000), size: Count(300) }));
    assert_eq!(ws.book_copy("NO-SUCH-MARKET", &mut book).unwrap_err().code(), ErrorCode::NOT_FOUND);

    // Another market added to the subscription, and the list of subscriptions.
    ws.update_subscription(sid, WsUpdate::AddMarkets, &[OTHER_TICKER], 12).unwrap();
    let reply = wait_reply(&l.q, 12);
    assert_eq!(reply.err_code(), ErrorCode::OK, "{:?} {}", reply.error(), reply.text());
    ws.list_subscriptions(13).unwrap();
    let reply = wait_reply(&l.q, 13);
    assert_eq!(reply.err_code(), ErrorCode::OK, "{:?}", reply.error());
    assert!(reply.text().contains("orderbook_delta"), "{}", reply.text());

    ws.unsubscribe(sid, 14).unwrap();
    let reply = wait_reply(&l.q, 14);
    assert_eq!(reply.err_code(), ErrorCode::OK, "{:?} {}", reply.error(), reply.text());
    assert_eq!(ws.dropped(), 0);

    ws.close().unwrap();
    let closed = wait_for(&l.q, "WS_CLOSED", |ev| ev.event_type() == EventType::WS_CLOSED);
    assert_eq!(closed.user_tag(), 7);
    assert_eq!(ws.state(), WsState::CLOSED);
    ws.close().unwrap(); // idempotent
}

#[test]
fn commands_are_checked_before_sending() {
    let l = live();
    let ws = WebSocket::open(&l.client, None, 8).unwrap();
    wait_for(&l.q, "OPEN", |ev| ev.event_type() == EventType::WS_STATE && ev.ws_state() == WsState::OPEN);
    assert_eq!(ws.subscribe(&[], &[TICKER], 21).unwrap_err().code(), ErrorCode::INVALID_ARG);
    assert_eq!(ws.subscribe(&["ticker"], &[""], 22).unwrap_err().code(), ErrorCode::INVALID_ARG);
    assert_eq!(ws.subscribe(&["tick\0er"], &[], 23).unwrap_err().code(), ErrorCode::INVALID_ARG);
    assert_eq!(ws.unsubscribe(0, 24).unwrap_err().code(), ErrorCode::INVALID_ARG);
    assert_eq!(ws.update_subscription(1, WsUpdate::DeleteMarkets, &[], 25).unwrap_err().code(), ErrorCode::INVALID_ARG);
    // A channel the exchange does not know: its refusal is the reply's error.
    ws.subscribe(&["no_such_channel"], &[], 26).unwrap();
    let reply = wait_reply(&l.q, 26);
    assert_eq!(reply.err_code(), ErrorCode::REJECTED, "{}", reply.text());
    let e = reply.error().unwrap();
    assert_eq!(e.exchange_code(), "8", "the spec's \"Unknown channel name\": {e:?}");
    assert_eq!(reply.ws_sid(), 0);

    // Without a key the connection cannot be signed: refused at open.
    let mut conf = Conf::new().unwrap();
    l.sim.client_conf(&mut conf, false).unwrap();
    let anon = Client::new(Some(&conf)).unwrap();
    assert_eq!(anon.open_ws(None, 9).unwrap_err().code(), ErrorCode::INVALID_ARG);

    // A closed client refuses new connections; dropping the open one after its client is fine.
    drop(ws);
    l.client.close(2000).unwrap();
    assert_eq!(l.client.open_ws(None, 10).unwrap_err().code(), ErrorCode::CLOSED);
}

#[test]
fn gap_resyncs_and_drop_reconnects_with_a_fresh_snapshot() {
    let l = live();
    l.sim.place_order(l.maker, TICKER, Side::Buy, Price(300_000), Count(400)).unwrap();
    let ws = l.client.open_ws(None, 40).unwrap();
    ws.subscribe(&["orderbook_delta"], &[TICKER], 41).unwrap();
    let sid = wait_reply(&l.q, 41).ws_sid();
    wait_message(&l.q, "orderbook_snapshot");

    // The exchange skips a sequence number: the library notices the gap, clears the book,
    // reports WS_RESYNC and resubscribes; the fresh snapshot holds both orders.
    l.sim.fault("ws", Some(KEY_ID), "skip 1").unwrap();
    l.sim.place_order(l.maker, TICKER, Side::Buy, Price(350_000), Count(100)).unwrap();
    let resync = wait_for(&l.q, "WS_RESYNC", |ev| ev.event_type() == EventType::WS_RESYNC);
    assert_eq!(resync.ws_sid(), sid, "the resync names the subscription as the application knows it");
    assert!(resync.error().is_some(), "the resync says why");
    drop(resync);
    let snap = wait_message(&l.q, "orderbook_snapshot");
    assert_eq!(
        snap.obj(0).unwrap().levels("yes"),
        vec![Level { price: Price(350_000), size: Count(100) }, Level { price: Price(300_000), size: Count(400) }]
    );
    drop(snap);
    assert_eq!(ws.book_best(TICKER, BookSide::Bid), Some(Level { price: Price(350_000), size: Count(100) }));

    // The connection drops: RECONNECTING, OPEN again, resubscribed with a fresh snapshot.
    l.sim.fault("ws", Some(KEY_ID), "drop").unwrap();
    wait_for(&l.q, "RECONNECTING", |ev| ev.event_type() == EventType::WS_STATE && ev.ws_state() == WsState::RECONNECTING);
    wait_for(&l.q, "OPEN", |ev| ev.event_type() == EventType::WS_STATE && ev.ws_state() == WsState::OPEN);
    let snap = wait_message(&l.q, "orderbook_snapshot");
    assert_eq!(snap.ws_market(), TICKER);
    drop(snap);
    l.sim.place_order(l.maker, TICKER, Side::Buy, Price(360_000), Count(200)).unwrap();
    wait_message(&l.q, "orderbook_delta");
    assert_eq!(ws.book_best(TICKER, BookSide::Bid), Some(Level { price: Price(360_000), size: Count(200) }));
    // The old sid still names the subscription.
    ws.unsubscribe(sid, 42).unwrap();
    let reply = wait_reply(&l.q, 42);
    assert_eq!(reply.err_code(), ErrorCode::OK, "{:?} {}", reply.error(), reply.text());
}

#[test]
fn perps_stream_books_bids_and_asks() {
    let l = live();
    let pem = std::fs::read(source_dir().join("tests/data/keys/rsa_pub.pem")).unwrap();
    let perps_maker = l.sim.register_key(Product::Margin, PERPS_KEY_ID, &pem, 0).unwrap();
    l.sim.set_balance(perps_maker, 0, "1000000".parse().unwrap()).unwrap();
    l.sim.place_order(perps_maker, PERP, Side::Buy, "94000.5".parse().unwrap(), "0.25".parse().unwrap()).unwrap();

    // One client holds both streams: its conf carries both keys (keys are loaded with the
    // client, so per-connection overrides cannot bring one) and ws.product picks per connection.
    let key = source_dir().join("tests/data/keys/rsa_pkcs8.pem");
    let mut conf = Conf::new().unwrap();
    conf.set("auth.key_id", KEY_ID).unwrap();
    conf.set("auth.private_key_path", key.to_str().unwrap()).unwrap();
    conf.set("perps.auth.key_id", PERPS_KEY_ID).unwrap();
    conf.set("perps.auth.private_key_path", key.to_str().unwrap()).unwrap();
    l.sim.client_conf(&mut conf, false).unwrap();
    let client = Client::new(Some(&conf)).unwrap();
    let q = client.queue().unwrap();
    let mut perps = Conf::new().unwrap();
    perps.set("ws.product", "perps").unwrap();
    let ws = client.open_ws(Some(&perps), 50).unwrap();
    ws.subscribe(&["orderbook_delta"], &[PERP], 51).unwrap();
    let reply = wait_reply(&q, 51);
    assert_eq!(reply.err_code(), ErrorCode::OK, "{:?} {}", reply.error(), reply.text());
    let snap = wait_message(&q, "orderbook_snapshot");
    let o = snap.obj(0).unwrap();
    assert_eq!(o.levels("bid"), vec![Level { price: Price(94_000_500_000), size: Count(25) }], "{o:?} {}", snap.text());
    drop(snap);
    assert_eq!(ws.book_best(PERP, BookSide::Bid), Some(Level { price: Price(94_000_500_000), size: Count(25) }));
    l.sim.place_order(perps_maker, PERP, Side::Sell, "95000".parse().unwrap(), "1.5".parse().unwrap()).unwrap();
    wait_message(&q, "orderbook_delta");
    assert_eq!(ws.book_best(PERP, BookSide::Ask), Some(Level { price: Price(95_000_000_000), size: Count(150) }));
}

/// Dropping a connection that is still connecting and then closing its client must not crash
/// (it once did: the connection finished while registering with a closing runtime and stayed
/// registered after it was freed).
#[test]
fn drop_while_connecting_then_close_client() {
    let l = live();
    let ws = l.client.open_ws(None, 30).unwrap();
    drop(ws);
    l.client.close(2000).unwrap();
    let closed = wait_for(&l.q, "CLIENT_CLOSED", |ev| ev.event_type() == EventType::CLIENT_CLOSED);
    drop(closed);
}
