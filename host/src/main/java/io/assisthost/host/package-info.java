/**
 * assist-host: {@link io.assisthost.host.Main} starts a clustered Vert.x and deploys
 * {@link io.assisthost.host.HostVerticle}, which wires the feature packages together in order. Each
 * feature lives in its own package ({@code config}, {@code cluster}, {@code plugins}, {@code metrics},
 * {@code http}, ...).
 */
package io.assisthost.host;
