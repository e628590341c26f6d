package org.shifo.clinical.images;

/** Images are added to an open encounter only; a closed one changes by amendment. */
public class EncounterClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EncounterClosedException() {
        super("encounter is closed");
    }
}
