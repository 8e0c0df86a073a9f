package io.assisthost.host.bench;

import io.assisthost.host.testing.HostProcess;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Load harness: starts the distribution in sandbox mode in its own JVM (heap and GC log as given),
 * makes the emulator answer every Genesys call after a fixed latency, and drives
 * {@code POST /api/v1/recommendations} and {@code POST /api/v1/transcripts} at fixed rates (open model:
 * each request is timed from when it was due, so a stalled host cannot hide its queue). Reports
 * throughput, errors, end-to-end and host-added latency (end-to-end minus the Genesys time the host
 * reports for the request, also split into the part inside the pipeline and the part around it, and by
 * whether a collector pause of the host fell while the request was in flight), GC pauses and heap; then
 * fires a burst of concurrent slow searches.
 *
 * <p>Arguments, all optional: {@code rate=1000 seconds=60 warmup=60 latencyMs=20 transcripts=100
 * burst=500 burstLatencyMs=1000 heap=512m jvm= target=host} ({@code jvm}: more options for the host's JVM, separated
 * by semicolons, such as a flight recording; {@code target=bound}, or {@code bound} with parts such as
 * {@code bound+durable+shared+plugins}: the same load against {@link LoadBound} instead of the distribution, the least
 * that a host built on the same parts spends).
 */
public final class LoadHarness {

    private static final String TOKEN = "load-harness-token";
    /**
     * How often due requests are sent. Each is timed from when it was due, so the tick's lateness counts
     * as the host's: it is kept at the timer's finest.
     */
    private static final long TICK_MS = 1;
    private static final String LIVE = "knowledge-search";
    private static final List<String> QUERIES = List.of("refund for a late delivery", "charged twice this month",
            "reset my password", "account locked after too many attempts", "cancel my membership",
            "damaged item arrived broken", "change the delivery address", "update payment card",
            "where is my order", "outage in my area");

    private final Map<String, String> settings;
    private final Vertx vertx = Vertx.vertx();
    private WebClient client;

