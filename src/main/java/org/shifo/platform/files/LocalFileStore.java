package org.shifo.platform.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.shifo.platform.FileKey;
import org.shifo.platform.FileStore;
import org.shifo.platform.FileStoreSettings;
import org.shifo.platform.PlatformSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Files in one local directory: {@code <directory>/<2 hex>/<32 hex>}, 128 random bits per name, spread over 256
 * sub-directories. A file is written to {@code <directory>/tmp} first, flushed to disk and then moved into place
 * atomically, so a crash leaves a stray temporary file at worst, never a half-written stored one.
 */
@Component
class LocalFileStore implements FileStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final Path temporary;

    @Autowired
    LocalFileStore(PlatformSettings platform, FileStoreSettings settings) {
        this(settings.directoryUnder(platform.dataDir()));
    }

    LocalFileStore(Path directory) {
        this.root = directory.toAbsolutePath().normalize();
        this.temporary = root.resolve("tmp");
    }

    @Override
    public FileKey store(byte[] content) {
        return write(target -> Files.write(target, content, StandardOpenOption.WRITE));
    }

    @Override
    public FileKey store(InputStream content) {
        return write(target -> {
            try (var out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                content.transferTo(out);
            }
        });
    }

    private interface Writing {
        void into(Path target) throws IOException;
    }

    private FileKey write(Writing writing) {
        try {
            Files.createDirectories(temporary);
            byte[] name = new byte[16];
            RANDOM.nextBytes(name);
            String hex = HEX.formatHex(name);
            FileKey key = new FileKey(hex.substring(0, 2) + "/" + hex);
            Path target = pathOf(key);
            Path partial = Files.createTempFile(temporary, "upload-", ".part");
            try {
                writing.into(partial);
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.createDirectories(target.getParent());
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(key.value());
                }
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    // tmp is inside the same directory, so this only happens on unusual file systems
                    Files.move(partial, target);
                }
                return key;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a file", e);
        }
    }

    @Override
    public InputStream open(FileKey key) {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new MissingFileException(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open a stored file", e);
        }
    }

    @Override
    public long size(FileKey key) {
        try {
            return Files.size(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new MissingFileException(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a stored file's size", e);
        }
    }

    @Override
    public boolean exists(FileKey key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public void delete(FileKey key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete a stored file", e);
        }
    }

    /** The directory every file lives under (for operations and tests). */
    Path root() {
        return root;
    }

    private Path pathOf(FileKey key) {
        Path path = root.resolve(key.value()).normalize();
        // FileKey's format already rules out "..", absolute paths and back-slashes; this is the second lock
        if (!path.startsWith(root) || path.startsWith(temporary)) {
            throw new IllegalArgumentException("not a file key of this store");
        }
        return path;
    }
}
