//! A FIX session against an independent engine: the QuickFIX acceptor (tests/qf,
//! `kalshi-qf-acceptor`, named by KALSHI_QF_ACCEPTOR) checks the Logon signature, validates our
//! messages against its dictionary and answers orders with a New and a Trade ExecutionReport.
//! Skipped, with the reason printed, when KALSHI_QF_ACCEPTOR is unset; a failure when it is set.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use kalshi::{
    Client, Conf, Count, ErrorCode, Event, EventType, FixBuilder, FixState, NewOrder, Price, Queue, Side,
    TimeInForce,
};

const KEY_ID: &str = "11111111-2222-3333-4444-555555555555";
const SYMBOL: &str = "HIGHNY-23DEC31";
const TIMEOUT: Duration = Duration::from_secs(15);

fn source_dir() -> PathBuf {
    PathBuf::from(std::env::var("KALSHI_SOURCE_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../..").into()))
}

/// The acceptor subprocess: first stdout line is its port; further lines are drained by a thread
/// into a channel; it exits when its stdin closes (on drop, even when the test fails).
struct Acceptor {
    child: Child,
    stdin: Option<ChildStdin>,
    port: String,
    lines: mpsc::Receiver<String>,
    drain: Option<JoinHandle<()>>,
}

impl Acceptor {
    /// `None` (with the reason printed) when KALSHI_QF_ACCEPTOR is unset.
    fn start() -> Option<Acceptor> {
        let Some(exe) = std::env::var_os("KALSHI_QF_ACCEPTOR") else {
            println!("skipped: KALSHI_QF_ACCEPTOR is not set (path to kalshi-qf-acceptor)");
            return None;
        };
        let public_key = source_dir().join("tests/data/keys/rsa_pub.pem");
        let mut child = Command::new(&exe)
            .args(["--key-id", KEY_ID, "--public-key"])
            .arg(&public_key)
            .args(["--port", "0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {exe:?}: {e}"));
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut port = String::new();
        out.read_line(&mut port).expect("read the acceptor's port");
        let port = port.trim().to_owned();
        assert!(port.parse::<u16>().is_ok_and(|p| p > 0), "acceptor printed {port:?} instead of a port");
        let (tx, lines) = mpsc::channel();
        let drain = std::thread::spawn(move || {
            for line in out.lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let stdin = child.stdin.take();
        Some(Acceptor { child, stdin, port, lines, drain: Some(drain) })
    }

    /// Waits for an output line containing `needle`.
    fn expect(&self, needle: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("the acceptor never printed {needle:?}");
    }
}

impl Drop for Acceptor {
    fn drop(&mut self) {
        drop(self.stdin.take()); // it exits when its stdin closes
        let _ = self.child.wait();
        if let Some(t) = self.drain.take() {
            let _ = t.join();
        }
    }
}

fn client_for(a: &Acceptor) -> Client {
    let key = source_dir().join("tests/data/keys/rsa_pkcs8.pem");
    let mut conf = Conf::new().unwrap();
    for (k, v) in [
        ("auth.key_id", KEY_ID),
        ("auth.private_key_path", key.to_str().unwrap()),
        ("fix.host", "127.0.0.1"),
        ("fix.tls", "false"),
        ("fix.port.nr", &a.port),
        ("fix.session", "nr"),
    ] {
        conf.set(k, v).unwrap_or_else(|e| panic!("{k}={v}: {e}"));
    }
    Client::new(Some(&conf)).unwrap()
}

/// The next event of type `ty` within the timeout, skipping logs; panics on anything else.
fn next_event(q: &Queue, ty: EventType) -> Event {
    let deadline = Instant::now() + TIMEOUT;
    while Instant::now() < deadline {
        let Some(ev) = q.poll(100) else { continue };
        let t = ev.event_type();
        if t == ty {
            return ev;
        }
        match t {
            EventType::LOG | EventType::FIX_STATE => {}
            _ => panic!("unexpected {ev:?} ({:?}) while waiting for {ty:?}", ev.error()),
        }
    }
    panic!("no {ty:?} within {TIMEOUT:?}");
}

fn wait_state(q: &Queue, want: FixState) -> Event {
    let deadline = Instant::now() + TIMEOUT;
    while Instant::now() < deadline {
        let Some(ev) = q.poll(100) else { continue };
        match ev.event_type() {
            EventType::FIX_STATE if ev.fix_state() == want => return ev,
            EventType::FIX_STATE | EventType::LOG => {}
            _ => panic!("unexpected {ev:?} ({:?}) while waiting for {want:?}", ev.error()),
        }
    }
    panic!("session never reached {want:?} within {TIMEOUT:?}");
}

/// Reads the next ExecutionReport and checks the fields both the New and the Trade carry.
fn next_er(q: &Queue, cl_ord_id: &str, exec_type: char) -> Event {
    let ev = next_event(q, EventType::FIX_MESSAGE);
    assert_eq!(ev.user_tag(), 7, "session events carry the session's tag");
    let er = ev.fix_msg().unwrap().execution_report().unwrap_or_else(|e| panic!("{e}: {:?}", ev.fix_msg()));
    assert_eq!(er.exec_type, exec_type, "{er:?}");
    assert_eq!(er.cl_ord_id, Some(cl_ord_id));
    assert_eq!(er.symbol, Some(SYMBOL));
    assert_eq!(er.side, Some('1'));
    assert_eq!(er.price, Some(Price(750_000)));
    assert!(er.order_id.is_some() && er.exec_id.is_some(), "{er:?}");
    ev
}

#[test]
fn order_round_trip_with_quickfix() {
    let Some(acceptor) = Acceptor::start() else { return };
    let client = client_for(&acceptor);
    let q = client.queue().unwrap();
    let session = client.open_fix_session(None, 7).unwrap();
    let active = wait_state(&q, FixState::ACTIVE);
    assert_eq!(active.user_tag(), 7);
    drop(active);
    acceptor.expect("LOGON ok");
    assert_eq!(session.state(), FixState::ACTIVE);
    assert!(session.next_sender_seq() >= 2, "Logon used seq 1");
    assert!(session.next_target_seq() >= 2);

    // 0.75 dollars goes out as 75 cents (prediction without UseDollars), 10 contracts.
    let order = NewOrder {
        cl_ord_id: "order-1",
        symbol: SYMBOL,
        side: Side::Buy,
        price: Price(750_000),
        qty: Count(1000),
        tif: Some(TimeInForce::GoodTillCancel),
    };
    session.send_new_order(&order, 99).unwrap();
    acceptor.expect("APP D 11=order-1");
    let ack = next_er(&q, "order-1", '0');
    let er = ack.fix_msg().unwrap().execution_report().unwrap();
    assert_eq!(er.ord_status, '0');
    assert_eq!(er.order_qty, Some(Count(1000)));
    drop(ack);
    let fill = next_er(&q, "order-1", 'F');
    let er = fill.fix_msg().unwrap().execution_report().unwrap();
    assert_eq!(er.last_px, Some(Price(750_000)));
    assert_eq!(er.last_qty, Some(Count(1000)));
    assert_eq!(er.cum_qty, Some(Count(1000)));
    assert_eq!(er.leaves_qty, Some(Count(0)));
    drop(fill);

    // A price the cents wire format cannot carry is refused before anything is sent.
    let inexact = NewOrder { cl_ord_id: "order-2", price: Price(755_000), qty: Count(100), ..order.clone() };
    assert_eq!(session.send_new_order(&inexact, 0).unwrap_err().code(), ErrorCode::INEXACT);
    // Not carried on KalshiNR: RFQ creation.
    assert_eq!(
        session.send_quote_request("rfq-1", SYMBOL, Count(100), 0).unwrap_err().code(),
        ErrorCode::NOT_SUPPORTED
    );

    // The same order through the generic builder; a missing required field is refused at once.
    let mut b = FixBuilder::new("D").unwrap();
    b.set_str(11, "order-3").unwrap().set_str(55, SYMBOL).unwrap().set_char(54, '1').unwrap();
    b.set_char(40, '2').unwrap().set_count(38, Count(1000)).unwrap().set_char(59, '1').unwrap();
    // No Price(44). fix.h: "KALSHI_ERR_INVALID_VALUE names a missing required field"; the library
    // reports INVALID_ARG; either is accepted, and the message must name the field.
    let e = session.send(&b, None, 0).unwrap_err();
    assert!([ErrorCode::INVALID_VALUE, ErrorCode::INVALID_ARG].contains(&e.code()), "{e}");
    assert!(e.message().contains("44"), "{e}");
    b.set_price(44, "0.75".parse().unwrap()).unwrap();
    session.send(&b, None, 100).unwrap();
    acceptor.expect("APP D 11=order-3");
    drop(next_er(&q, "order-3", '0'));
    drop(next_er(&q, "order-3", 'F'));

    session.close().unwrap();
    let closed = next_event(&q, EventType::FIX_CLOSED);
    assert_eq!(closed.user_tag(), 7);
    acceptor.expect("LOGOUT");
    session.close().unwrap(); // idempotent
    drop(session);
    drop(q);
    client.destroy().unwrap();
}
