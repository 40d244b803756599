package org.tipline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.altcha.altcha.Altcha;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tipline solve-challenge}: fetches a proof-of-work challenge from a running tipline,
 * solves it and prints the {@code X-Tipline-Proof} header value, for curl:
 * {@code curl -H "X-Tipline-Proof: $(./tipline solve-challenge)" ...}. With {@code --count N}
 * it prints N values, one a line, solved on every core (a server-side partner's batch, or a
 * benchmark's). A client over HTTP like any front end: it reads no settings, starts nothing
 * and touches no database or key.
 */
@Command(name = "solve-challenge", mixinStandardHelpOptions = true,
        description = "Fetch a proof-of-work challenge from a running tipline, solve it and print the X-Tipline-Proof "
                + "header value (each value is good for one request, until its challenge expires).")
public final class SolveChallengeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_COUNT = 1_000_000;

    @Option(names = "--url", defaultValue = "http://localhost:8080",
            description = "Where tipline's API listens (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--count", defaultValue = "1",
            description = "How many values to print, one a line, each from its own challenge (1 to "
                    + MAX_COUNT + "; default: ${DEFAULT-VALUE}).")
    int count;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new CliRefusal("--url must be an http:// or https:// address, such as http://localhost:8080");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new CliRefusal("--count must be 1 to " + MAX_COUNT);
        }
        URI endpoint = url.resolve("/api/v1/challenge");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        PrintWriter out = spec.commandLine().getOut();
        int threads = Math.min(count, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        String proof = solve(http, endpoint);
                        synchronized (out) {
                            out.println(proof);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CliRefusal refusal) {
                        throw refusal;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
            out.flush();
        }
        return TiplineCli.OK;
    }

    /** One challenge fetched and solved: the header value. */
    private static String solve(HttpClient http, URI endpoint) throws InterruptedException {
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliRefusal("cannot reach " + endpoint + " (" + e.getClass().getSimpleName() + ")");
        }
        if (answer.statusCode() != 200) {
            throw new CliRefusal(endpoint + " answered " + answer.statusCode() + "; is it a tipline that serves intake?");
        }
        JsonNode challenge;
        Altcha.Solution solution;
        try {
            challenge = JSON.readTree(answer.body());
            solution = Altcha.solveChallenge(challenge.get("challenge").asText(), challenge.get("salt").asText(),
                    Altcha.Algorithm.fromString(challenge.get("algorithm").asText()),
                    challenge.get("maxnumber").asLong(), 0);
        } catch (Exception e) {
            throw new CliRefusal(endpoint + " did not answer with an ALTCHA challenge");
        }
        if (solution == null) {
            throw new CliRefusal("the challenge from " + endpoint + " has no solution up to its maxnumber");
        }
        ObjectNode payload = JSON.createObjectNode()
                .put("algorithm", challenge.get("algorithm").asText())
                .put("challenge", challenge.get("challenge").asText())
                .put("number", solution.number)
                .put("salt", challenge.get("salt").asText())
                .put("signature", challenge.get("signature").asText());
        return Base64.getEncoder().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    }
}
