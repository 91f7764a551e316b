/* The README quickstart: configure, create a client, round-trip an event, parse a price. */
#include <stdio.h>
#include <string.h>

#include <kalshi/kalshi.h>

int main(void) {
  printf("libkalshi %s\n", kalshi_version_str());

  kalshi_conf_t *conf = kalshi_conf_new();
  char errstr[256];
  if (kalshi_conf_set(conf, "env", "demo", errstr, sizeof errstr) != KALSHI_OK) {
    fprintf(stderr, "conf: %s\n", errstr);
    return 1;
  }

  kalshi_client_t *client = NULL;
  kalshi_error_t *err = NULL;
  if (kalshi_client_new(conf, &client, &err) != KALSHI_OK) {
    fprintf(stderr, "client: %s\n", kalshi_error_message(err));
    kalshi_error_destroy(err);
    return 1;
  }
  kalshi_conf_destroy(conf); /* the client keeps its own copy */

  kalshi_queue_t *queue = kalshi_client_queue(client);
  kalshi_client_echo(client, 42);
  kalshi_event_t *ev = kalshi_queue_poll(queue, 5000);
  int ok = ev != NULL && kalshi_event_type(ev) == KALSHI_EVENT_ECHO && kalshi_event_user_tag(ev) == 42;
  printf("echo %s\n", ok ? "ok" : "failed");
  kalshi_event_destroy(ev);

  kalshi_price_t price = 0; /* dollars x 1,000,000: exact, never a float */
  const char *text = "0.5600";
  if (kalshi_price_parse(text, strlen(text), &price) == KALSHI_OK) {
    char buf[KALSHI_DECIMAL_STRLEN];
    kalshi_price_format(price, 2, buf, sizeof buf, NULL);
    printf("price %s = %lld micro-dollars\n", buf, (long long)price);
  }

  kalshi_queue_destroy(queue);
  kalshi_client_destroy(client);
  return ok ? 0 : 1;
}
