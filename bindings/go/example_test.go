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

// Example_fix is the README's FIX example; compiled by go test (no Output, so not run).
func Example_fix() {
	conf, _ := kalshi.NewConfFromEnv() // auth.key_id, auth.private_key_path ...
	conf.Set("fix.session", "nr")
	client, _ := kalshi.NewClient(conf)
	defer client.Destroy()
	q, _ := client.Queue()
	defer q.Destroy()

	sess, err := client.OpenFixSession(nil, 7) // per-session overrides: a second *Conf
	if err != nil {
		log.Fatal(err)
	}
	defer sess.Destroy()

	for {
		ev, _ := q.Poll(1000)
		if ev == nil {
			continue
		}
		switch ev.Type {
		case kalshi.EventFixState:
			if ev.FixState == kalshi.FixActive {
				// $0.75, 10 contracts: exact Price (x 1e6) and Count (x 100); a price the wire
				// format cannot carry fails here with ErrInexact.
				_, err = sess.SendNewOrder("order-1", "HIGHNY-23DEC31", kalshi.SideBuy,
					750000, 1000, kalshi.TIFGoodTillCancel, 99)
			}
		case kalshi.EventFixMessage:
			if ev.Fix.Type() == "8" {
				er, _ := ev.ExecutionReport()
				fmt.Println(string(er.ExecType), er.ClOrdID, er.LastPx, er.LastQty)
			}
			if tag, err := ev.Fix.Str(9999); err == nil { // any field, typed getters, groups
				fmt.Println(tag)
			}
		}
		ev.Release() // frees the C event of FIX events; a no-op for others
	}
}

// Example_fixBuilder is the README's builder example (compiled, not run).
func Example_fixBuilder() {
	var sess *kalshi.FixSession // from client.OpenFixSession
	b, _ := kalshi.NewFixBuilder("D")
	defer b.Destroy()
	b.SetStr(11, "order-2")
	b.SetStr(55, "HIGHNY-23DEC31")
	b.SetChar(54, '1')
	b.SetChar(40, '2')
	b.SetPrice(44, 560000)
	b.SetCount(38, 500)
	b.GroupBegin(453)
	b.EntryNext()
	b.SetStr(448, "acct")
	b.SetInt(452, 24)
	b.GroupEnd()
	_, err := sess.Send(b, "", 100)
	fmt.Println(err)
}

// Example_rest is the README's REST example (compiled, not run).
func Example_rest() {
	conf, _ := kalshi.NewConf()
	conf.Set("auth.key_id", "my-key-id")
	conf.Set("auth.private_key_path", "key.pem")
	client, _ := kalshi.NewClient(conf)
	defer client.Destroy()
	q, _ := client.Queue()
	defer q.Destroy()

	params := kalshi.NewRestParams().Set("limit", "100").Set("status", "open")
	if err := client.RestCall(kalshi.RestPrediction, "GetMarkets", params, nil, 1); err != nil {
		log.Fatal(err) // *kalshi.Error, ErrInvalidArg: "limit: ..." for a bad value
	}
	_ = client.RestCreateOrder(kalshi.RestOrder{Ticker: "HIGHNY-26NOV21-T50", Side: kalshi.ContractYes,
		Action: kalshi.ActionBuy, Count: 1000, Price: 560_000, TimeInForce: kalshi.RestGoodTillCanceled}, 2)
	_ = client.RestPaginate(kalshi.RestPrediction, "GetOrders", nil, 0, 3) // pages, then done

	for {
		ev, _ := q.Poll(1000)
		if ev == nil {
			continue
		}
		switch ev.Type {
		case kalshi.EventRestResponse, kalshi.EventRestPage:
			if ev.Err != kalshi.OK { // ErrBadRequest, ErrUnauthorized, ErrNotFound, ErrConflict,
				fmt.Println(ev.RestOperation, ev.RestStatus, ev.Error) // ErrRateLimited, ErrServer...
				continue
			}
			for _, o := range ev.Objects { // ev.Data is the raw JSON body
				switch o.Kind {
				case "market":
					ticker, _ := o.Str("ticker")
					bid, _ := o.Price("yes_bid_dollars")
					fmt.Println(ticker, bid)
				case "order":
					id, _ := o.Str("order_id")
					left, _ := o.Count("remaining_count_fp")
					fmt.Println(id, left)
				}
			}
		case kalshi.EventRestDone:
			fmt.Println("pages:", ev.RestPageIndex, "truncated:", ev.RestTruncated, ev.Err)
		}
	}
}

// Example_webSocket is the README's WebSocket example (compiled, not run).
func Example_webSocket() {
	var client *kalshi.Client // with auth.key_id and a private key
	q, _ := client.Queue()
	defer q.Destroy()

	overrides, _ := kalshi.NewConf() // per-connection ws.* settings over the client's (may be nil)
	overrides.Set("ws.top_events", "true")
	ws, err := client.OpenWebSocket(overrides, 10)
	if err != nil {
		log.Fatal(err)
	}
	defer ws.Destroy()
	_ = ws.Subscribe([]string{"orderbook_delta"}, []string{"HIGHNY-26NOV21-T50"}, 11)

	for {
		ev, _ := q.Poll(1000)
		if ev == nil {
			continue
		}
		switch ev.Type {
		case kalshi.EventWsState:
			fmt.Println(ev.WsState, ev.Error) // WsOpen, WsReconnecting (with the reason) ...
		case kalshi.EventWsReply: // carries the command's tag: 11
			fmt.Println("sid", ev.WsSid, ev.Err)
		case kalshi.EventWsMessage: // WsChannel, WsType, WsSid, WsSeq, WsMarket, Data (JSON)
			if ev.WsType == "orderbook_delta" {
				d := ev.Object(0)
				px, _ := d.Price("price")
				delta, _ := d.Count("delta")
				side, _ := d.Str("side")
				fmt.Println(side, px, delta)
			}
		case kalshi.EventBookTop:
			best, _ := ws.BookBest(ev.WsMarket, kalshi.BookBid) // consistent from any goroutine
			fmt.Println(ev.WsMarket, best.Price, best.Size)
		case kalshi.EventWsResync:
			fmt.Println("resync", ev.WsSid, ev.Error)
		}
	}
}
