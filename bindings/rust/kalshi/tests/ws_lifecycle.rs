//! 200 WebSocket open/subscribe/close/drop cycles against one in-process simulator, alone in this
//! test binary so that threads, file descriptors and RSS can be compared before and after.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kalshi::{Client, Conf, ErrorCode, EventType, Product, Queue, Simulator, WsState};

const KEY_ID: &str = "5e1a7c00-0000-4000-8000-00000000e001";
const TICKER: &str = "HIGHNY-26NOV21-T50";
const WAIT: Duration = Duration::from_secs(10);

fn source_dir() -> PathBuf {
    PathBuf::from(
        std::env::var("KALSHI_SOURCE_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../..").into()),
    )
}

fn wait(q: &Queue, what: &str, want: impl Fn(&kalshi::Event) -> bool) -> kalshi::Event {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Some(ev) = q.poll(100) {
            if want(&ev) {
                return ev;
            }
        }
    }
    panic!("no {what} within {WAIT:?}");
}

fn one_cycle(client: &Client, q: &Queue, i: u64) {
    let ws = client.open_ws(None, i).unwrap();
    wait(q, "OPEN", |ev| ev.event_type() == EventType::WS_STATE && ev.ws_state() == WsState::OPEN && ev.user_tag() == i);
    ws.subscribe(&["orderbook_delta"], &[TICKER], i).unwrap();
    let reply = wait(q, "WS_REPLY", |ev| ev.event_type() == EventType::WS_REPLY && ev.user_tag() == i);
    assert_eq!(reply.err_code(), ErrorCode::OK, "{:?}", reply.error());
    ws.close().unwrap();
    wait(q, "WS_CLOSED", |ev| ev.event_type() == EventType::WS_CLOSED && ev.user_tag() == i);
}

/// Waits (bounded) until the simulator has also closed its side of the connections.
fn settle_fds(target: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let n = common::count_dir("/proc/self/fd");
        if n <= target || Instant::now() >= deadline {
            return n;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn two_hundred_websocket_cycles_do_not_leak() {
    let mut conf = Conf::new().unwrap();
    conf.set("sim.seed", "7").unwrap();
    conf.set("sim.activity", "false").unwrap();
    let sim = Simulator::start(Some(&conf)).unwrap();
    let pem = std::fs::read(source_dir().join("tests/data/keys/rsa_pub.pem")).unwrap();
    sim.register_key(Product::Prediction, KEY_ID, &pem, 0).unwrap();
    let mut conf = Conf::new().unwrap();
    conf.set("auth.key_id", KEY_ID).unwrap();
    conf.set("auth.private_key_path", source_dir().join("tests/data/keys/rsa_pkcs8.pem").to_str().unwrap()).unwrap();
    sim.client_conf(&mut conf, false).unwrap();
    let client = Client::new(Some(&conf)).unwrap();
    let q = client.queue().unwrap();

    // Warm up allocator arenas and lazily initialised library state.
    for i in 1..=20 {
        one_cycle(&client, &q, i);
    }
    let threads0 = common::count_dir("/proc/self/task");
    let fds0 = common::count_dir("/proc/self/fd");
    let rss0 = common::rss_bytes();
    for i in 21..=220 {
        one_cycle(&client, &q, i);
    }
    let fds1 = settle_fds(fds0);
    let threads1 = common::count_dir("/proc/self/task");
    let rss1 = common::rss_bytes();
    eprintln!("threads {threads0}->{threads1} fds {fds0}->{fds1} rss {rss0}->{rss1}");
    assert_eq!(threads1, threads0, "threads leaked");
    assert!(fds1 <= fds0, "file descriptors leaked: {fds0} -> {fds1}");
    // A leak of even 20 KiB per connection would add 4 MB; allow allocator noise below that.
    assert!(rss1 < rss0 + 4 * 1024 * 1024, "RSS grew from {rss0} to {rss1}");
}
