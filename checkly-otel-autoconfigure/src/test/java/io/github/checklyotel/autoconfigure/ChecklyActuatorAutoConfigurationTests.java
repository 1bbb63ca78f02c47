package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

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
