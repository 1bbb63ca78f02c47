create table if not exists received_order (
  order_id varchar(64) primary key,
  payload varchar(256) not null
);