    private LoadHarness(Map<String, String> settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("rate", "1000", "seconds", "60", "warmup", "60",
                "latencyMs", "20", "transcripts", "100", "burst", "500", "burstLatencyMs", "1000", "heap", "512m"));
        settings.put("jvm", "");
        settings.put("target", "host");
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !settings.containsKey(pair[0])) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + settings.keySet());
            }
            settings.put(pair[0], pair[1]);
        }
        new LoadHarness(settings).run();
    }

    private int number(String name) {
        return Integer.parseInt(settings.get(name));
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("assist-load");
        Path gcFile = work.resolve("gc.log");
        int port = HostProcess.freePort();
        int clusterPort = HostProcess.freePort();
        Map<String, String> variables = HostProcess.member(clusterPort, "127.0.0.1:" + clusterPort);
        variables.put("ASSIST_SANDBOX_GENERATOR", "false");
        List<String> jvm = new ArrayList<>(List.of("-Xms" + settings.get("heap"), "-Xmx" + settings.get("heap"),
                "-Xlog:gc:file=" + gcFile + ":" + GcLog.DECORATIONS));
        jvm.addAll(Arrays.stream(settings.get("jvm").split(";")).filter(option -> !option.isBlank()).toList());
        try (HostProcess host = start(work, port, variables, jvm)) {
            host.awaitReady(Duration.ofSeconds(120));
            client = WebClient.wrap(vertx.httpClientBuilder()
                    .with(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true))
                    // Connections for the burst and for a second of the steady traffic, whatever the burst's size:
                    // a pool smaller than the requests in flight would hold the load back.
                    .with(new PoolOptions().setHttp1MaxSize(
                            Math.max(2 * number("burst"), number("rate") + number("transcripts"))))
                    .build());
            GcLog gc = new GcLog(gcFile);
            System.out.printf(Locale.ROOT, "assist-host load: %s; heap %s; Genesys latency %d ms%n", settings,
                    settings.get("heap"), number("latencyMs"));

            fault(number("latencyMs"));
            drive(number("rate"), number("transcripts"), number("warmup")).await();
            int mark = gc.mark();
            Duration hostCpu = cpu(host.process());
            ThreadCpu hostThreads = ThreadCpu.of(host.process().pid());
            long harnessCpu = harnessCpuNanos();
            Report report = drive(number("rate"), number("transcripts"), number("seconds")).await();
            List<GcLog.Pause> pauses = gc.pauses(mark);
            report.print(number("seconds"), pauses);
            System.out.println("GC during the measured run: " + GcLog.summary(pauses));
            long requests = report.sent + report.transcriptsSent;
            System.out.printf(Locale.ROOT, "CPU per request (recommendations and transcripts): host %.0f µs, harness %.0f µs%n",
                    cpu(host.process()).minus(hostCpu).toNanos() / 1_000.0 / requests,
                    (harnessCpuNanos() - harnessCpu) / 1_000.0 / requests);
            System.out.println("host CPU per request by thread: "
                    + ThreadCpu.perRequest(ThreadCpu.of(host.process().pid()).since(hostThreads), requests));

            fault(number("burstLatencyMs"));
            burst(number("burst"));
            fault(0);
            // A clean stop lets the JVM write what it was asked to record (a flight recording, the GC log).
            host.stop(Duration.ofSeconds(60));
        } finally {
            vertx.close().await();
        }
    }

    /** The distribution, or for {@code target=bound...} the {@link LoadBound} in its place, with these JVM options. */
    private HostProcess start(Path work, int port, Map<String, String> variables, List<String> jvm) throws Exception {
        String target = settings.get("target");
        variables.put("JAVA_OPTS", String.join(" ", jvm));
        if (target.equals("host")) {
            return HostProcess.start(work, "host", port, TOKEN, variables);
        }
        if (target.equals("bound") || target.startsWith("bound+")) {
            variables.putAll(LoadBound.variables(Arrays.stream(target.split("\\+")).skip(1).toList()));
            return HostProcess.start(work, "bound", port, TOKEN, variables);
        }
        throw new IllegalArgumentException("target must be host, bound or bound+part+..., was " + target);
    }

    /** CPU time of the host's JVM and its children so far (the start script execs the JVM). */
    private static Duration cpu(Process process) {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static long harnessCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void fault(int latencyMs) {
        HttpResponse<Buffer> set = client.request(HttpMethod.POST, "/sandbox/faults").bearerTokenAuthentication(TOKEN)
                .sendJsonObject(new JsonObject().put("target", "*").put("latencyMs", latencyMs)).await();
        if (set.statusCode() != 200) {
            throw new IllegalStateException("the sandbox refused the latency: " + set.bodyAsString());
        }
    }

    /** What one run measured. */
    private static final class Report {
        final LatencySamples endToEnd = new LatencySamples();
        final PauseSplit hostAdded = new PauseSplit();
        final LatencySamples inPipeline = new LatencySamples();
        final LatencySamples aroundPipeline = new LatencySamples();
        final LatencySamples transcripts = new LatencySamples();
        final Map<String, Integer> errors = new HashMap<>();
        int sent;
        int transcriptsSent;
        int pending;

        void error(String what) {
            errors.merge(what, 1, Integer::sum);
        }

        void print(int seconds, List<GcLog.Pause> pauses) {
            System.out.printf(Locale.ROOT, "recommendations: %d sent, %d served, %.1f/s; errors %s%n", sent,
                    endToEnd.count(), endToEnd.count() / (double) seconds, errors);
            System.out.println("  end to end: " + endToEnd.summary());
            System.out.println("  host-added: " + hostAdded.all().summary() + " (end to end minus the Genesys time, whole ms)");
            System.out.println("    of which in the pipeline: " + inPipeline.summary()
                    + " (its total minus the Genesys time: plugins and hand-offs)");
            System.out.println("    and around it: " + aroundPipeline.summary()
                    + " (end to end minus the pipeline's total: HTTP, recording to disk, the reply)");
            System.out.println("    " + hostAdded.byPauses(pauses));
            System.out.printf(Locale.ROOT, "transcripts: %d sent, %d answered%n  end to end: %s%n", transcriptsSent,
                    transcripts.count(), transcripts.summary());
        }
    }

    /** Sends recommendations and transcripts at their rates for {@code seconds}, then waits for the answers. */
    private Future<Report> drive(int rate, int transcriptRate, int seconds) {
        Promise<Report> done = Promise.promise();
        Report report = new Report();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long recommendations = (long) rate * seconds;
        long transcripts = (long) transcriptRate * seconds;
        vertx.setPeriodic(TICK_MS, timer -> {
            long now = System.nanoTime();
            long due = Math.min(now, end) - start;
            // Request n is due at n / rate: each is sent at the first tick at or after that, and timed from it.
            while (report.sent < recommendations && report.sent * 1_000_000_000L / rate <= due) {
                long intended = start + report.sent * 1_000_000_000L / rate;
                recommend(report, report.sent++, intended);
            }
            while (report.transcriptsSent < transcripts && report.transcriptsSent * 1_000_000_000L / transcriptRate <= due) {
                long intended = start + report.transcriptsSent * 1_000_000_000L / transcriptRate;
                transcript(report, report.transcriptsSent++, intended);
            }
            if (now >= end) {
                vertx.cancelTimer(timer);
                vertx.setPeriodic(TICK_MS, wait -> {
                    if (report.pending == 0) {
                        vertx.cancelTimer(wait);
                        done.complete(report);
                    }
                });
            }
        });
        return done.future();
    }

    private void recommend(Report report, int n, long intended) {
        report.pending++;
        client.request(HttpMethod.POST, "/api/v1/recommendations").bearerTokenAuthentication(TOKEN)
                .sendJsonObject(new JsonObject().put("conversationId", "load-" + (n % 500))
                        .put("query", QUERIES.get(n % QUERIES.size())).put("maxResults", 5))
                .onComplete(result -> {
                    report.pending--;
                    long answered = System.nanoTime();
                    long micros = TimeUnit.NANOSECONDS.toMicros(answered - intended);
                    if (result.failed()) {
                        report.error(result.cause().getClass().getSimpleName());
                    } else if (result.result().statusCode() != 200) {
                        report.error("HTTP " + result.result().statusCode());
                    } else {
                        // Read once: the harness shares the cores with the host, and every parse is CPU it takes.
                        record(report, result.result().bodyAsJsonObject(), intended, answered);
                    }
                });
    }

    private static void record(Report report, JsonObject recommendation, long intended, long answered) {
        long micros = TimeUnit.NANOSECONDS.toMicros(answered - intended);
        String strategy = servedBy(recommendation);
        if (strategy == null) {
            report.error("nothing served: " + recommendation.getJsonObject("source").getString("cause"));
            return;
        }
        report.endToEnd.add(micros);
        if (!strategy.equals(LIVE)) {
            report.error("served by a fallback");
        }
        JsonObject latencyMs = recommendation.getJsonObject("latencyMs");
        long genesysMs = latencyMs.getLong("genesys", 0L);
        long totalMs = latencyMs.getLong("total", 0L);
        long hostAdded = Math.max(0, micros - genesysMs * 1_000);
        report.hostAdded.add(intended, answered, hostAdded);
        report.inPipeline.add(Math.max(0, totalMs - genesysMs) * 1_000);
        report.aroundPipeline.add(Math.max(0, micros - totalMs * 1_000));
    }

    /** The strategy that served a recommendation: {@value #LIVE}, a fallback's name, or {@code null} for none. */
    private static String servedBy(JsonObject recommendation) {
        return recommendation.getJsonObject("source").getString("strategy");
    }

    private void transcript(Report report, int n, long intended) {
        report.pending++;
        client.request(HttpMethod.POST, "/api/v1/transcripts").bearerTokenAuthentication(TOKEN)
                .sendJsonObject(new JsonObject().put("conversationId", "load-t-" + (n % 200))
                        .put("text", "I was " + QUERIES.get(n % QUERIES.size())).put("speaker", "customer")
                        .put("confidence", 0.9))
                .onComplete(result -> {
                    report.pending--;
                    if (result.succeeded() && result.result().statusCode() < 300) {
                        report.transcripts.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - intended));
                    } else {
                        report.error(result.failed() ? "transcript " + result.cause().getClass().getSimpleName()
                                : "transcript HTTP " + result.result().statusCode());
                    }
                });
    }

    /** Sends {@code size} searches at once against a slow Genesys: all must be in flight together and succeed. */
    private void burst(int size) {
        long start = System.nanoTime();
        List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            calls.add(client.request(HttpMethod.POST, "/api/v1/recommendations").bearerTokenAuthentication(TOKEN)
                    .sendJsonObject(new JsonObject().put("conversationId", "burst-" + i)
                            .put("query", QUERIES.get(i % QUERIES.size())).put("maxResults", 5)));
        }
        Future.join(calls).otherwiseEmpty().await();
        Map<String, Long> outcomes = calls.stream().collect(java.util.stream.Collectors.groupingBy(call -> {
            if (call.failed()) {
                return call.cause().getClass().getSimpleName();
            }
            if (call.result().statusCode() != 200) {
                return "HTTP " + call.result().statusCode();
            }
            String served = servedBy(call.result().bodyAsJsonObject());
            return served == null ? "nothing served" : served;
        }, java.util.stream.Collectors.counting()));
        System.out.printf(Locale.ROOT, "burst: %d searches at once with Genesys answering after %s ms: %s, all done in"
                + " %d ms%n", size, settings.get("burstLatencyMs"), outcomes,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
