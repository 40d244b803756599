package org.tipline.tipster.sealed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.tipline.crypto.CryptoProviders;
import org.tipline.crypto.JsonPadding;
import org.tipline.crypto.OfficePublicKey;

/**
 * Writes sealed tips for bench/sealed.sh, one envelope a line, as a front end makes them
 * (docs/crypto.md, section 8): each sealed to a binding token fetched from the running tipline
 * (GET /api/v1/tips/sealed/binding), to the office public keyset in the given file, with a
 * realistic tip of 300 to 2,000 characters and the follow-up credentials of envelope version 2,
 * as the page sends them (an Ed25519 sign-in key; the Argon2id cost in tipsterKdf is the least
 * allowed, 64 KiB, to make envelopes quickly: intake never derives for these tips, so the cost
 * does not change what intake does with them).
 * Not a test: run by the script, on every core, before the measured runs.
 *
 * <p>Arguments: base URL, office public keyset file, count, output file.
 */
public final class SealedEnvelopeFile {

    private static final String[] SENTENCES = {
        "A man in a grey hoodie was seen handing small packages to people at the bus stop.",
        "Two teenagers keep arguing loudly with the owner of the corner shop late at night.",
        "Someone in a dark blue sedan was following a delivery driver along the canal path.",
        "The woman who lives in flat 4B has been collecting cash from visitors every evening.",
        "A white van with no plates parks behind the supermarket on Elm Street most weekdays.",
        "I did not want to call the police directly because I am afraid of being recognised.",
        "It has been going on since at least the beginning of the year.",
        "The car had a dent on the rear door and a sticker on the back window.",
    };
    private static final String[] CATEGORIES = {"drugs", "violence", "theft", "fraud", "wanted-person",
        "missing-person", "other"};

    private SealedEnvelopeFile() {
    }

    public static void main(String... args) throws Exception {
        URI endpoint = URI.create(args[0]).resolve("/api/v1/tips/sealed/binding");
        CryptoProviders.install();
        OfficePublicKey officeKey = OfficePublicKey.read(Path.of(args[1]));
        int count = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(t);
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint)
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(endpoint + " answered " + answer.statusCode());
                        }
                        JsonNode binding = SealedEnvelopes.JSON.readTree(answer.body());
                        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                        String json = "{\"category\":\"" + category + "\",\"description\":"
                                + SealedEnvelopes.JSON.valueToTree(description(random)) + ",\"formatVersion\":2}";
                        String envelope = SealedEnvelopes.sealPlaintextVersion2(officeKey,
                                new SealedEnvelopes.Binding(binding.get("tipId").asText(),
                                        binding.get("reference").asText(), binding.get("binding").asText()),
                                JsonPadding.pad(json.getBytes(StandardCharsets.UTF_8)))
                                .with("category", category).json();
                        synchronized (writer) {
                            writer.write(envelope);
                            writer.newLine();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String description(Random random) {
        int target = 300 + random.nextInt(1_701);
        StringBuilder text = new StringBuilder();
        while (text.length() < target) {
            text.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
        }
        return text.substring(0, target).strip();
    }
}
