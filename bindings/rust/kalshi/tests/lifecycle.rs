//! 1,000 client create/close/destroy cycles, alone in this test binary so that threads, file
//! descriptors and RSS can be compared before and after without other tests interfering.

mod common;

use kalshi::{Client, Conf, EventType};

fn one_cycle(i: u32, caller: &Conf) {
    match i % 4 {
        // Plain create/destroy in thread mode.
        0 => Client::new(None).unwrap().destroy().unwrap(),
        // Explicit close, then drop.
        1 => {
            let c = Client::new(None).unwrap();
            c.close(-1).unwrap();
            assert!(c.is_closed());
        }
        // With a queue and an event in flight; the queue outlives the client.
        2 => {
            let c = Client::new(None).unwrap();
            let q = c.queue().unwrap();
            c.echo(i as u64).unwrap();
            drop(c);
            let mut got_echo = false;
            while let Some(ev) = q.poll(1000) {
                got_echo |= ev.event_type() == EventType::ECHO && ev.user_tag() == i as u64;
                if ev.event_type() == EventType::CLIENT_CLOSED {
                    break;
                }
            }
            assert!(got_echo, "cycle {i}: echo delivered before close");
        }
        // Caller mode, never run: destroy must still clean up.
        _ => {
            let c = Client::new(Some(caller)).unwrap();
            let _q = c.queue().unwrap();
            c.echo(1).unwrap();
        }
    }
}

#[test]
fn thousand_create_close_destroy_cycles_do_not_leak() {
    let mut caller = Conf::new().unwrap();
    caller.set("client.mode", "caller").unwrap();
    caller.set("client.close_timeout_ms", "100").unwrap();
    // Warm up allocator arenas and lazily initialised library state.
    for i in 0..100 {
        one_cycle(i, &caller);
    }
    let threads0 = common::count_dir("/proc/self/task");
    let fds0 = common::count_dir("/proc/self/fd");
    let rss0 = common::rss_bytes();
    for i in 0..1000 {
        one_cycle(i, &caller);
    }
    let threads1 = common::count_dir("/proc/self/task");
    let fds1 = common::count_dir("/proc/self/fd");
    let rss1 = common::rss_bytes();
    eprintln!("threads {threads0}->{threads1} fds {fds0}->{fds1} rss {rss0}->{rss1}");
    assert_eq!(threads1, threads0, "I/O threads leaked");
    assert_eq!(fds1, fds0, "file descriptors leaked");
    // A leak of even 8 KiB per client would add 8 MB; allow allocator noise below that.
    assert!(rss1 < rss0 + 8 * 1024 * 1024, "RSS grew from {rss0} to {rss1}");
}
