package org.tipline.platform.config;

/**
 * What one tipline process serves, chosen by {@code TIPLINE_ROLE}.
 *
 * <ul>
 * <li>{@code intake}: internet-facing; the tipster and front-end API; only the office public key.</li>
 * <li>{@code review}: inside the office; the review API; the office private key.</li>
 * <li>{@code all-in-one}: both, for trying tipline out (the default).</li>
 * </ul>
 */
public enum ServiceRole {
    INTAKE,
    REVIEW,
    ALL_IN_ONE;

    public boolean servesIntake() {
        return this != REVIEW;
    }

    public boolean servesReview() {
        return this != INTAKE;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The role with this label ({@code all_in_one} and any case accepted), or null. */
    public static ServiceRole fromLabel(String label) {
        String wanted = label.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        for (ServiceRole role : values()) {
            if (role.label().equals(wanted)) {
                return role;
            }
        }
        return null;
    }

    /** Reads {@code TIPLINE_ROLE}; a wrong value is refused with a message that names the setting. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<ServiceRole> {

        @Override
        public ServiceRole convert(String value) {
            ServiceRole role = fromLabel(value);
            if (role == null) {
                throw new IllegalArgumentException("TIPLINE_ROLE must be intake, review or all-in-one");
            }
            return role;
        }
    }
}
