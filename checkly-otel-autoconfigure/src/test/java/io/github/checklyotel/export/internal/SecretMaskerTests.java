package io.github.checklyotel.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the masker hides, and what it leaves readable. */
class SecretMaskerTests {

  @Test
  void everyValueAfterAHeadersPropertyIsMasked() {
    assertThat(SecretMasker.mask("otel.exporter.otlp.headers=authorization=abc123,x-tenant=t1"))
        .isEqualTo("otel.exporter.otlp.headers=******");
    assertThat(SecretMasker.mask("OTEL_EXPORTER_OTLP_HEADERS: authorization=abc123\nnext line"))
        .isEqualTo("OTEL_EXPORTER_OTLP_HEADERS: ******\nnext line");
  }

  @Test
  void namedCredentialsAreMaskedWhereverTheyAppear() {
    assertThat(SecretMasker.mask("Invalid header authorization=abc123, expected key=value"))
        .isEqualTo("Invalid header authorization=******, expected key=value");
    assertThat(SecretMasker.mask("Authorization: Bearer abc123"))
        .isEqualTo("Authorization: ******");
    assertThat(SecretMasker.mask("api-key=k1; api_key=k2; apikey=k3; API.KEY=k4"))
        .isEqualTo("api-key=******; api_key=******; apikey=******; API.KEY=******");
    assertThat(SecretMasker.mask("token:t, password=p; secret = s"))
        .isEqualTo("token:******, password=******; secret = ******");
    // A value may be two words ("Bearer key"), so a word after it goes too: safe, if blunt.
    assertThat(SecretMasker.mask("token:t password=p")).isEqualTo("token:******");
  }

  @Test
  void textWithoutCredentialsIsUnchanged() {
    String text = "Span export to otel.eu-west-1.checklyhq.com failed: HTTP 503 (retrying)";
    assertThat(SecretMasker.mask(text)).isEqualTo(text);
    assertThat(SecretMasker.mask("")).isEmpty();
    assertThat(SecretMasker.mask(null)).isNull();
  }
}
