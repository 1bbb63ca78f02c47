package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.github.checklyotel.web.internal.ChecklyTraceStateFilter;
import io.github.checklyotel.web.internal.ServerFilters;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.webmvc.SpringWebMvc6InstrumentationAutoConfiguration;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.servlet.DispatcherType;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

class ChecklyServletAutoConfigurationTests {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ChecklyServletAutoConfiguration.class));

  private final WebApplicationContextRunner withOpenTelemetryStarter =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class,
                  ChecklyServletAutoConfiguration.class,
                  OpenTelemetryAutoConfiguration.class,
                  SpringWebMvc6InstrumentationAutoConfiguration.class));

  @Test
  void registersFilterBeforeEveryTracingFilter() {
    this.runner.run(
        context ->
            assertThat(context.getBean(ChecklyTraceStateFilter.class).getOrder())
                .isEqualTo(Ordered.HIGHEST_PRECEDENCE)
                .isLessThan(Ordered.HIGHEST_PRECEDENCE + 1));
  }

  @Test
  @SuppressWarnings("unchecked")
  void registersTheBoundaryForEveryDispatchThatMayRunATracingFilter() {
    this.runner.run(
        context -> {
          FilterRegistrationBean<ChecklyTraceStateFilter> registration =
              context.getBean("checklyTraceStateFilterRegistration", FilterRegistrationBean.class);
          assertThat(registration.getFilter())
              .isSameAs(context.getBean(ChecklyTraceStateFilter.class));
          assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
          assertThat(registration)
              .extracting("dispatcherTypes")
              .asInstanceOf(InstanceOfAssertFactories.collection(DispatcherType.class))
              .containsExactlyInAnyOrder(
                  DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        });
  }

  @Test
  void aFilterOrderLeftInTheConfigurationStopsStartup() {
    for (String order : new String[] {"-100", "-2147483648"}) {
      this.runner
          .withPropertyValues("checkly.web.filter-order=" + order)
          .run(
              context ->
                  assertThat(context.getStartupFailure())
                      .rootCause()
                      .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                      .hasMessageContaining("checkly.web.filter-order")
                      .hasMessageContaining("Remove it"));
    }
  }

  @Test
  void backsOffToUserFilter() {
    this.runner
        .withBean(
            "userFilter",
            ChecklyTraceStateFilter.class,
            () -> new ChecklyTraceStateFilter(7, ChecklyRequestMatcher.tracestateOnly()))
        .run(
            context ->
                assertThat(context)
                    .getBeans(ChecklyTraceStateFilter.class)
                    .containsOnlyKeys("userFilter"));
  }

  @Test
  void originSecretSelectsStrictMatching() {
    this.runner
        .withPropertyValues("checkly.origin.secret=s3cret")
        .run(
            context ->
                assertThat(context.getBean(ChecklyRequestMatcher.class).isStrict()).isTrue());
    this.runner.run(
        context -> assertThat(context.getBean(ChecklyRequestMatcher.class).isStrict()).isFalse());
  }

  @Test
  void aSecretNoContainerCouldMatchFailsAtStartupWithoutShowingIt() {
    for (String secret : new String[] {"xyzzy with spaces", "xyzz\u00e9", "xyzzy\tq"}) {
      this.runner
          .withPropertyValues("checkly.origin.secret=" + secret)
          .run(
              context ->
                  assertThat(context.getStartupFailure())
                      .rootCause()
                      .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                      .hasMessageContaining("checkly.origin.secret")
                      .hasMessageContaining("printable ASCII")
                      .hasMessageNotContaining("xyzz"));
    }
  }

  @Test
  void strictModeWithoutHeaderNameFailsAtStartup() {
    this.runner
        .withPropertyValues("checkly.origin.secret=s3cret", "checkly.origin.header-name= ")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("checkly.origin.header-name")
                    .hasMessageNotContaining("s3cret"));
  }

  @Test
  void offSwitchRemovesFilter() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ChecklyTraceStateFilter.class));
  }

  @Test
  void takesOpenTelemetrysServerFilterOutOfTheChainForTheBoundaryUnderTheChecklySampler() {
    this.withOpenTelemetryStarter.run(
        context -> {
          Object serverFilter = context.getBean("otelWebMvcFilter");
          FilterRegistrationBean<?> registration =
              context.getBean("checklyOtelWebMvcFilterRegistration", FilterRegistrationBean.class);
          assertThat(registration.getFilter()).isSameAs(serverFilter);
          assertThat(registration.isEnabled()).isFalse();
          assertThat(
                  ServerFilters.checklyRequestFilter(
                      context.getBean(ChecklyTraceStateFilter.class)))
              .isSameAs(serverFilter);
        });
  }

  @Test
  void leavesOpenTelemetrysServerFilterAloneUnderAnotherSampler() {
    this.withOpenTelemetryStarter
        .withBean(Sampler.class, Sampler::alwaysOn)
        // A sampler that records everything is refused at startup unless the check is off.
        .withPropertyValues("checkly.startup-check.enabled=false")
        .run(ChecklyServletAutoConfigurationTests::assertServerFilterLeftInTheChain);
  }

  @Test
  void leavesOpenTelemetrysServerFilterAloneWhenAskedTo() {
    this.withOpenTelemetryStarter
        .withPropertyValues("checkly.web.instrument-other-requests=true")
        .run(ChecklyServletAutoConfigurationTests::assertServerFilterLeftInTheChain);
  }

  @Test
  void leavesOpenTelemetrysServerFilterAloneBesideABoundaryOfTheApplicationsOwn() {
    this.withOpenTelemetryStarter
        .withBean(
            ChecklyTraceStateFilter.class,
            () -> new ChecklyTraceStateFilter(0, ChecklyRequestMatcher.tracestateOnly()))
        .run(ChecklyServletAutoConfigurationTests::assertServerFilterLeftInTheChain);
  }

  private static void assertServerFilterLeftInTheChain(AssertableWebApplicationContext context) {
    assertThat(context).hasBean("otelWebMvcFilter");
    assertThat(context).doesNotHaveBean("checklyOtelWebMvcFilterRegistration");
    assertThat(ServerFilters.checklyRequestFilter(context.getBean(ChecklyTraceStateFilter.class)))
        .isNull();
  }

  @Test
  void noFilterOutsideServletApplications() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ChecklyServletAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(ChecklyTraceStateFilter.class));
  }

  @Test
  void noFilterWithoutSpringWeb() {
    this.runner
        .withClassLoader(new FilteredClassLoader(OncePerRequestFilter.class))
        .run(context -> assertThat(context).doesNotHaveBean(ChecklyTraceStateFilter.class));
  }
}
