package org.siameseangular.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("a.txt");
    AtomicFiles.writeString(file, "old");
    AtomicFiles.writeString(file, "new ü");
    assertThat(file).hasContent("new ü");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void resultIsNotRestrictedToTheOwnerLikeATempFile() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path atomic = dir.resolve("atomic.txt");
    AtomicFiles.writeString(atomic, "x");
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(atomic))
          .isEqualTo(Files.getPosixFilePermissions(plain))
          .contains(PosixFilePermission.OWNER_READ);
    }
  }
}
