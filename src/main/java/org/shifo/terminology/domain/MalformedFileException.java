package org.shifo.terminology.domain;

/** A code set file that cannot be read: the message names the line (1-based) and what is wrong. */
public final class MalformedFileException extends RuntimeException {

    private final long line;

    public MalformedFileException(long line, String problem) {
        super(line > 0 ? "line " + line + ": " + problem : problem);
        this.line = line;
    }

    /** The 1-based line of the problem; 0 when it concerns the file as a whole. */
    public long line() {
        return line;
    }
}
