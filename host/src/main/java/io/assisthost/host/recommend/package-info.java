/**
 * Knowledge recommendations for live interactions: requests and their validation, the pipeline
 * (knowledge source behind a circuit breaker per knowledge base → scorers → filters → fallback
 * strategies), result-set ETags, the cluster-wide result cache, and polling subscriptions with one
 * owner node per interaction.
 *
 * <p>Threading: everything runs on event loops and composes futures; plugin code runs through the
 * plugin invoker's workers and Genesys calls through the Genesys client.
 */
package io.assisthost.host.recommend;
