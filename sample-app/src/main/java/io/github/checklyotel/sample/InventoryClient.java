package io.github.checklyotel.sample;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls the inventory API over HTTP. In this sample the inventory API is served by the same
 * application, so one order request crosses a real HTTP hop, as a call to another service would.
 */
@Component
public class InventoryClient {

  private final RestClient restClient;

  private final Environment environment;

  public InventoryClient(RestClient.Builder restClientBuilder, Environment environment) {
    this.restClient = restClientBuilder.build();
    this.environment = environment;
  }

  public int stockOf(String sku) {
    // Resolved per call: with server.port=0 the port is known only once the server has started.
    String baseUrl = this.environment.getRequiredProperty("sample.inventory-base-url");
    Integer stock =
        this.restClient
            .get()
            .uri(baseUrl + "/api/inventory/{sku}", sku)
            .retrieve()
            .body(Integer.class);
    return stock != null ? stock : 0;
  }
}
