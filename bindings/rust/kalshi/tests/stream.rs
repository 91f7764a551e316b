use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use kalshi::{Client, ErrorCode, EventType, Queue};

fn wait_for(q: &Queue, ty: EventType) -> kalshi::Event {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some(ev) = q.poll(100) {
            if ev.event_type() == ty {
                return ev;
            }
            panic!("unexpected {ev:?} while waiting for {ty:?}");
        }
    }
    panic!("no {ty:?}");
}

#[test]
fn loopback_echo_stream() {
    let ln = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = ln.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = ln.accept().unwrap();
        let mut buf = [0u8; 256];
        loop {
            match conn.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => conn.write_all(&buf[..n]).unwrap(),
            }
        }
    });
    let client = Client::new(None).unwrap();
    let q = client.queue().unwrap();
    let s = client.open_stream("127.0.0.1", port, false, 77).unwrap();
    s.write(b"ping ").unwrap(); // queued until connected
    assert_eq!(wait_for(&q, EventType::STREAM_CONNECTED).user_tag(), 77);
    s.write(b"pong").unwrap();
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while got != b"ping pong" && Instant::now() < deadline {
        if let Some(ev) = q.poll(100) {
            assert_eq!(ev.event_type(), EventType::STREAM_DATA, "{ev:?}");
            assert_eq!(ev.user_tag(), 77);
            got.extend_from_slice(ev.data());
        }
    }
    assert_eq!(got, b"ping pong");
    s.close().unwrap();
    let closed = wait_for(&q, EventType::STREAM_CLOSED);
    assert_eq!(closed.user_tag(), 77);
    assert!(closed.error().is_none(), "clean close: {:?}", closed.error());
    drop(s);
    server.join().unwrap();
}

#[test]
fn stream_errors() {
    let client = Client::new(None).unwrap();
    let q = client.queue().unwrap();
    assert_eq!(client.open_stream("example.com", 443, true, 1).unwrap_err().code(), ErrorCode::HOST_NOT_ALLOWED);
    let port = {
        let ln = TcpListener::bind("127.0.0.1:0").unwrap();
        ln.local_addr().unwrap().port()
    };
    let _s = client.open_stream("127.0.0.1", port, false, 2).unwrap();
    let ev = wait_for(&q, EventType::STREAM_CLOSED);
    assert_eq!(ev.user_tag(), 2);
    assert_eq!(ev.err_code(), ErrorCode::CONNECT);
    let e = ev.error().expect("error object on a failed stream");
    assert_eq!(e.code(), ErrorCode::CONNECT);
    assert!(!e.message().is_empty());
}
