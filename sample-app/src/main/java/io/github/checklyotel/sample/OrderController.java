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

  @GetMapping("/api/orders/{id}")
  public ResponseEntity<Order> order(@PathVariable long id) {
    Optional<Order> order =
        this.jdbcClient
            .sql("SELECT id, sku, quantity FROM orders WHERE id = ?")
            .param(id)
            .query(
                (row, rowNumber) ->
                    new Order(
                        row.getLong("id"),
                        row.getString("sku"),
                        row.getInt("quantity"),
                        this.inventoryClient.stockOf(row.getString("sku"))))
            .optional();
    return ResponseEntity.of(order);
  }

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
