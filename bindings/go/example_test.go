package kalshi_test

import (
	"errors"
	"fmt"
	"log"

	kalshi "github.com/kalshi-native/libkalshi/bindings/go"
)

// Example_quickstart is the README example; compiled by go test (it has no Output, so not run).
func Example_quickstart() {
	if err := kalshi.CheckVersion(); err != nil {
		log.Fatal(err)
	}

	conf, err := kalshi.NewConfFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	defer conf.Destroy()
	var kerr *kalshi.Error
	if err := conf.Set("client.mode", "sideways"); errors.As(err, &kerr) {
		fmt.Println(kerr.Name, kerr.Message) // KALSHI_ERR_INVALID_VALUE expected one of: ...
	}

	key, err := kalshi.GenerateKey(kalshi.KeyRSA, 2048)
	if err != nil {
		log.Fatal(err)
	}
	defer key.Destroy()
	sig, _ := key.SignREST(1703123456789, "GET", "/trade-api/v2/portfolio/balance")
	fmt.Println("KALSHI-ACCESS-SIGNATURE:", sig)

	p, _ := kalshi.ParsePrice("0.56") // Price(560000)
	fmt.Println(p)

	client, err := kalshi.NewClient(conf)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Destroy()
	q, _ := client.Queue()
	defer q.Destroy()
	client.Echo(42)
	for {
		ev, err := q.Poll(1000)
		if err != nil || ev == nil {
			log.Fatal("no echo: ", err)
		}
		if ev.Type == kalshi.EventEcho {
			fmt.Println("echo", ev.UserTag)
			break
		}
	}
}
