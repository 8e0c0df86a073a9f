/**
 * The host's Micrometer registry, exported in Prometheus text on {@code /metrics}, and the recorders
 * that plugins write into. Recording is lock-free and safe from any thread.
 */
package io.assisthost.host.metrics;
