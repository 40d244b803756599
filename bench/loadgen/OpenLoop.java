// OpenLoop.java: a constant-arrival-rate load generator for tipline (see bench/README.md).
//
// Sends POST requests (realistic tips by default) at a fixed rate, whatever the answers
// do: request i is due at start + i / rate. A fixed set of keep-alive HTTP/1.1
// connections (--connections, each driven by its own thread) take the requests in
// order; each latency is measured from the moment the request was DUE, not from when a
// connection got to send it, so a stalled server or a busy generator shows up in the
// percentiles instead of hiding (no coordinated omission, as in wrk2). Every sample is
// kept and sorted at the end, so the percentiles are exact.
//
// Run with the JDK's single-file launcher (Java 17+), no build step:
//   java bench/loadgen/OpenLoop.java --url http://127.0.0.1:8080/api/v1/tips --rate 1000 --duration 60
// Options:
//   --url U          target (127.0.0.1 or localhost only), http only
//   --rate R         requests per second (default 1000)
//   --duration S     measured seconds (default 60)
//   --warmup S       seconds at the same rate before measuring, not recorded (default 5)
//   --connections N  keep-alive connections (default 64); more are never opened
//   --expect CODE    the status that counts as success (default 201)
//   --body KIND      tip (realistic tips, 300-2000 characters; default) or a file to send as is
//   --content-type T Content-Type header (default application/json)
//   --timeout S      per-request socket timeout (default 10); a timeout counts and reconnects
//   --label L        a name for the output line
//   --header H       one more header, "Name: value", on every request (such as a channel key)
//   --proofs FILE    X-Tipline-Proof values, one a line (tipline solve-challenge --count N): request i,
//                    warm-up included, carries line i, so each is used once; the run refuses to start
//                    when the file holds fewer lines than it will send
// Output, last line: OPENLOOP label=L rate=R sent=N ok=N errors=N timeouts=N ... p50_ms= p90_ms= p99_ms=
//                    p999_ms= max_ms= gen_cpu_s=
// It stops by itself: requests not started by the end of the run (plus --timeout) are
// counted as unsent, and every socket read has a timeout.
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

public class OpenLoop {

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        URI url = URI.create(args.getOrDefault("url", "http://127.0.0.1:8080/api/v1/tips"));
        if (!url.getHost().equals("127.0.0.1") && !url.getHost().equals("localhost")) {
            throw new IllegalArgumentException("only loopback targets");
        }
        double rate = Double.parseDouble(args.getOrDefault("rate", "1000"));
        int duration = Integer.parseInt(args.getOrDefault("duration", "60"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "5"));
        int connections = Integer.parseInt(args.getOrDefault("connections", "64"));
        int expect = Integer.parseInt(args.getOrDefault("expect", "201"));
        int timeout = Integer.parseInt(args.getOrDefault("timeout", "10"));
        String label = args.getOrDefault("label", "openloop");
        String contentType = args.getOrDefault("content-type", "application/json");
        String bodyKind = args.getOrDefault("body", "tip");
        byte[][] bodies = bodyKind.equals("tip") ? Tips.pool(512, new Random(42))
                : new byte[][] {Files.readAllBytes(Path.of(bodyKind))};
        String extra = args.containsKey("header") ? header(args.get("header")) : "";
        byte[][] requests = new byte[bodies.length][];
        for (int i = 0; i < bodies.length; i++) {
            requests[i] = request(url, contentType, extra, bodies[i]);
        }

        long warmupCount = Math.round(rate * warmup);
        long measuredCount = Math.round(rate * duration);
        long total = warmupCount + measuredCount;
        String[] proofs = args.containsKey("proofs")
                ? Files.readAllLines(Path.of(args.get("proofs"))).stream().map(String::strip)
                        .filter(line -> !line.isEmpty()).map(line -> header("X-Tipline-Proof: " + line)).toArray(String[]::new)
                : null;
        if (proofs != null && proofs.length < total) {
            throw new IllegalArgumentException("--proofs holds " + proofs.length + " values, the run sends " + total);
        }
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime() + 200_000_000L;
        long stopAt = start + (long) (total * intervalNanos) + timeout * 1_000_000_000L;
        long[] latencies = new long[(int) measuredCount];
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

