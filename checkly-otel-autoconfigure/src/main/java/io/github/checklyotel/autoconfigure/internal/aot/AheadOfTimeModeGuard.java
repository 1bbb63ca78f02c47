package io.github.checklyotel.autoconfigure.internal.aot;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import java.util.function.Supplier;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

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
public final class AheadOfTimeModeGuard implements BeanFactoryPostProcessor {

  private final ChecklyTracingMode builtFor;

  private final Supplier<ChecklyTracingMode> current;

  /**
   * Guards an application built for the mode {@code builtFor}; {@code current} tells the mode its
   * environment asks for at run time.
   */
  public AheadOfTimeModeGuard(ChecklyTracingMode builtFor, Supplier<ChecklyTracingMode> current) {
    this.builtFor = builtFor;
    this.current = current;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (!AotDetector.useGeneratedArtifacts()) {
      return;
    }
    ChecklyTracingMode now = this.current.get();
    if (now != this.builtFor) {
      throw new AheadOfTimeModeMismatchException(this.builtFor, now);
    }
  }
}
