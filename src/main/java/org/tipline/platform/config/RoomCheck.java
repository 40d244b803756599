package org.tipline.platform.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/**
 * Before anything else starts serving: does this build hold the rooms the configured role serves?
 * The intake build holds no office, so a review or all-in-one process started from it stops with
 * one line instead of answering the review API with nothing behind it.
 */
@ApplicationScoped
public class RoomCheck {

    private final ServiceRole role;
    private final Set<Room> present;

    @Inject
    public RoomCheck(TiplineConfig config, @Any Instance<Room.Here> rooms) {
        this(config.role(), present(rooms));
    }

    RoomCheck(ServiceRole role, Set<Room> present) {
        this.role = role;
        this.present = present;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        String problem = problem();
        if (problem != null) {
            throw new IllegalStateException("tipline cannot start: " + problem);
        }
    }

    /** Why this build cannot serve the configured role, in one line, or null. */
    String problem() {
        Room missing = Room.missingFor(role, present);
        if (missing == Room.OFFICE) {
            return "this is tipline's intake build (./mvnw package -Pintake), which holds no office code: it serves "
                    + "the intake role only; run the " + role.label() + " role from the usual build";
        }
        if (missing == Room.TIPSTER) {
            return "this build of tipline holds no tipster side: it cannot serve the " + role.label() + " role";
        }
        return null;
    }

    private static Set<Room> present(Instance<Room.Here> rooms) {
        Set<Room> present = EnumSet.noneOf(Room.class);
        rooms.forEach(here -> present.add(here.room()));
        return present;
    }
}
