/** JMH benchmarks; run with {@code java -jar host/benchmarks/target/benchmarks.jar}. */
package io.assisthost.benchmarks;
