package org.tipline.tipster;

import jakarta.inject.Singleton;
import org.tipline.platform.config.Room;

/** The tipster side is in this build (every build holds it). */
@Singleton
public class TipsterRoom implements Room.Here {

    @Override
    public Room room() {
        return Room.TIPSTER;
    }
}
