/**
 * Where spans go and how exports fare: {@code ExportStatus} (spans exported and failed, the last
 * failure classified) and the target it reports on, for a user's own health check or alert. The
 * exporter wrapper that feeds {@code ExportStatus}, and the {@code checkly-log} exporter that
 * writes each Checkly trace to the application log when no endpoint is configured, are in {@code
 * export.internal}.
 */
package io.github.checklyotel.export;
