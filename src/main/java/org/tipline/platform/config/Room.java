package org.tipline.platform.config;

/**
 * The two rooms of tipline: the tipster side ({@code org.tipline.tipster}), which the intake role
 * serves, and the office ({@code org.tipline.office}), which the review role serves. The usual
 * build holds both. The intake build ({@code ./mvnw package -Pintake}) leaves the office's beans,
 * Hibernate ORM and OIDC out, so that the internet-facing process holds no office service it
 * could be made to run, and starts with less. Each room says it is here with one bean
 * ({@link Here}); {@link RoomCheck} refuses to serve a role whose room the build does not hold.
 */
public enum Room {
    TIPSTER,
    OFFICE;

    /** One bean in each room's package: present exactly when that room's beans are. */
    public interface Here {
        Room room();
    }

    /** The room that serves what {@code role} serves, when it is not {@code present}; otherwise null. */
    static Room missingFor(ServiceRole role, java.util.Set<Room> present) {
        if (role.servesIntake() && !present.contains(TIPSTER)) {
            return TIPSTER;
        }
        if (role.servesReview() && !present.contains(OFFICE)) {
            return OFFICE;
        }
        return null;
    }
}
