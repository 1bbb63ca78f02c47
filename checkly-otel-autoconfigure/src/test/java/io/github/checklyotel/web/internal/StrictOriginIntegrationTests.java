package io.github.checklyotel.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Strict mode: a Checkly request must also carry the shared origin secret. */
@SpringBootTest(
    classes = ChecklyTraceStateFilterIntegrationTests.ProbeApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"checkly.origin.secret=" + StrictOriginIntegrationTests.SECRET})
class StrictOriginIntegrationTests {

  static final String SECRET = "origin-s3cret-4711";

  @LocalServerPort int port;

  @Autowired ChecklyRequestMatcher matcher;

  @Test
  void tracesOnlyRequestsThatProveTheirOrigin() throws Exception {
    assertThat(probe("checkly=true", null)).isEqualTo("false");
    assertThat(probe("checkly=true", "wrong")).isEqualTo("false");
    assertThat(probe("checkly=true", SECRET + "x")).isEqualTo("false");
    assertThat(probe("checkly=true", SECRET.substring(1))).isEqualTo("false");
    assertThat(probe(null, SECRET)).isEqualTo("false");
    assertThat(probe("checkly=true", SECRET)).isEqualTo("true");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(this.matcher.isStrict()).isTrue();
    assertThat(this.matcher.toString()).doesNotContain(SECRET).contains("******");
  }

  private String probe(String tracestate, String origin) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/probe"));
    if (tracestate != null) {
      request.header("tracestate", tracestate);
    }
    if (origin != null) {
      request.header("X-Checkly-Origin", origin);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
