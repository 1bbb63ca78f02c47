package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.metrics.internal.ChecklyMeterBinder;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link ChecklyMetricsAutoConfiguration}: one test per condition. */
class ChecklyMetricsAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class, ChecklyMetricsAutoConfiguration.class));

  @Test
  void contributesTheMeterBinder() {
    this.runner.run(context -> assertThat(context).hasSingleBean(ChecklyMeterBinder.class));
  }

  @Test
  void contributesNothingWhenChecklyTracingIsOff() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(MeterBinder.class));
  }

  @Test
  void backsOffToAUserBinder() {
    ChecklyMeterBinder own = new ChecklyMeterBinder(null, null, new ExportStatus());
    this.runner
        .withBean(ChecklyMeterBinder.class, () -> own)
        .run(context -> assertThat(context).getBean(ChecklyMeterBinder.class).isSameAs(own));
  }

  @Test
  void nothingWithoutMicrometer() {
    this.runner
        .withClassLoader(new FilteredClassLoader(MeterBinder.class))
        .run(context -> assertThat(context).doesNotHaveBean(ChecklyMeterBinder.class));
  }
}
