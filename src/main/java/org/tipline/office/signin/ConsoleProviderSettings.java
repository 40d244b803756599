package org.tipline.office.signin;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tipline.platform.config.TiplineConfig;

/**
 * The console's sign-in at the office's identity provider, from {@code tipline.console.oidc.*}:
 * offered only when a client id is set, and then checked at start. The issuer must be an
 * {@code https} URL (plain {@code http} only on this machine's loopback address, for trying
 * tipline out), the scopes must include {@code openid}, and the review API must accept the
 * provider's tokens. A setting that does not hold stops tipline with one line, rather than
 * offering a button that cannot work.
 */
@ApplicationScoped
public class ConsoleProviderSettings {

    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** RFC 6749 scope-token. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final int MAX_NAME = 60;

    private final ProviderSignIn provider;
    private final String origin;
    private final String problem;

    @Inject
    public ConsoleProviderSettings(@ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean enabled,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            TiplineConfig config) {
        this(enabled, authServerUrl, config.console().oidc().clientId(), config.console().oidc().issuer(),
                config.console().oidc().scope(), config.console().oidc().name());
    }

    ConsoleProviderSettings(boolean enabled, Optional<String> authServerUrl, Optional<String> clientId,
            Optional<String> issuer, String scope, Optional<String> name) {
        String fault = null;
        ProviderSignIn offered = null;
        String issuerOrigin = null;
        Optional<String> client = clientId.map(String::strip).filter(id -> !id.isEmpty());
        if (client.isPresent()) {
            Optional<String> issuerUrl = issuer.map(String::strip).filter(url -> !url.isEmpty())
                    .or(() -> authServerUrl.map(String::strip).filter(url -> !url.isEmpty()));
            URI uri = issuerUrl.map(ConsoleProviderSettings::parse).orElse(null);
            String words = String.join(" ", Arrays.stream(scope.strip().split(" +")).filter(w -> !w.isEmpty()).toList());
            if (!enabled) {
                fault = "tipline.console.oidc.client-id is set, but the review API does not accept the identity "
                        + "provider's tokens: set quarkus.oidc.tenant-enabled=true (docs/review.md)";
            } else if (!CLIENT_ID.matcher(client.get()).matches()) {
                fault = "tipline.console.oidc.client-id must be 1 to 255 visible ASCII characters";
            } else if (issuerUrl.isEmpty()) {
                fault = "tipline.console.oidc.client-id is set: set tipline.console.oidc.issuer or "
                        + "quarkus.oidc.auth-server-url to the identity provider's issuer";
            } else if (uri == null) {
                fault = "tipline.console.oidc.issuer (or quarkus.oidc.auth-server-url) must be an https URL with a "
                        + "host and no query, fragment or user (http only on localhost or 127.0.0.1)";
            } else if (!Arrays.asList(words.split(" ")).contains("openid")
                    || !Arrays.stream(words.split(" ")).allMatch(word -> SCOPE_TOKEN.matcher(word).matches())) {
                fault = "tipline.console.oidc.scope must be scope names separated by spaces, openid among them";
            } else if (name.isPresent() && (name.get().isBlank() || name.get().strip().length() > MAX_NAME
                    || name.get().codePoints().anyMatch(Character::isISOControl))) {
                fault = "tipline.console.oidc.name must be 1 to " + MAX_NAME + " characters";
            } else {
                String issuerText = issuerUrl.get().strip();
                issuerOrigin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
                offered = new ProviderSignIn(issuerText, client.get(), words,
                        name.map(String::strip).orElse(uri.getHost().toLowerCase(Locale.ROOT)));
            }
        }
        this.problem = fault;
        this.provider = fault == null ? offered : null;
        this.origin = fault == null ? issuerOrigin : null;
    }

    /** An issuer URL fit for the browser to fetch from, or null. */
    private static URI parse(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            boolean secure = scheme.equals("https") || (scheme.equals("http") && LOOPBACK.contains(host));
            if (!secure || host == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (problem != null) {
            throw new IllegalStateException("tipline cannot start: " + problem);
        }
    }

    /** What the console may offer. */
    public SignInOptions options() {
        return new SignInOptions(true, provider);
    }

    /** The issuer's origin ({@code https://host[:port]}), which the console fetches from; null when not offered. */
    public String providerOrigin() {
        return origin;
    }

    /** What is wrong with the settings, in one line, or null. */
    String problem() {
        return problem;
    }
}
