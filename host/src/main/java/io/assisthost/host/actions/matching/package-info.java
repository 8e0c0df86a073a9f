/**
 * Finding every deployed action's phrases in an utterance in one pass over its words: a word-level
 * Aho–Corasick automaton ({@link io.assisthost.host.actions.matching.PhraseMatcher}) over text folded
 * to lower case without accents ({@link io.assisthost.host.actions.matching.TextNormalizer}), so the
 * cost of an utterance hardly grows with the number of actions.
 */
package io.assisthost.host.actions.matching;
