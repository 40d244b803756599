package org.tipline.office.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tipline.crypto.ChannelKeys;
import org.tipline.office.staff.ReviewerEnrolment;
import org.tipline.tip.ChannelName;

/**
 * What a channel may hold, shared by the admin API and {@code tipline channels}. A broken
 * rule throws {@link IllegalArgumentException} with the message {@code "field: reason"}; the
 * reason never repeats the value.
 */
public final class ChannelRules {

    /** At most this many origins per channel (each is one audit detail entry). */
    public static final int MAX_ORIGINS = 10;
    public static final int MAX_ORIGIN_LENGTH = 200;
    public static final int MAX_TIPS_PER_HOUR = 1_000_000;

    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern HOST = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern ORIGIN_CHARS = Pattern.compile("[A-Za-z0-9.:/-]+");

    private ChannelRules() {
    }

    /** A new channel and the key to show once. */
    public record Issued(Channel channel, String key) {
    }

    /**
     * A new active channel with a fresh key.
     *
     * @param reservedName the built-in keyless channel's name, which no created channel may take
     */
    public static Issued create(String name, String program, List<String> origins, Integer tipsPerHour,
            Boolean proofOfWork, String reservedName, SecureRandom random) {
        Channel channel = new Channel();
        channel.id = UUID.randomUUID();
        channel.name = name(name, reservedName);
        channel.program = program(program);
        channel.origins = origins(origins == null ? List.of() : origins);
        channel.tipsPerHour = tipsPerHour(tipsPerHour);
        channel.proofOfWork = proofOfWork == null || proofOfWork;
        channel.createdAt = now();
        String key = ChannelKeys.newKey(random);
        channel.keyHash = ChannelKeys.hash(key);
        return new Issued(channel, key);
    }

    /** Gives an active channel a new key; the old one stops working. Returns the new key. */
    public static String rotate(Channel channel, SecureRandom random) {
        String key = ChannelKeys.newKey(random);
        channel.keyHash = ChannelKeys.hash(key);
        return key;
    }

    public static void revoke(Channel channel) {
        channel.revokedAt = now();
    }

    /** Times of channel changes are kept to the hour; the audit log holds the exact time. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.HOURS);
    }

    public static String name(String name, String reservedName) {
        if (!ChannelName.valid(name)) {
            throw new IllegalArgumentException("name: 2 to 40 characters of a-z, 0-9 and '-', starting with a letter "
                    + "or digit");
        }
        if (name.equals(reservedName)) {
            throw new IllegalArgumentException("name: is the built-in channel of tips posted without a key "
                    + "(tipline.channels.keyless-name)");
        }
        if (name.equals(ChannelName.PAGE_FORM)) {
            throw new IllegalArgumentException("name: is the built-in channel of the page's form without JavaScript");
        }
        return name;
    }

    public static String program(String program) {
        if (program == null || !ReviewerEnrolment.NAME.matcher(program).matches()) {
            throw new IllegalArgumentException("program: a program name of letters, digits, '.', '_' or '-'");
        }
        return program;
    }

    /** Null or 0: no quota. */
    public static Integer tipsPerHour(Integer tipsPerHour) {
        if (tipsPerHour == null || tipsPerHour == 0) {
            return null;
        }
        if (tipsPerHour < 0 || tipsPerHour > MAX_TIPS_PER_HOUR) {
            throw new IllegalArgumentException("tipsPerHour: 1 to " + MAX_TIPS_PER_HOUR + ", or 0 for no quota");
        }
        return tipsPerHour;
    }

    /** The origins normalised as a browser sends them, without duplicates, sorted. */
    public static String[] origins(List<String> origins) {
        if (origins.size() > MAX_ORIGINS) {
            throw new IllegalArgumentException("origins: at most " + MAX_ORIGINS);
        }
        TreeSet<String> normalised = new TreeSet<>();
        for (String origin : origins) {
            normalised.add(origin(origin));
        }
        return normalised.toArray(String[]::new);
    }

    /**
     * One origin, exactly as a browser sends it in {@code Origin}: {@code https://host} or
     * {@code https://host:port}, lower case, without the default port; plain {@code http}
     * only for localhost and 127.0.0.1 (development). No path, query, user or wildcard.
     */
    public static String origin(String origin) {
        String reason = "origins: each must be an exact origin such as https://tips.example.org (https, a host, "
                + "an optional port, no path and no wildcard; http only for localhost or 127.0.0.1)";
        if (origin == null || origin.isEmpty() || origin.length() > MAX_ORIGIN_LENGTH
                || !ORIGIN_CHARS.matcher(origin).matches()) {
            throw new IllegalArgumentException(reason);
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(reason);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme == null || host == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(reason);
        }
        boolean local = host.equals("localhost") || host.equals("127.0.0.1");
        int defaultPort;
        if (scheme.equals("https")) {
            defaultPort = 443;
        } else if (scheme.equals("http") && local) {
            defaultPort = 80;
        } else {
            throw new IllegalArgumentException(reason);
        }
        int port = uri.getPort();
        if (port == 0 || port > 65_535 || (port < 0 && origin.indexOf(':', scheme.length() + 3) >= 0)) {
            throw new IllegalArgumentException(reason);
        }
        return scheme + "://" + host + (port < 0 || port == defaultPort ? "" : ":" + port);
    }
}
