/**
 * Spring Boot auto-configuration: the wiring. It binds the {@code checkly.*} properties, decides
 * who traces (this starter, a running OpenTelemetry Java agent, or nobody), and wires the parts of
 * the other packages into beans that back off to the application's own. Also the environment
 * defaults, the import filter that leaves out Spring Boot's own OpenTelemetry SDK, the startup
 * check and the failure analysis of bad OpenTelemetry settings. The version check, the
 * ahead-of-time guard and the startup reports have packages of their own under {@code
 * autoconfigure.internal}.
 *
 * <p>Public here: the auto-configuration classes (Spring Boot loads them by name) and {@link
 * io.github.checklyotel.autoconfigure.ChecklyProperties}; everything else is package-private.
 */
package io.github.checklyotel.autoconfigure;
