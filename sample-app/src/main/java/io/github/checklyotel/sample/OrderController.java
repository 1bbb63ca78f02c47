package io.github.checklyotel.sample;

import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The order API: a database read plus a downstream HTTP call per request. */
@RestController
public class OrderController {

  private final JdbcClient jdbcClient;

  private final InventoryClient inventoryClient;

  public OrderController(JdbcClient jdbcClient, InventoryClient inventoryClient) {
    this.jdbcClient = jdbcClient;
    this.inventoryClient = inventoryClient;
  }

  /**
   * Reads the order, then asks the inventory service for its stock. The database connection goes
   * back to the pool before the HTTP call: held across it, every order request in flight would pin
   * a connection while it waits, and the pool would run dry under concurrent requests.
   */
  @GetMapping("/api/orders/{id}")
  public ResponseEntity<Order> order(@PathVariable long id) {
    Optional<OrderRow> row =
        this.jdbcClient
            .sql("SELECT id, sku, quantity FROM orders WHERE id = ?")
            .param(id)
            .query(
                (result, rowNumber) ->
                    new OrderRow(
                        result.getLong("id"), result.getString("sku"), result.getInt("quantity")))
            .optional();
    return ResponseEntity.of(
        row.map(
            order ->
                new Order(
                    order.id(),
                    order.sku(),
                    order.quantity(),
                    this.inventoryClient.stockOf(order.sku()))));
  }

  /** An order as stored, before the stock is known. */
  private record OrderRow(long id, String sku, int quantity) {}

  @GetMapping("/api/inventory/{sku}")
  public ResponseEntity<Integer> stock(@PathVariable String sku) {
    return ResponseEntity.of(
        this.jdbcClient
            .sql("SELECT in_stock FROM inventory WHERE sku = ?")
            .param(sku)
            .query(Integer.class)
            .optional());
  }

  @GetMapping("/api/hello")
  public String hello() {
    return "hello";
  }
}
