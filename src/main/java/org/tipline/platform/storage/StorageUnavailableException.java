package org.tipline.platform.storage;

/** The database could not be reached or did not answer in time; nothing was acknowledged. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(Throwable cause) {
        super("storage unavailable", cause, false, false);
    }
}
