package io.github.checklyotel.autoconfigure;

import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Checks the OpenTelemetry versions ({@code OpenTelemetryVersions}) on the class path, then adds
 * the starter's {@linkplain ChecklyEnvironmentDefaults environment defaults}, on Spring Boot 3,
 * whose post-processor interface Spring Boot 4 deprecates and still loads; there, {@link
 * ChecklyEnvironmentPostProcessor} does the work and this one stands aside.
 */
@SuppressWarnings("removal")
final class ChecklyBoot3EnvironmentPostProcessor
    implements org.springframework.boot.env.EnvironmentPostProcessor, Ordered {

  private static final boolean BOOT_4 =
      ClassUtils.isPresent(
          "org.springframework.boot.EnvironmentPostProcessor",
          ChecklyBoot3EnvironmentPostProcessor.class.getClassLoader());

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!BOOT_4) {
      ChecklyEnvironmentDefaults.checkVersionsAndApply(environment);
    }
  }
}
