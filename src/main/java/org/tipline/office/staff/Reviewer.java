package org.tipline.office.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An office account. The password is an Argon2id hash; the TOTP secret is sealed to the office key. */
@Entity
@Table(name = "reviewer")
public class Reviewer {

    @Id
    public UUID id;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    /** Sorted by label, as enrolment and the account API write them. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Convert(converter = ReviewerRolesConverter.class)
    public ReviewerRole[] roles;

    /** The programs (Crime Stoppers programs or agencies) whose tips this account may see. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] programs;

    /** The unit whose assigned tips a reviewer works; may be null. */
    public String unit;

    @Column(name = "totp_sealed")
    public byte[] totpSealed;

    @Column(name = "totp_key_id")
    public long totpKeyId;

    /** The time step of the last accepted TOTP code, so no code is accepted twice. */
    @Column(name = "totp_last_step")
    public long totpLastStep;

    public boolean disabled;

    @Column(name = "created_on")
    public LocalDate createdOn;

    /** What the audit log records of an account when it is made or changed: no password, no TOTP secret. */
    public Map<String, String> auditDetail() {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("account", username);
        detail.put("roles", String.join(",", Arrays.stream(roles).map(ReviewerRole::label).toList()));
        detail.put("programs", String.join(",", programs));
        if (unit != null) {
            detail.put("unit", unit);
        }
        detail.put("disabled", Boolean.toString(disabled));
        return detail;
    }
}
