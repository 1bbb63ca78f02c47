package io.github.checklyotel.autoconfigure;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Stops an application processed ahead of time (Spring AOT) that runs in another {@linkplain
 * ChecklyTracingMode tracing mode} than it was built in.
 *
 * <p>Under AOT, conditions are evaluated at build time and the beans they chose are created at run
 * time whatever the environment then says: {@code checkly.enabled=false} would be ignored, and a
 * Java agent attached at run time would get a second SDK beside its own. Each mode's configuration
 * registers a guard that knows its mode, so the guard that survives AOT processing is the build's.
 * Without AOT it has nothing to check: the conditions have just run in this environment.
 */
final class AheadOfTimeModeGuard implements BeanFactoryPostProcessor {

  private final ChecklyTracingMode builtFor;

  private final Environment environment;

  AheadOfTimeModeGuard(ChecklyTracingMode builtFor, Environment environment) {
    this.builtFor = builtFor;
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (!AotDetector.useGeneratedArtifacts()) {
      return;
    }
    ChecklyTracingMode now = ChecklyTracingMode.of(this.environment);
    if (now != this.builtFor) {
      throw new AheadOfTimeModeMismatchException(this.builtFor, now);
    }
  }
}
