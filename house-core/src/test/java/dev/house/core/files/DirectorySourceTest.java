package dev.house.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source's own defences, which hold even if a path reached it without the parser's checks. */
class DirectorySourceTest {
    @TempDir
    Path temp;

    @Test
    void refusesPathsThatNormaliseOutsideTheRoot() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("ok.txt"), "ok");
        DirectorySource source = new DirectorySource(root);

        assertThat(source.find("../secret.txt")).isNull();
        assertThat(source.find("sub/../../secret.txt")).isNull();
        assertThat(source.find(temp.resolve("secret.txt").toString())).isNull();
        assertThat(source.find("ok.txt")).isNotNull();
    }

    @Test
    void refusesDirectories() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.createDirectories(root.resolve("dir"));
        assertThat(new DirectorySource(root).find("dir")).isNull();
    }

    @Test
    void servableRelativePathsHaveNoHiddenOrEmptySegments() {
        assertThat(StaticPaths.isServable("css/site.css")).isTrue();
        assertThat(StaticPaths.isServable("docs/")).isTrue();
        assertThat(StaticPaths.isServable("../etc/passwd")).isFalse();
        assertThat(StaticPaths.isServable("a/./b")).isFalse();
        assertThat(StaticPaths.isServable("a//b")).isFalse();
        assertThat(StaticPaths.isServable(".well-known/x")).isFalse();
        assertThat(StaticPaths.isServable("a\\..\\b")).isFalse();
        assertThat(StaticPaths.isServable("C:/windows")).isFalse();
        assertThat(StaticPaths.isServable("a\u0000b")).isFalse();
    }
}
