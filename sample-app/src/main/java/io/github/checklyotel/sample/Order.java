package io.github.checklyotel.sample;

/** An order joined with the stock the inventory service reports for its item. */
public record Order(long id, String sku, int quantity, int inStock) {}
