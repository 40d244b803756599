package org.tipline.office;

import jakarta.inject.Singleton;
import org.tipline.platform.config.Room;

/** The office is in this build: absent, with every other office bean, from the intake build. */
@Singleton
public class OfficeRoom implements Room.Here {

    @Override
    public Room room() {
        return Room.OFFICE;
    }
}
