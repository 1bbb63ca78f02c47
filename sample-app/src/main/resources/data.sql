MERGE INTO orders (id, sku, quantity) KEY (id) VALUES (1, 'KB-42', 2), (2, 'MOUSE-7', 1);
MERGE INTO inventory (sku, in_stock) KEY (sku) VALUES ('KB-42', 17), ('MOUSE-7', 0);
