package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.export.internal.SecretMasker;
import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@link ChecklyActuatorAutoConfiguration}: which keys Actuator's endpoints never show, applied as
 * Actuator applies it (its filter first).
 */
class ChecklyActuatorAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ChecklyActuatorAutoConfiguration.class));

  @Test
  void headersAndSecretsAreSanitizedInEverySpelling() {
    this.runner.run(
        context -> {
          SanitizingFunction function =
              context.getBean("checklySanitizingFunction", SanitizingFunction.class);
          for (String key :
              new String[] {
                "otel.exporter.otlp.headers",
                "otel.exporter.otlp.traces.headers",
                "OTEL_EXPORTER_OTLP_HEADERS",
                "checkly.origin.secret",
                "CHECKLY_ORIGIN_SECRET",
                "my.client.authorization"
              }) {
            assertThat(function.applyUnlessFiltered(data(key)).getValue())
                .as(key)
                .isEqualTo("******");
          }
          for (String key :
              new String[] {
                "otel.exporter.otlp.endpoint", "checkly.origin.header-name", "otel.service.name"
              }) {
            assertThat(function.applyUnlessFiltered(data(key)).getValue())
                .as(key)
                .isEqualTo("value");
          }
        });
  }

  /**
   * Actuator hides exactly the settings whose values the logs mask, and shows them as the logs do:
   * one rule and one mask.
   */
  @Test
  void hidesWhatTheLogsMaskAndShowsItTheSameWay() {
    this.runner.run(
        context -> {
          SanitizingFunction function =
              context.getBean("checklySanitizingFunction", SanitizingFunction.class);
          int hidden = 0;
          for (String key :
              new String[] {
                "otel.exporter.otlp.headers",
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
                "management.opentelemetry.tracing.export.otlp.headers.authorization",
                "management.otlp.tracing.headers[x-api-key]",
                "checkly.origin.secret",
                "spring.security.oauth2.client.registration.github.client-secret",
                "my.client.Authorization",
                "checkly.api-key",
                "CHECKLY_API_KEY",
                "spring.datasource.password",
                "spring.cloud.vault.token",
                "otel.exporter.otlp.endpoint",
                "checkly.origin.header-name",
                "spring.security.oauth2.client.provider.github.token-uri",
                "secret.store.location",
                "my.tokens",
                "otel.service.name"
              }) {
            Object shown = function.applyUnlessFiltered(data(key)).getValue();
            boolean hiddenByActuator = !"value".equals(shown);
            for (String separator : new String[] {"=", ": "}) {
              String logged = SecretMasker.mask(key + separator + "value");
              assertThat(hiddenByActuator)
                  .as("%s hidden by Actuator (%s) and in logs (%s)", key, shown, logged)
                  .isEqualTo(!logged.contains("value"));
              if (hiddenByActuator) {
                assertThat(logged).isEqualTo(key + separator + ChecklySamplingSettings.MASK);
                assertThat(shown).as(key).isEqualTo(ChecklySamplingSettings.MASK);
              }
            }
            hidden += hiddenByActuator ? 1 : 0;
          }
          assertThat(hidden).isEqualTo(11);
        });
  }

  @Test
  void backsOffToAUserFunctionOfTheSameName() {
    SanitizingFunction own = data -> data;
    this.runner
        .withBean("checklySanitizingFunction", SanitizingFunction.class, () -> own)
        .run(context -> assertThat(context.getBean("checklySanitizingFunction")).isSameAs(own));
  }

  @Test
  void nothingWithoutActuator() {
    this.runner
        .withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
        .run(context -> assertThat(context).doesNotHaveBean("checklySanitizingFunction"));
  }

  private static SanitizableData data(String key) {
    return new SanitizableData(null, key, "value");
  }
}
