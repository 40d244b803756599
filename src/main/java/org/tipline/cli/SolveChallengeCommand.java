package org.tipline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.altcha.altcha.Altcha;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tipline solve-challenge}: fetches a proof-of-work challenge from a running tipline,
 * solves it and prints the {@code X-Tipline-Proof} header value, for curl:
 * {@code curl -H "X-Tipline-Proof: $(./tipline solve-challenge)" ...}. A client over HTTP
 * like any front end: it reads no settings, starts nothing and touches no database or key.
 */
@Command(name = "solve-challenge", mixinStandardHelpOptions = true,
        description = "Fetch a proof-of-work challenge from a running tipline, solve it and print the X-Tipline-Proof "
                + "header value (each value is good for one request).")
public final class SolveChallengeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://localhost:8080",
            description = "Where tipline's API listens (default: ${DEFAULT-VALUE}).")
    URI url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new CliRefusal("--url must be an http:// or https:// address, such as http://localhost:8080");
        }
        URI endpoint = url.resolve("/api/v1/challenge");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        spec.commandLine().getOut().println(
                Base64.getEncoder().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)));
        spec.commandLine().getOut().flush();
        return TiplineCli.OK;
    }
}
