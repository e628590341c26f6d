package org.shifo.platform;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the local {@link FileStore} keeps files: {@code shifo.files.directory} ({@code SHIFO_FILES_DIRECTORY}),
 * by default {@code files} under the data directory. Backups must include it (docs/operations.md).
 */
@ConfigurationProperties("shifo.files")
public record FileStoreSettings(@Nullable Path directory) {

    /** The configured directory, else {@code files} under {@code dataDir}. */
    public Path directoryUnder(Path dataDir) {
        return directory != null ? directory : dataDir.resolve("files");
    }
}
