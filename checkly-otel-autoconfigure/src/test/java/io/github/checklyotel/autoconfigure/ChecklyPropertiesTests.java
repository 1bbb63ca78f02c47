package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The bound properties and the settings the Java agent extension reads the same names into: the
 * same defaults, and the shared rules reported as Spring Boot's invalid-property failures.
 */
class ChecklyPropertiesTests {

  @Test
  void defaultsAreTheSharedSamplingDefaults() {
    assertThat(new ChecklyProperties().toSamplingSettings())
        .hasToString(ChecklySamplingSettings.defaults().toString());
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
