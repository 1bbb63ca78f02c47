/**
 * Spring Boot auto-configuration: the one place that decides who traces ({@code
 * ChecklyTracingMode}: this starter, a running OpenTelemetry Java agent, or nobody), binds the
 * {@code checkly.*} properties, and wires the parts of the other packages into beans that back off
 * to the application's own. Also the environment defaults, the import filter that leaves out Spring
 * Boot's own OpenTelemetry SDK, the failure analysis of bad OpenTelemetry settings, and the startup
 * reports.
 *
 * <p>Public here: the auto-configuration classes (Spring Boot loads them by name), {@link
 * io.github.checklyotel.autoconfigure.ChecklyProperties} and the customizer; everything else is
 * package-private.
 */
package io.github.checklyotel.autoconfigure;
