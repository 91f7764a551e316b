use std::time::{Duration, Instant};

use kalshi::{Client, Conf, ErrorCode, Event, EventType, LogLevel, Queue};

const WAIT: Duration = Duration::from_secs(10);

/// Polls until an event of `ty` arrives (other events are returned in the Vec too).
fn wait_for(q: &Queue, ty: EventType) -> (Event, Vec<Event>) {
    let deadline = Instant::now() + WAIT;
    let mut others = Vec::new();
    while Instant::now() < deadline {
        if let Some(ev) = q.poll(100) {
            if ev.event_type() == ty {
                return (ev, others);
            }
            others.push(ev);
        }
    }
    panic!("no {ty:?} within {WAIT:?}; got {others:?}");
}

fn conf(pairs: &[(&str, &str)]) -> Conf {
    let mut c = Conf::new().unwrap();
    for (k, v) in pairs {
        c.set(k, v).unwrap();
    }
    c
}

#[test]
fn echo_thread_mode() {
    let client = Client::new(None).unwrap();
    let q = client.queue().unwrap();
    assert!(q.poll(0).is_none(), "fresh queue is empty");
    let tag = 0xDEAD_BEEF_0000_0001u64;
    client.echo(tag).unwrap();
    let (ev, _) = wait_for(&q, EventType::ECHO);
    assert_eq!(ev.user_tag(), tag);
    assert_eq!(ev.event_type().name(), "KALSHI_EVENT_ECHO");
    assert_eq!(ev.err_code(), ErrorCode::OK);
    assert!(ev.error().is_none());
    assert!(ev.timestamp_ns() > 0);
    assert_eq!(client.run(0).unwrap_err().code(), ErrorCode::WRONG_MODE, "run is caller-mode only");
    client.destroy().unwrap();
}

#[test]
fn echo_caller_mode_driven_by_run() {
    let client = Client::new(Some(&conf(&[("client.mode", "caller")]))).unwrap();
    let q = client.queue().unwrap();
    for tag in [7u64, 8, u64::MAX] {
        client.echo(tag).unwrap();
    }
    let mut seen = Vec::new();
    let deadline = Instant::now() + WAIT;
    while seen.len() < 3 && Instant::now() < deadline {
        client.run(10).unwrap();
        while let Some(ev) = q.poll(0) {
            if ev.event_type() == EventType::ECHO {
                seen.push(ev.user_tag());
            }
        }
    }
    assert_eq!(seen, vec![7, 8, u64::MAX], "echoes in order, each with its tag");

    // Close in caller mode: start it, then drive the loop until the client reports CLOSED.
    client.close(0).unwrap();
    assert!(client.is_closed());
    let deadline = Instant::now() + WAIT;
    let mut rc = Ok(());
    while Instant::now() < deadline {
        rc = client.run(10);
        if rc.is_err() {
            break;
        }
    }
    assert_eq!(rc.unwrap_err().code(), ErrorCode::CLOSED);
    let (_ev, _) = wait_for(&q, EventType::CLIENT_CLOSED);
    assert_eq!(client.echo(1).unwrap_err().code(), ErrorCode::CLOSED);
}

#[test]
fn log_events_are_typed_and_filtered() {
    let client = Client::new(Some(&conf(&[("log.level", "info")]))).unwrap();
    let q = client.queue().unwrap();
    client.log(LogLevel::Debug, "filtered out").unwrap();
    client.log(LogLevel::Warn, "hello from rust").unwrap();
    let (ev, skipped) = wait_for(&q, EventType::LOG);
    assert!(skipped.is_empty());
    assert_eq!(ev.log_level(), Some(LogLevel::Warn));
    assert_eq!(ev.data(), b"hello from rust");
    assert_eq!(ev.text(), "hello from rust");
    // The debug message must never show up: flush with an echo and look at everything before it.
    client.echo(99).unwrap();
    let (_, between) = wait_for(&q, EventType::ECHO);
    assert!(between.iter().all(|e| !e.text().contains("filtered out")), "{between:?}");
    assert!(q.poll(50).is_none());
    assert_eq!(client.log(LogLevel::Info, "nul\0byte").unwrap_err().code(), ErrorCode::INVALID_ARG);
}

