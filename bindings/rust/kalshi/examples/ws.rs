//! The README's WebSocket example (built by `cargo test`, so it cannot rot).

use kalshi::{BookSide, Client, Conf, EventType, WsState};

fn main() -> Result<(), kalshi::Error> {
    // KALSHI_KEY_ID and KALSHI_PRIVATE_KEY_PATH sign the handshake; ws.host/port/tls pick the
    // server. ws.top_events adds a BOOK_TOP event whenever a local book's best level changes.
    let mut conf = Conf::from_env()?;
    conf.set("env", "demo")?;
    conf.set("ws.top_events", "true")?;
    let client = Client::new(Some(&conf))?;
    let queue = client.queue()?;
    let ticker = "HIGHNY-23DEC31-T50";
    let ws = client.open_ws(None, 1)?;

    let (mut subscribed, mut updates) = (false, 0);
    while let Some(ev) = queue.poll(30_000) {
        match ev.event_type() {
            // Subscribe once: after a reconnect the library resubscribes by itself.
            EventType::WS_STATE if ev.ws_state() == WsState::OPEN && !subscribed => {
                ws.subscribe(&["orderbook_delta"], &[ticker], 2)?;
                subscribed = true;
            }
            EventType::WS_REPLY if ev.user_tag() == 2 => match ev.error() {
                None => println!("subscribed: sid {}", ev.ws_sid()),
                Some(e) => return Err(e),
            },
            EventType::WS_MESSAGE => {
                // The typed view of the channel message (book levels for a snapshot).
                if let Some(o) = ev.obj(0) {
                    println!("{} {} seq {}: {:?}", ev.ws_channel(), ev.ws_type(), ev.ws_seq(), o);
                }
            }
            EventType::BOOK_TOP => {
                let bid = ws.book_best(ev.ws_market(), BookSide::Bid);
                let ask = ws.book_best(ev.ws_market(), BookSide::Ask);
                println!("{} bid {bid:?} ask {ask:?}", ev.ws_market());
                updates += 1;
                if updates == 10 {
                    ws.close()?; // WS_CLOSED follows
                }
            }
            EventType::WS_RESYNC => eprintln!("sid {} resynchronising: {:?}", ev.ws_sid(), ev.error()),
            EventType::WS_CLOSED => break,
            _ => {}
        }
    }
    Ok(())
}