        Thread[] workers = new Thread[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = new Thread(() -> {
                Connection connection = null;
                while (true) {
                    long i = next.getAndIncrement();
                    if (i >= total) {
                        break;
                    }
                    long due = start + (long) (i * intervalNanos);
                    long now = System.nanoTime();
                    if (now > stopAt) {
                        break;
                    }
                    if (due > now) {
                        LockSupport.parkNanos(due - now);
                    }
                    boolean measured = i >= warmupCount;
                    int status;
                    try {
                        if (connection == null) {
                            connection = new Connection(url, timeout);
                        }
                        int pick = (int) (i % bodies.length);
                        byte[] request = proofs == null ? requests[pick]
                                : request(url, contentType, extra + proofs[(int) i], bodies[pick]);
                        status = connection.exchange(request);
                    } catch (SocketTimeoutException e) {
                        status = -1;
                        connection = close(connection);
                    } catch (IOException e) {
                        status = -2;
                        connection = close(connection);
                    }
                    long latency = System.nanoTime() - due;
                    if (!measured) {
                        continue;
                    }
                    if (status == expect) {
                        ok.incrementAndGet();
                    } else if (status == -1) {
                        timeouts.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                        statuses.computeIfAbsent(status, code -> new AtomicLong()).incrementAndGet();
                    }
                    latencies[(int) (i - warmupCount)] = latency;
                    answered.incrementAndGet();
                }
                close(connection);
            });
            workers[w].setDaemon(true);
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join(Math.max(1, (stopAt - System.nanoTime()) / 1_000_000L + 1_000));
        }
        long[] samples = Arrays.stream(latencies).filter(latency -> latency > 0).sorted().toArray();
        long unsent = measuredCount - answered.get();
        double cpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime() / 1e9;
        if (!statuses.isEmpty()) {
            System.out.println("OPENLOOP_STATUSES " + statuses + " (-2: connection error)");
        }
        System.out.printf(Locale.ROOT, "OPENLOOP label=%s rate=%.0f duration=%d sent=%d ok=%d errors=%d timeouts=%d "
                        + "unsent=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f gen_cpu_s=%.1f%n",
                label, rate, duration, measuredCount, ok.get(), errors.get(), timeouts.get(), unsent,
                ms(samples, 50), ms(samples, 90), ms(samples, 99), ms(samples, 99.9),
                samples.length == 0 ? 0 : samples[samples.length - 1] / 1e6, cpu);
        System.exit(0);
    }

    /** A header line, refused when it could split the request. */
    static String header(String line) {
        if (!line.matches("[A-Za-z0-9-]+: [\\x21-\\x7e][\\x20-\\x7e]*")) {
            throw new IllegalArgumentException("a header is \"Name: value\" in printable ASCII");
        }
        return line + "\r\n";
    }

    static byte[] request(URI url, String contentType, String extraHeaders, byte[] body) {
        String head = "POST " + (url.getRawPath().isEmpty() ? "/" : url.getRawPath()) + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + extraHeaders
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    static Connection close(Connection connection) {
        if (connection != null) {
            try {
                connection.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        return null;
    }

    /** One keep-alive HTTP/1.1 connection: writes a request, reads the status, headers and body. */
    static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Connection(URI url, int timeoutSeconds) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutSeconds * 1000);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), timeoutSeconds * 1000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("no status line");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                throw new IOException("server closed the connection");
            }
            return status;
        }

        private void skip(long count) throws IOException {
            long left = count;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
                }
                line.write(c);
            }
            return null;
        }
    }

    /** Nearest-rank percentile in milliseconds. */
    static double ms(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        return args;
    }

    /** Realistic tips, like bench/tips.lua: 300 to 2,000 characters of plain sentences. */
    static final class Tips {
        static final String[] CATEGORIES = {"drugs", "violence", "theft", "fraud", "wanted-person", "missing-person", "other"};
        static final String[] SUBJECTS = {"A man in a grey hoodie", "Two teenagers", "The woman who lives in flat 4B",
                "A delivery driver", "Someone in a dark blue sedan", "My neighbour", "A group of about five people",
                "The owner of the corner shop", "A tall man with a beard", "A white van with no plates"};
        static final String[] VERBS = {"was seen handing small packages to", "keeps arguing loudly with",
                "tried to sell a phone to", "was following", "drove off quickly after talking to",
                "has been collecting cash from", "took a bicycle that belongs to", "meets every evening with"};
        static final String[] OBJECTS = {"people waiting at the bus stop", "customers outside the pharmacy",
                "a man on a motorbike", "kids from the school nearby", "an elderly neighbour", "someone in a parked car"};
        static final String[] PLACES = {"behind the supermarket on Elm Street", "near the entrance of the metro station",
                "in the car park of the sports centre", "at the corner of 5th and Main", "along the canal path"};
        static final String[] EXTRAS = {"I am not sure of the exact date, but it has happened more than once.",
                "Other people in the street have noticed it too.",
                "The car had a dent on the rear door and a sticker on the back window.",
                "It has been going on since at least the beginning of the year.",
                "The person seemed nervous and kept looking around."};

        static byte[][] pool(int size, Random random) {
            byte[][] pool = new byte[size][];
            for (int i = 0; i < size; i++) {
                int target = 300 + random.nextInt(1_701);
                StringBuilder text = new StringBuilder();
                while (text.length() < target) {
                    text.append(pick(SUBJECTS, random)).append(' ').append(pick(VERBS, random)).append(' ')
                            .append(pick(OBJECTS, random)).append(' ').append(pick(PLACES, random)).append(". ")
                            .append(pick(EXTRAS, random)).append(' ');
                }
                String description = text.substring(0, target).trim();
                String json = "{\"category\":\"" + pick(CATEGORIES, random) + "\",\"description\":\""
                        + description.replace("\"", "'") + "\""
                        + (random.nextBoolean() ? ",\"location\":\"" + pick(PLACES, random) + "\"" : "")
                        + (random.nextInt(3) == 0 ? ",\"occurredAt\":\"2026-11-" + (10 + random.nextInt(15)) + "\"" : "")
                        + "}";
                pool[i] = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return pool;
        }

        static String pick(String[] values, Random random) {
            return values[random.nextInt(values.length)];
        }
    }
}
