package io.github.checklyotel.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the OpenTelemetry versions ({@code OpenTelemetryVersions}) on the class path, then adds
 * the starter's {@linkplain ChecklyEnvironmentDefaults environment defaults}, on Spring Boot 4.
 */
final class ChecklyEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  /** Name of the property source holding the defaults. */
  public static final String PROPERTY_SOURCE_NAME = ChecklyEnvironmentDefaults.PROPERTY_SOURCE_NAME;

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    ChecklyEnvironmentDefaults.checkVersionsAndApply(environment);
  }
}
