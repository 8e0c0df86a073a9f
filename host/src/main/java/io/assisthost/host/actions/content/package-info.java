/**
 * What an assist card may contain and need: the {@link io.assisthost.host.actions.content.ContentPolicy}
 * (a jsoup safelist plus URL, style and script-text rules) that refuses, never rewrites, HTML it would
 * change, naming each offending fragment, and derives the Content-Security-Policy a card renders under;
 * and the {@link io.assisthost.host.actions.content.BrowserMatrix} of {@code conf/browsers.json} that
 * says which supported browser lacks which feature a card requires.
 */
package io.assisthost.host.actions.content;
