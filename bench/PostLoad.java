import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sustained posting load with a search-freshness probe, JDK only:
 * {@code java bench/PostLoad.java http://localhost:8080 RATE SECONDS}.
 *
 * <p>Posts at a fixed rate through {@code POST /api/v1/statuses} as 16 fresh users (open model, like wrk2: each post
 * is due at its own time and its latency counts from then, so a stalled server cannot hide behind a slowed client).
 * Every 200 ms it takes the newest acknowledged post and polls {@code /api/v2/search} for its unique word every 10 ms
 * until the post is found: the lag from acknowledgement to searchable.
 */
public final class PostLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(\\d+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Acked(String word, String id, long ackNanos) {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

        String app = send(base, "POST", "/api/v1/apps", null, "client_name=load&scopes=read+write&redirect_uris=urn:ietf:wg:oauth:2.0:oob");
        String appToken = field(send(base, "POST", "/oauth/token", null, "grant_type=client_credentials&client_id="
                + field(app, "client_id") + "&client_secret=" + field(app, "client_secret") + "&scope=read+write"), "access_token");
        List<String> tokens = new ArrayList<>();
        for (int u = 0; u < 16; u++) {
            String name = "load" + run + "u" + u;
            tokens.add(field(send(base, "POST", "/api/v1/accounts", appToken, "username=" + name + "&email=" + name
                    + "%40example.org&password=correct+horse+battery&agreement=true&locale=en"), "access_token"));
        }

        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicLong errors = new AtomicLong();
        AtomicReference<Acked> newest = new AtomicReference<>();
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        List<Long> misses = Collections.synchronizedList(new ArrayList<>());
        Thread probe = Thread.ofPlatform().daemon().start(() -> probe(base, newest, lags, misses));

        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        try (ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                int n = i;
                posters.submit(() -> {
                    String word = "zq" + run + Integer.toString(n, 36);
                    try {
                        String body = send(base, "POST", "/api/v1/statuses", tokens.get(n % tokens.size()),
                                "status=" + URLEncoder.encode("Load test post " + n + " about the harbour market " + word,
                                        StandardCharsets.UTF_8));
                        long now = System.nanoTime();
                        latencies[n] = now - due;
                        newest.set(new Acked(word, field(body, "id"), now));
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) System.err.println("post failed: " + e);
                        latencies[n] = -1;
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        probe.interrupt();
        probe.join(5000);

        long[] ok = java.util.Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "posts: %d sent at %d/s for %d s, %d ok, %d errors, achieved %.0f/s%n",
                total, rate, seconds, ok.length, errors.get(), ok.length / elapsed);
        System.out.printf(Locale.ROOT, "post latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                pct(ok, 50), pct(ok, 90), pct(ok, 99), ok.length == 0 ? 0 : ok[ok.length - 1] / 1e6);
        long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        long within = lags.stream().filter(l -> l <= 1_000_000_000L).count();
        System.out.printf(Locale.ROOT, "search lag ms (ack to found, %d probes): p50 %.0f  p99 %.0f  max %.0f, "
                        + "%d of %d within 1 s, %d never found within 5 s%n", lag.length, pct(lag, 50), pct(lag, 99),
                lag.length == 0 ? 0 : lag[lag.length - 1] / 1e6, within, lag.length, misses.size());
    }

    /** Every 200 ms: polls search for the newest acknowledged post's word until it is found (5 s at most). */
    private static void probe(String base, AtomicReference<Acked> newest, ConcurrentLinkedQueue<Long> lags, List<Long> misses) {
        String last = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(200);
                Acked a = newest.get();
                if (a == null || a.word().equals(last)) continue;
                last = a.word();
                while (true) {
                    String body = send(base, "GET", "/api/v2/search?type=statuses&q=" + a.word(), null, null);
                    if (body.contains("\"" + a.id() + "\"")) {
                        lags.add(System.nanoTime() - a.ackNanos());
                        break;
                    }
                    if (System.nanoTime() - a.ackNanos() > 5_000_000_000L) {
                        misses.add(a.ackNanos());
                        break;
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a failed probe request: try the next post
            }
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String send(String base, String method, String path, String token, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        b.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    private static String field(String json, String name) {
        if (name.equals("id")) {
            Matcher m = ID.matcher(json);
            if (m.find()) return m.group(1);
        }
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
        return m.group(1);
    }
}
