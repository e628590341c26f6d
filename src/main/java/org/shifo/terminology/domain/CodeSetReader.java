package org.shifo.terminology.domain;

import java.io.IOException;
import java.io.InputStream;

/** Streams the codes of a file of one format, never holding the whole file in memory. */
public interface CodeSetReader {

    /**
     * Reads every code of {@code in} into {@code sink} and returns how many were read.
     *
     * @throws MalformedFileException when the file is not of the format, naming the line
     */
    long read(InputStream in, ConceptSink sink) throws IOException;

    /** How many codes the file holds, counted by a quick pass (for progress); the file is read again after. */
    long count(InputStream in) throws IOException;

    /** The reader of {@code format}; a plain CSV checks its codes against {@code codes}. */
    static CodeSetReader of(ImportFormat format, CodeFormat codes) {
        return switch (format) {
            case ICD10_CLAML -> new ClamlReader();
            case MKB10_NSI_CSV -> new MkbCsvReader();
            case ICD10CM_ORDER -> new OrderFileReader();
            case CSV -> new PlainCsvReader(codes);
        };
    }
}
