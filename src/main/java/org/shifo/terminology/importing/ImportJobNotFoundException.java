package org.shifo.terminology.importing;

/** No import job of that id in the caller's clinic. */
public final class ImportJobNotFoundException extends RuntimeException {

    public ImportJobNotFoundException() {
        super("import job not found");
    }
}
