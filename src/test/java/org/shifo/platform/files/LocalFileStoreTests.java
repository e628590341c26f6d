package org.shifo.platform.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shifo.platform.FileKey;
import org.shifo.platform.FileStore;

class LocalFileStoreTests {

    @TempDir
    Path directory;

    @Test
    void storesOpensMeasuresAndDeletes() throws IOException {
        LocalFileStore store = new LocalFileStore(directory);
        byte[] content = "the bytes".getBytes(StandardCharsets.UTF_8);

        FileKey key = store.store(content);

        assertThat(store.exists(key)).isTrue();
        assertThat(store.size(key)).isEqualTo(content.length);
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        store.delete(key);
        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(FileStore.MissingFileException.class);
        assertThatThrownBy(() -> store.size(key)).isInstanceOf(FileStore.MissingFileException.class);
        store.delete(key);
    }

    @Test
    void storesAStreamUnderARandomNameAndLeavesNoTemporaryFile() throws IOException {
        LocalFileStore store = new LocalFileStore(directory);

        FileKey first = store.store(new ByteArrayInputStream(new byte[100_000]));
        FileKey second = store.store(new ByteArrayInputStream(new byte[100_000]));

        assertThat(first).isNotEqualTo(second);
        assertThat(first.value()).matches("[0-9a-f]{2}/[0-9a-f]{32}");
        assertThat(first.value()).startsWith(first.value().substring(3, 5));
        assertThat(store.size(first)).isEqualTo(100_000);
        assertThat(directory.resolve(first.value())).isRegularFile();
        try (Stream<Path> partial = Files.list(directory.resolve("tmp"))) {
            assertThat(partial).isEmpty();
        }
    }

    @Test
    void refusesKeysThatWouldLeaveTheDirectory() {
        assertThatThrownBy(() -> new FileKey("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileKey("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileKey("ab\\..\\x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileKey("ab//cd")).isInstanceOf(IllegalArgumentException.class);
        LocalFileStore store = new LocalFileStore(directory);
        assertThatThrownBy(() -> store.open(new FileKey("tmp/upload-1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedWriteLeavesNothing() throws IOException {
        LocalFileStore store = new LocalFileStore(directory);
        InputStream failing = new InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("client went away");
                }
                left--;
                return 1;
            }
        };

        assertThatThrownBy(() -> store.store(failing)).isInstanceOf(java.io.UncheckedIOException.class);

        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
