//! The README's FIX example (built by `cargo test`, so it cannot rot).

use kalshi::{Client, Conf, Count, EventType, FixState, NewOrder, Price, Side, TimeInForce};

fn main() -> Result<(), kalshi::Error> {
    // KALSHI_KEY_ID and KALSHI_PRIVATE_KEY_PATH give the FIX credentials; fix.session picks the
    // gateway (nr, rt, dc, pt, rfq, md).
    let mut conf = Conf::from_env()?;
    conf.set("env", "demo")?;
    conf.set("fix.session", "nr")?;
    let client = Client::new(Some(&conf))?;
    let queue = client.queue()?;
    let session = client.open_fix_session(None, 1)?; // per-session overrides: Some(&conf2)

    while let Some(ev) = queue.poll(15_000) {
        match ev.event_type() {
            EventType::FIX_STATE if ev.fix_state() == FixState::ACTIVE => {
                // Exact decimals: $0.75 for 10 contracts; cents or dollars on the wire as the
                // session's format requires (INEXACT if it cannot carry the value).
                session.send_new_order(
                    &NewOrder {
                        cl_ord_id: "order-1",
                        symbol: "HIGHNY-23DEC31",
                        side: Side::Buy,
                        price: "0.75".parse::<Price>()?,
                        qty: Count(1000),
                        tif: Some(TimeInForce::GoodTillCancel),
                    },
                    42,
                )?;
            }
            EventType::FIX_STATE => println!("state {} {:?}", ev.fix_state(), ev.error()),
            EventType::FIX_MESSAGE => {
                // The message borrows from the event: copy out what must outlive it.
                let msg = ev.fix_msg().expect("FIX_MESSAGE carries a message");
                if msg.msg_type() == "8" {
                    let er = msg.execution_report()?;
                    println!("{:?} {} filled {:?} at {:?}", er.cl_ord_id, er.exec_type, er.last_qty, er.last_px);
                    if er.exec_type == 'F' {
                        session.close()?; // Logout; FIX_CLOSED follows
                    }
                }
            }
            EventType::FIX_CLOSED => break,
            _ => {}
        }
    }
    Ok(())
}
