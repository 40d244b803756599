package org.tipline.office.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.platform.config.TiplineConfig;

/**
 * Which tipline role each identity-provider role gives, from {@code tipline.oidc.role-map.*}
 * and {@code tipline.oidc.role-mappings} together. Only the four tipline roles can come out.
 *
 * @param roles    identity-provider role to tipline role, the entries that are sound
 * @param problems what is wrong with the others, one phrase each; empty when all are sound
 */
record OidcRoleMap(Map<String, ReviewerRole> roles, List<String> problems) {

    static OidcRoleMap of(TiplineConfig.Oidc config) {
        return of(config.roleMap(), config.roleMappings());
    }

    static OidcRoleMap of(Map<String, String> map, Optional<List<String>> pairs) {
        Map<String, ReviewerRole> roles = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        new TreeMap<>(map).forEach((idpRole, role) -> add(idpRole, role.strip(), roles, problems));
        for (String pair : pairs.orElse(List.of())) {
            int equals = pair.lastIndexOf('=');
            if (equals <= 0 || pair.substring(0, equals).isBlank()) {
                problems.add("'" + pair + "' is not idp-role=tipline-role");
            } else {
                add(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip(), roles, problems);
            }
        }
        return new OidcRoleMap(Map.copyOf(roles), List.copyOf(problems));
    }

    private static void add(String idpRole, String label, Map<String, ReviewerRole> roles, List<String> problems) {
        ReviewerRole role = ReviewerRole.fromLabel(label);
        if (role == null) {
            problems.add("'" + idpRole + "' maps to '" + label + "', not to reviewer, coordinator, auditor or admin");
        } else if (roles.containsKey(idpRole) && roles.get(idpRole) != role) {
            problems.add("'" + idpRole + "' maps to both " + roles.get(idpRole).label() + " and " + label);
        } else {
            roles.put(idpRole, role);
        }
    }
}