#[test]
fn poll_batch_and_length() {
    let client = Client::new(None).unwrap();
    let q = client.queue().unwrap();
    for tag in 1..=5u64 {
        client.echo(tag).unwrap();
    }
    // Wait until all five are queued (the I/O thread delivers them asynchronously).
    let deadline = Instant::now() + WAIT;
    while q.len() < 5 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(q.len(), 5);
    assert!(!q.is_empty());
    let first = q.poll_batch(3, 0);
    assert_eq!(first.iter().map(Event::user_tag).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(q.len(), 2);
    let rest = q.poll_batch(10, 0);
    assert_eq!(rest.iter().map(Event::user_tag).collect::<Vec<_>>(), vec![4, 5]);
    assert!(q.poll_batch(10, 0).is_empty());
    assert!(q.is_empty());
}

#[repr(C)]
struct PollFd {
    fd: i32,
    events: i16,
    revents: i16,
}
extern "C" {
    fn poll(fds: *mut PollFd, nfds: u64, timeout: i32) -> i32;
}
fn readable(fd: i32, timeout_ms: i32) -> bool {
    let mut p = PollFd { fd, events: 1 /* POLLIN */, revents: 0 };
    let n = unsafe { poll(&mut p, 1, timeout_ms) };
    n == 1 && (p.revents & 1) != 0
}

#[test]
fn wakeup_fd_tracks_queue() {
    let client = Client::new(None).unwrap();
    let q = client.queue().unwrap();
    let fd = q.wakeup_fd();
    assert!(fd >= 0);
    assert!(!readable(fd, 0), "empty queue: fd not readable");
    client.echo(42).unwrap();
    assert!(readable(fd, 10_000), "fd readable once an event is queued");
    let ev = q.poll(0).expect("event ready when fd readable");
    assert_eq!(ev.user_tag(), 42);
    assert!(!readable(fd, 0), "drained queue: fd not readable");
}

#[test]
fn queue_outlives_client_and_sees_close() {
    let client = Client::new(None).unwrap();
    let q = client.queue().unwrap();
    client.echo(5).unwrap();
    client.close(-1).unwrap();
    assert!(client.is_closed());
    assert_eq!(client.echo(6).unwrap_err().code(), ErrorCode::CLOSED);
    drop(client); // destroy before the queue: the queue keeps what it needs alive
    let (echo, _) = wait_for(&q, EventType::ECHO);
    assert_eq!(echo.user_tag(), 5);
    let (_closed, _) = wait_for(&q, EventType::CLIENT_CLOSED);
    // Events outlive the queue too.
    let ev = {
        let c2 = Client::new(None).unwrap();
        let q2 = c2.queue().unwrap();
        c2.echo(77).unwrap();
        wait_for(&q2, EventType::ECHO).0
    };
    assert_eq!(ev.user_tag(), 77);
}

#[test]
fn client_and_queue_are_shared_across_threads() {
    let client = std::sync::Arc::new(Client::new(None).unwrap());
    let q = std::sync::Arc::new(client.queue().unwrap());
    let producers: Vec<_> = (0..4u64)
        .map(|t| {
            let c = client.clone();
            std::thread::spawn(move || {
                for i in 0..25u64 {
                    c.echo(t * 1000 + i).unwrap();
                }
            })
        })
        .collect();
    let consumer = {
        let q = q.clone();
        std::thread::spawn(move || {
            let mut tags = Vec::new();
            let deadline = Instant::now() + WAIT;
            while tags.len() < 100 && Instant::now() < deadline {
                if let Some(ev) = q.poll(50) {
                    assert_eq!(ev.event_type(), EventType::ECHO);
                    tags.push(ev.user_tag());
                }
            }
            tags
        })
    };
    for p in producers {
        p.join().unwrap();
    }
    let mut tags = consumer.join().unwrap();
    tags.sort_unstable();
    let mut want: Vec<u64> = (0..4u64).flat_map(|t| (0..25u64).map(move |i| t * 1000 + i)).collect();
    want.sort_unstable();
    assert_eq!(tags, want);
}

#[test]
fn unusable_conf_fails_client_new_with_error_object() {
    let mut c = Conf::new().unwrap();
    c.set("auth.private_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").unwrap();
    c.set("auth.private_key_path", "/nonexistent/key.pem").unwrap();
    let e = Client::new(Some(&c)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::INVALID_VALUE, "{e}");
    assert!(e.message().contains("auth.private_key"), "message names the property: {e}");

    let mut h = Conf::new().unwrap();
    h.set("rest.host", "example.com").unwrap();
    let e = Client::new(Some(&h)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::HOST_NOT_ALLOWED, "{e}");
    assert!(!e.retriable());
    h.set("net.allow_unknown_host", "true").unwrap();
    Client::new(Some(&h)).unwrap().destroy().unwrap();
}
