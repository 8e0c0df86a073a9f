/**
 * Host configuration: {@code conf/host.json} (whose copy in the jar holds every default) overlaid by an
 * operator's file, then by {@code ASSIST_*} environment variables, then by {@code assist.*} system
 * properties. Loaded once on the main thread before Vert.x starts; the result is immutable.
 */
package io.assisthost.host.config;
