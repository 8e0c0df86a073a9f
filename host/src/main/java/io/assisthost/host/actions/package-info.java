/**
 * Assist actions: cards with trigger conditions, HTML content and UI directives, owned by the host
 * because Genesys has no API for them. {@link io.assisthost.host.actions.ActionCatalog} keeps every
 * version, the deployment and its A/B rollout, cluster-wide and in each node's store;
 * {@link io.assisthost.host.actions.TriggerEngine} matches every utterance against all deployed
 * phrases at once and publishes the cards that trigger.
 */
package io.assisthost.host.actions;
