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
}
