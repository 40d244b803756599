package org.tipline.office.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.ReviewerRole;

/** Claims to a caller: only mapped tipline roles, well-formed programs and unit, a username fit for the audit log. */
class OidcCallerMappingTests {

    private final OidcCallerMapping mapping = new OidcCallerMapping(OidcRoleMap.of(
            Map.of("cs-coord", "coordinator", "cs-rev", "reviewer", "typo", "superuser"),
            Optional.of(List.of("Tipline.Admin=admin"))).roles(),
            "tipline_programs", "tipline_unit", "preferred_username");

    private static JsonWebToken token(String json) throws InvalidJwtException {
        return new DefaultJWTCallerPrincipal("JWT", JwtClaims.parse(json));
    }

    @Test
    void onlyMappedRolesComeOutAndOnlyTiplineRoles() throws InvalidJwtException {
        Caller caller = mapping.callerOf(token("{\"sub\":\"s1\",\"preferred_username\":\"ann\"}"),
                Set.of("cs-coord", "Tipline.Admin", "coordinator", "admin", "typo", "offline_access"));
        assertThat(caller.roles()).containsExactlyInAnyOrder(ReviewerRole.COORDINATOR, ReviewerRole.ADMIN);
        assertThat(caller.roleNames()).containsExactlyInAnyOrder("coordinator", "admin");
        assertThat(caller.reviewerId()).isNull();
        assertThat(caller.hasTiplineSession()).isFalse();
        assertThat(caller.username()).isEqualTo("ann");
    }

    @Test
    void programsComeFromAnArrayOrAStringAndMalformedNamesAreDropped() throws InvalidJwtException {
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"tipline_programs\":[\"default\",\"north side\",\"x;y\"]}"),
                Set.of()).programs()).containsExactlyInAnyOrder("default", "north", "side");
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"tipline_programs\":\"default, northside  east\"}"),
                Set.of()).programs()).containsExactlyInAnyOrder("default", "northside", "east");
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"tipline_programs\":42}"), Set.of()).programs()).isEmpty();
        assertThat(mapping.callerOf(token("{\"sub\":\"s\"}"), Set.of()).programs()).isEmpty();
    }

    @Test
    void theUnitIsOneWellFormedName() throws InvalidJwtException {
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"tipline_unit\":\" harbour \"}"), Set.of()).unit())
                .isEqualTo("harbour");
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"tipline_unit\":\"two words\"}"), Set.of()).unit()).isNull();
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"tipline_unit\":[\"harbour\"]}"), Set.of()).unit()).isNull();
    }

    @Test
    void theSubjectStandsInForAMissingUsernameButNotForAnUnfitOne() throws InvalidJwtException {
        assertThat(mapping.callerOf(token("{\"sub\":\"subject-1\"}"), Set.of()).username()).isEqualTo("subject-1");
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"preferred_username\":\"  \"}"), Set.of())).isNull();
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"preferred_username\":\"a\\nb\"}"), Set.of())).isNull();
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"preferred_username\":\"" + "x".repeat(201) + "\"}"),
                Set.of())).isNull();
        assertThat(mapping.callerOf(token("{\"sub\":\"s\",\"preferred_username\":[\"a\",\"b\"]}"), Set.of())).isNull();
        assertThat(mapping.callerOf(token("{\"preferred_username\":\"ann@office.example\"}"), Set.of()).username())
                .isEqualTo("ann@office.example");
    }
}
