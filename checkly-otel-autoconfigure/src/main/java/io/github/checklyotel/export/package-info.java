/**
 * Where spans go: the wrapper that reports how OTLP exports fare ({@code ExportStatus}, with
 * failures classified and secrets masked), and the {@code checkly-log} exporter that writes each
 * Checkly trace to the application log when no endpoint is configured.
 */
package io.github.checklyotel.export;
