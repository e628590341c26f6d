package org.shifo.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Where uploaded files live (images, imported code sets): content in, an opaque {@link FileKey} out. The store
 * chooses every name itself, at random; nothing a user sends ever becomes part of a path. A stored file is
 * complete or absent, never half-written. What a file means, who may read it and the audit of each read are
 * the business of the module that keeps its key.
 *
 * <p>The default keeps files in a local directory under the data directory ({@code shifo.files.directory}); an
 * installation with several nodes needs a store they share, an S3-compatible one (see docs/architecture.md).
 */
public interface FileStore {

    /** Stores the bytes under a new random key. */
    FileKey store(byte[] content);

    /** Stores the stream's content under a new random key; the stream is read to its end, not closed. */
    FileKey store(InputStream content);

    /** The content stored under the key; the caller closes the stream. */
    InputStream open(FileKey key);

    /** The content's length in bytes. */
    long size(FileKey key);

    /** Whether something is stored under the key. */
    boolean exists(FileKey key);

    /** Removes the content; removing what is not there is no error. */
    void delete(FileKey key);

    /** Nothing is stored under this key (it was deleted, or never existed here). */
    final class MissingFileException extends UncheckedIOException {

        private static final long serialVersionUID = 1L;

        public MissingFileException(FileKey key) {
            super(new IOException("No stored file under " + key.value()));
        }
    }
}
