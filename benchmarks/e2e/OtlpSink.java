import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A do-nothing OTLP/HTTP receiver for the load test: every POST (any path, e.g. /v1/traces) has its
 * body read and discarded and gets 200 with an empty protobuf body, which OTLP exporters take as
 * success. {@code GET /stats} answers {@code requests=N bytes=M}, the POSTs received so far.
 *
 * <p>Listens on 127.0.0.1 only. Run with {@code java OtlpSink.java <port>}; stop with SIGTERM.
 */
public final class OtlpSink {

  private static final AtomicLong requests = new AtomicLong();
  private static final AtomicLong bytes = new AtomicLong();

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java OtlpSink.java <port>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    server.setExecutor(executor);
    server.createContext("/", OtlpSink::handle);
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(0);
                  executor.shutdownNow();
                  System.out.println("OtlpSink stopped: " + stats());
                }));
    System.out.println("OtlpSink listening on http://127.0.0.1:" + port);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (method.equals("POST")) {
        long received = drain(exchange.getRequestBody());
        requests.incrementAndGet();
        bytes.addAndGet(received);
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1); // -1: no body, Content-Length: 0
      } else if (method.equals("GET") && exchange.getRequestURI().getPath().equals("/stats")) {
        drain(exchange.getRequestBody());
        byte[] body = (stats() + "\n").getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } else {
        drain(exchange.getRequestBody());
        exchange.sendResponseHeaders(405, -1);
      }
    }
  }

  private static long drain(InputStream body) throws IOException {
    try (body) {
      return body.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static String stats() {
    return "requests=" + requests.get() + " bytes=" + bytes.get();
  }
}
