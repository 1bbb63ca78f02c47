package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.github.checklyotel.webflux.internal.ChecklyOnlyWebFilterBeanPostProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.server.WebFilter;

class ChecklyReactiveAutoConfigurationTests {

  private final ReactiveWebApplicationContextRunner runner =
      new ReactiveWebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class, ChecklyReactiveAutoConfiguration.class));

  @Test
  void wrapsOpenTelemetrysServerFilterInAReactiveApplication() {
    this.runner.run(
        context ->
            assertThat(context)
                .hasSingleBean(ChecklyOnlyWebFilterBeanPostProcessor.class)
                .hasSingleBean(ChecklyRequestMatcher.class));
  }

  @Test
  void notInAServletApplication() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ChecklyReactiveAutoConfiguration.class))
        .run(
            context ->
                assertThat(context).doesNotHaveBean(ChecklyOnlyWebFilterBeanPostProcessor.class));
  }

  @Test
  void notWithoutWebFlux() {
    this.runner
        .withClassLoader(new FilteredClassLoader(WebFilter.class))
        .run(
            context ->
                assertThat(context).doesNotHaveBean(ChecklyOnlyWebFilterBeanPostProcessor.class));
  }

  @Test
  void notWhenChecklyIsOff() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ChecklyOnlyWebFilterBeanPostProcessor.class)
                    .doesNotHaveBean(ChecklyRequestMatcher.class));
  }

  @Test
  void backsOffToUserBeans() {
    ChecklyRequestMatcher matcher = ChecklyRequestMatcher.withOriginSecret("X-Origin", "s3cret");
    this.runner
        .withBean(ChecklyRequestMatcher.class, () -> matcher)
        .withBean(
            ChecklyOnlyWebFilterBeanPostProcessor.class,
            () -> new ChecklyOnlyWebFilterBeanPostProcessor(emptyProvider(), false, null))
        .run(
            context -> {
              assertThat(context).hasSingleBean(ChecklyOnlyWebFilterBeanPostProcessor.class);
              assertThat(context.getBean(ChecklyRequestMatcher.class)).isSameAs(matcher);
            });
  }

  @Test
  void strictModeAppliesHereToo() {
    this.runner
        .withPropertyValues("checkly.origin.secret=s3cret")
        .run(
            context ->
                assertThat(context.getBean(ChecklyRequestMatcher.class).isStrict()).isTrue());
  }

  private static <T> ObjectProvider<T> emptyProvider() {
    return new ObjectProvider<>() {
      @Override
      public T getObject() {
        throw new IllegalStateException("not needed");
      }

      @Override
      public T getObject(Object... args) {
        throw new IllegalStateException("not needed");
      }

      @Override
      public T getIfAvailable() {
        return null;
      }

      @Override
      public T getIfUnique() {
        return null;
      }
    };
  }
}
