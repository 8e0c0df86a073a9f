/**
 * Joining the Hazelcast cluster and describing it. The only package that touches Hazelcast types
 * directly; everyone else shares state through Vert.x shared data under the names in
 * {@link io.assisthost.host.cluster.SharedMaps}. Nothing here blocks an event loop: member lists are
 * local reads, map sizes come through the asynchronous Vert.x API.
 */
package io.assisthost.host.cluster;
