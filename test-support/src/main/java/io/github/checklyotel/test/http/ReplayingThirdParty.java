package io.github.checklyotel.test.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A third party that a service under test calls, and that sees everything the service sends it: it
 * answers every call under a path with a fixed JSON body, records the trace headers each call
 * carried, and queues each {@code traceparent} for a test to replay at the service.
 */
public final class ReplayingThirdParty implements AutoCloseable {

  /** The trace headers one call carried, {@code null} where absent. */
  public record Call(String traceparent, String tracestate) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private final BlockingQueue<String> toReplay = new LinkedBlockingQueue<>();

  private final HttpServer server;

  private ReplayingThirdParty(String path, String body) throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] answer = body.getBytes(StandardCharsets.UTF_8);
    this.server.createContext(
        path,
        exchange -> {
          String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
          this.calls.add(
              new Call(traceparent, exchange.getRequestHeaders().getFirst("tracestate")));
          if (traceparent != null) {
            this.toReplay.add(traceparent);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    this.server.start();
  }

  /** Starts answering calls under {@code path} with {@code body}, on a free loopback port. */
  public static ReplayingThirdParty start(String path, String body) {
    try {
      return new ReplayingThirdParty(path, body);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Where it listens: {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + this.server.getAddress().getPort();
  }

  /** The {@code traceparent} of the next call not yet replayed, waiting up to {@code timeout}. */
  public String nextToReplay(Duration timeout) throws InterruptedException {
    String traceparent = this.toReplay.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(traceparent).as("a call the third party saw, to replay").isNotNull();
    return traceparent;
  }

  /** Every call it received, in order. */
  public List<Call> calls() {
    return List.copyOf(this.calls);
  }

  /**
   * Asserts that the first {@code recorded} calls belong to traces the service recorded, sampled
   * and marked, and that every later one went on neither sampled nor marked, so that nobody
   * downstream records it.
   */
  public void assertOnlyTheFirstCallsAreMarked(int recorded) {
    List<Call> seen = calls();
    for (int call = 0; call < seen.size(); call++) {
      Call headers = seen.get(call);
      if (call < recorded) {
        assertThat(headers.traceparent()).as("call %d", call).endsWith("-01");
        assertThat(headers.tracestate()).as("call %d", call).isEqualTo("checkly=true");
      } else {
        assertThat(headers.traceparent()).as("call %d", call).endsWith("-00");
        assertThat(headers.tracestate()).as("call %d", call).isNull();
      }
    }
  }

  @Override
  public void close() {
    this.server.stop(0);
  }
}
