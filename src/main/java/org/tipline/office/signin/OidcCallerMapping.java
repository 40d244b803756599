package org.tipline.office.signin;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.ReviewerEnrolment;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.platform.config.TiplineConfig;

/**
 * Turns the claims of a verified identity-provider token into a {@link Caller}: the username,
 * the tipline roles that the configured role map gives the provider's roles (no others), and
 * the programs and unit. Values that do not fit are dropped, never guessed at. Logs nothing.
 */
final class OidcCallerMapping {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final Map<String, ReviewerRole> roleMap;
    private final String programsClaim;
    private final String unitClaim;
    private final String usernameClaim;

    OidcCallerMapping(TiplineConfig.Oidc config) {
        this(OidcRoleMap.of(config).roles(), config.programsClaim(), config.unitClaim(), config.usernameClaim());
    }

    /** @param roleMap identity-provider role to tipline role, as {@link OidcRoleMap} checked it */
    OidcCallerMapping(Map<String, ReviewerRole> roleMap, String programsClaim, String unitClaim, String usernameClaim) {
        this.roleMap = Map.copyOf(roleMap);
        this.programsClaim = programsClaim;
        this.unitClaim = unitClaim;
        this.usernameClaim = usernameClaim;
    }

    /** The caller this token names, or null if it names no usable username. */
    Caller callerOf(JsonWebToken token, Set<String> idpRoles) {
        String username = username(token);
        if (username == null) {
            return null;
        }
        Set<ReviewerRole> roles = EnumSet.noneOf(ReviewerRole.class);
        for (String idpRole : idpRoles) {
            ReviewerRole role = roleMap.get(idpRole);
            if (role != null) {
                roles.add(role);
            }
        }
        Set<String> programs = new TreeSet<>();
        for (String program : strings(token.getClaim(programsClaim))) {
            if (ReviewerEnrolment.NAME.matcher(program).matches()) {
                programs.add(program);
            }
        }
        String unit = text(token.getClaim(unitClaim));
        if (unit != null && !ReviewerEnrolment.NAME.matcher(unit).matches()) {
            unit = null;
        }
        return new Caller(null, username, Set.copyOf(roles), Set.copyOf(programs), unit);
    }

    /** The configured username claim, or {@code sub} when that is absent; null if the value cannot be an audit actor. */
    private String username(JsonWebToken token) {
        Object claim = token.getClaim(usernameClaim);
        String username = text(claim == null ? token.getSubject() : claim);
        if (username == null || username.length() > AuditEvent.MAX_ACTOR || username.codePoints()
                .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
            return null;
        }
        return username;
    }

    /** A string claim, stripped; null for any other kind of value or a blank one. */
    static String text(Object claim) {
        String text = claim instanceof String string ? string : claim instanceof JsonString json ? json.getString() : null;
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip();
    }

    /** A claim's words: an array of strings, or one string split at spaces and commas. Anything else gives none. */
    static List<String> strings(Object claim) {
        List<String> words = new ArrayList<>();
        if (claim instanceof String text) {
            split(text, words);
        } else if (claim instanceof JsonString text) {
            split(text.getString(), words);
        } else if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString text) {
                    split(text.getString(), words);
                }
            }
        } else if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof String text) {
                    split(text, words);
                }
            }
        }
        return words;
    }

    private static void split(String text, List<String> into) {
        for (String word : SEPARATORS.split(text.strip())) {
            if (!word.isEmpty()) {
                into.add(word);
            }
        }
    }
}
