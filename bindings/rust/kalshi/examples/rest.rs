//! The README's REST example (built by `cargo test`, so it cannot rot).

use kalshi::{Client, Conf, Count, EventType, OrderAction, OrderSide, Price, RestApi, RestOrder, RestParams};

fn main() -> Result<(), kalshi::Error> {
    let mut conf = Conf::from_env()?; // KALSHI_KEY_ID + KALSHI_PRIVATE_KEY_PATH sign the requests
    conf.set("env", "demo")?;
    let client = Client::new(Some(&conf))?;
    let queue = client.queue()?;
    let rest = client.rest();

    let params = RestParams::from_pairs(&[("status", "open"), ("limit", "100")])?;
    rest.paginate(RestApi::Prediction, "GetMarkets", Some(&params), 5, 1)?;
    rest.create_order(
        &RestOrder {
            ticker: "HIGHNY-23DEC31-T50",
            side: OrderSide::Yes,
            action: OrderAction::Buy,
            count: Count(1000),               // 10 contracts
            price: "0.56".parse::<Price>()?,  // exact
            client_order_id: None,            // a UUID is generated
            tif: None,                        // good till canceled
        },
        2,
    )?;

    let mut pending = 2;
    while pending > 0 {
        let Some(ev) = queue.poll(10_000) else { break };
        match ev.event_type() {
            EventType::REST_PAGE => {
                for m in ev.objs() {
                    println!("{} bid {:?}", m.str("ticker")?, m.price("yes_bid_dollars").ok());
                }
            }
            EventType::REST_DONE => pending -= 1,
            EventType::REST_RESPONSE => {
                pending -= 1;
                match ev.error() {
                    None => println!("order {}", ev.obj(0).expect("an order").str("order_id")?),
                    Some(e) => eprintln!("{} (HTTP {}): {}", e.name(), e.http_status(), e.message()),
                }
            }
            _ => {}
        }
    }
    Ok(())
}
