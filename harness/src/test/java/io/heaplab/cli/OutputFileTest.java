package io.heaplab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link OutputFile}: checked before work, never onto an input, replaced only on success. */
class OutputFileTest {

    private static final String SAME = ": it is also an input (write to another file, then rename it)";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAnOutputThatIsAnInputHoweverItIsSpelled() throws IOException {
        Path input = Files.writeString(dir.resolve("in.trace"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.trace"), input);
        for (String spelling : List.of(input.toString(), dir.resolve("sub/../in.trace").toString(), link.toString())) {
            if (spelling.contains("sub")) {
                Files.createDirectories(dir.resolve("sub"));
            }
            UserInputException e = assertThrows(UserInputException.class, () -> OutputFile.check(spelling, input));
            assertEquals("refusing to write " + spelling + SAME, e.getMessage());
        }
    }

    @Test
    void shouldRefuseAMissingDirectoryOrADirectoryTarget() {
        String target = dir.resolve("missing/out.trace").toString();
        assertEquals("cannot write " + target + ": directory " + dir.resolve("missing") + " does not exist",
            assertThrows(UserInputException.class, () -> OutputFile.check(target)).getMessage());
        assertFalse(Files.exists(dir.resolve("missing")));
        assertEquals("cannot write " + dir + ": it is a directory",
            assertThrows(UserInputException.class, () -> OutputFile.check(dir.toString())).getMessage());
    }

    @Test
    void shouldReplaceTheTargetOnSuccessAndSayWrote() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        StringWriter log = new StringWriter();
        OutputFile.check(target.toString()).write(out -> out.write("new".getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(log));
        assertEquals("new", Files.readString(target));
        assertEquals("wrote " + target + System.lineSeparator(), log.toString());
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void shouldKeepTheOldTargetAndRemoveTheTemporaryFileWhenWritingFails() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        OutputFile file = OutputFile.check(target.toString());
        StringWriter log = new StringWriter();
        assertThrows(IllegalStateException.class, () -> file.write(out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("boom");
        }, new PrintWriter(log)));
        UncheckedIOException io = assertThrows(UncheckedIOException.class, () -> file.write(out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }, new PrintWriter(log)));
        assertEquals("cannot write " + target + ": disk full", io.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals("", log.toString());
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void shouldGiveANewFileTheUmasksModeNotAPrivateTemporaryFilesMode() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "not a POSIX file system");
        Path reference = Files.writeString(dir.resolve("reference.txt"), "made directly");
        Path target = dir.resolve("out.txt");
        OutputFile.check(target.toString()).write(out -> out.write(1), null);
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ), expected.toString());
        assertEquals(expected, Files.getPosixFilePermissions(target));
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
