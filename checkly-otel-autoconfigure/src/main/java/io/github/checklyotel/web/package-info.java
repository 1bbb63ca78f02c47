/**
 * The servlet side: the boundary filter that decides once per request whether it is Checkly's, and
 * the bean post-processor that lets other requests skip OpenTelemetry's server filter. Only the
 * filter and the post-processor are meant to be referenced or replaced.
 */
package io.github.checklyotel.web;
