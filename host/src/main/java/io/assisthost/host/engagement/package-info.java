/**
 * What agents do with triggered cards and recommended articles: rendered, accepted and dismissed
 * events, durable aggregates per action version and A/B group with trigger-to-render latency
 * histograms, and the two-proportion z-test that says whether groups differ.
 */
package io.assisthost.host.engagement;
