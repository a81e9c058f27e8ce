package hardy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    @Test
    void linuxFollowsXdgAndFallsBackToLocalShare() {
        assertThat(AppDirs.dataHome(null, "Linux", "/home/ann", Map.of("XDG_DATA_HOME", "/data/ann")))
                .isEqualTo(Path.of("/data/ann/hardy"));
        assertThat(AppDirs.dataHome(null, "Linux", "/home/ann", Map.of()))
                .isEqualTo(Path.of("/home/ann/.local/share/hardy"));
        // The XDG spec says relative paths are invalid and must be ignored.
        assertThat(AppDirs.dataHome(null, "Linux", "/home/ann", Map.of("XDG_DATA_HOME", "relative")))
                .isEqualTo(Path.of("/home/ann/.local/share/hardy"));
    }

    @Test
    void windowsAndMacUseTheirOwnPlaces() {
        assertThat(AppDirs.dataHome(null, "Windows 11", "C:/Users/ann", Map.of("LOCALAPPDATA", "C:/Local")))
                .isEqualTo(Path.of("C:/Local", "Hardy"));
        assertThat(AppDirs.dataHome(null, "Mac OS X", "/Users/ann", Map.of()))
                .isEqualTo(Path.of("/Users/ann/Library/Application Support/Hardy"));
    }

    @Test
    void explicitHomeOverridesEverything() {
        assertThat(AppDirs.dataHome("/opt/hardy-data", "Linux", "/home/ann", Map.of("XDG_DATA_HOME", "/x")))
                .isEqualTo(Path.of("/opt/hardy-data"));
    }
}
