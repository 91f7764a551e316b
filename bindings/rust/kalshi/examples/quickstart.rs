//! The README example (built by `cargo test`, so it cannot rot).

use kalshi::{Client, Conf, EventType, Key, KeyType, Price};

fn main() -> Result<(), kalshi::Error> {
    kalshi::check_version()?; // the loaded libkalshi can serve this binding

    // Configuration: validated when set; UNKNOWN_KEY vs INVALID_VALUE with the library's message.
    let mut conf = Conf::from_env()?;
    conf.set("env", "demo")?;
    if let Err(e) = conf.set("client.mode", "sideways") {
        eprintln!("{} ({}): {}", e.name(), e.code().0, e.message());
    }

    // Sign a REST request (KALSHI-ACCESS-SIGNATURE).
    let key = Key::generate(KeyType::Rsa, 2048)?;
    println!("{}", key.public_pem()?);
    let sig = key.sign_rest(1703123456789, "GET", "/trade-api/v2/portfolio/balance")?;
    println!("signature {sig}");

    // Exact decimals.
    let p: Price = "0.56".parse()?;
    assert_eq!(p.raw(), 560_000);

    // Events flow through the queue.
    let client = Client::new(Some(&conf))?;
    let queue = client.queue()?;
    client.echo(42)?;
    while let Some(ev) = queue.poll(1000) {
        if ev.event_type() == EventType::ECHO {
            assert_eq!(ev.user_tag(), 42);
            break;
        }
    }
    client.destroy() // or just drop it
}
