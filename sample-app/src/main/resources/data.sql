INSERT INTO orders (id, sku, quantity) VALUES (1, 'KB-42', 2), (2, 'MOUSE-7', 1);
INSERT INTO inventory (sku, in_stock) VALUES ('KB-42', 17), ('MOUSE-7', 0);
