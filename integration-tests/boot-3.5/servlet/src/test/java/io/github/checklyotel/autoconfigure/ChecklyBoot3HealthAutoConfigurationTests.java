package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.actuate.internal.ChecklyBoot3HealthEndpointGroups;
import io.github.checklyotel.actuate.internal.ChecklyBoot3HealthIndicator;
import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@link ChecklyBoot3HealthAutoConfiguration}: one test per condition, on Spring Boot 3's Actuator,
 * the only line it loads on. That the Boot 4 variant stays out here is shown by the applications of
 * {@code ActuatorEndpointsIntegrationTests}, where auto-configurations load as on Boot 3.
 */
class ChecklyBoot3HealthAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class,
                  ChecklyBoot3HealthAutoConfiguration.class));

  @Test
  void contributesTheBoot3HealthIndicatorAndItsGroups() {
    this.runner.run(
        context ->
            assertThat(context)
                .hasSingleBean(ChecklyBoot3HealthIndicator.class)
                .hasBean("checklyExportHealthIndicator")
                .hasSingleBean(ChecklyBoot3HealthEndpointGroups.class));
  }

  @Test
  void reportsWhatTheExportStatusSays() {
    this.runner.run(
        context -> {
          HealthIndicator indicator = context.getBean(ChecklyBoot3HealthIndicator.class);
          assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
          context.getBean(ExportStatus.class).recordSuccess(3);
          assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
          context.getBean(ExportStatus.class).recordFailure(2, ExportFailureKind.UNAUTHORIZED);
          Health health = indicator.health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails())
              .containsEntry("error", "UNAUTHORIZED")
              .containsEntry("spansExported", 3L)
              .containsEntry("spansFailed", 2L);
        });
  }

  @Test
  void contributesNothingWhenChecklyTracingIsOff() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
  }

  @Test
  void canBeDisabledLikeAnyOtherHealthIndicator() {
    this.runner
        .withPropertyValues("management.health.checkly.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(HealthIndicator.class)
                    .doesNotHaveBean(ChecklyBoot3HealthEndpointGroups.class));
  }

  @Test
  void backsOffToAUserIndicatorOfTheSameName() {
    this.runner
        .withBean(
            "checklyExportHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ChecklyBoot3HealthIndicator.class)
                    .hasSingleBean(ChecklyBoot3HealthEndpointGroups.class));
  }

  @Test
  void nothingWithoutSpringBootHealth() {
    this.runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).doesNotHaveBean(ChecklyBoot3HealthIndicator.class));
  }
}
