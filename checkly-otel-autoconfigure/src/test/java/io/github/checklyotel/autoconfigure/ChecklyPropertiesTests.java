package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.checklyotel.export.internal.SecretMasker;
import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The bound properties and the settings the Java agent extension reads the same names into: the
 * same defaults, and the shared rules reported as Spring Boot's invalid-property failures.
 */
class ChecklyPropertiesTests {

  /**
   * The documented defaults are the properties' field initialisers, which Spring Boot's metadata
   * reads (it needs literals there); the agent extension and the sampler take theirs from {@link
   * ChecklySamplingSettings#defaults()}. Each of its settings, by name, is the property's default.
   */
  @Test
  void everySamplingDefaultIsThePropertysDefault() {
    ChecklyProperties properties = new ChecklyProperties();
    Map<String, Object> documented = new LinkedHashMap<>();
    documented.put("rateLimitEnabled", properties.getRateLimit().isEnabled());
    documented.put("tracesPerSecond", properties.getRateLimit().getTracesPerSecond());
    documented.put("burst", properties.getRateLimit().getBurst());
    documented.put("reentryWindow", properties.getReentry().getWindow());
    documented.put("reentryMaxCalls", properties.getReentry().getMaxCalls());
    documented.put("reentryMaxPerTrace", properties.getReentry().getMaxPerTrace());
    documented.put("originHeaderName", properties.getOrigin().getHeaderName());
    documented.put("originSecret", properties.getOrigin().getSecret());

    // No setting left out: a new one fails here until it is compared too.
    assertThat(
            Arrays.stream(ChecklySamplingSettings.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .map(Field::getName))
        .containsExactlyInAnyOrderElementsOf(documented.keySet());
    ChecklySamplingSettings defaults = ChecklySamplingSettings.defaults();
    ChecklySamplingSettings bound = properties.toSamplingSettings();
    documented.forEach(
        (setting, value) -> {
          assertThat(defaults).extracting(setting).as("default %s", setting).isEqualTo(value);
          assertThat(bound).extracting(setting).as("bound %s", setting).isEqualTo(value);
        });
  }

  /** Every place that shows a secret shows the one mask, which is also Actuator's. */
  @Test
  void everySecretShowsAsTheOneMask() {
    ChecklyProperties properties = new ChecklyProperties();
    properties.getOrigin().setSecret("s3cret");
    ChecklySamplingSettings settings = properties.toSamplingSettings();
    String mask = ChecklySamplingSettings.MASK;
    assertThat(mask).isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(properties.getOrigin().toString()).endsWith("secret=" + mask + "}");
    assertThat(settings.toString()).endsWith("origin=X-Checkly-Origin:" + mask + "}");
    assertThat(settings.createMatcher(null).toString()).endsWith("secret=" + mask + "}");
    assertThat(SecretMasker.mask("checkly.origin.secret=s3cret"))
        .isEqualTo("checkly.origin.secret=" + mask);
  }

  @Test
  void brokenRuleNamesThePropertyForFailureAnalysis() {
    ChecklyProperties properties = new ChecklyProperties();
    properties.getOrigin().setSecret("two words");
    assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
        .isThrownBy(properties::toSamplingSettings)
        .satisfies(
            ex -> {
              assertThat(ex.getName()).isEqualTo("checkly.origin.secret");
              assertThat(ex.getValue()).isEqualTo("******");
              assertThat(ex.getMessage()).doesNotContain("two words");
            });
  }
}
