package hardy.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacsServerStoreTest {

    @TempDir
    Path home;

    private static final PacsServer BASIC = new PacsServer("Hospital", URI.create("https://pacs.example.org/dicom-web/"),
            new PacsAuth.Basic("radiologist", "open-sesame"), null);
    private static final PacsServer TOKEN = new PacsServer("Research", URI.create("http://127.0.0.1:8042/dicom-web"),
            new PacsAuth.Bearer("eyJ.token.value"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    @Test
    void serversRoundTripInAnOwnerOnlyFile() throws Exception {
        PacsServerStore store = new PacsServerStore(home.resolve("cfg/pacs-servers.json"));
        assertThat(store.list()).isEmpty();
        store.put(BASIC);
        store.put(TOKEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        PacsServerStore again = new PacsServerStore(store.file());
        assertThat(again.list()).containsExactly(BASIC, TOKEN);
        assertThat(again.get("hospital").baseUrl()).isEqualTo(URI.create("https://pacs.example.org/dicom-web"));
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files).containsExactly(store.file()); // no temporary file left
        }
    }

    @Test
    void replacingAndRemovingKeepTheOrder() throws Exception {
        PacsServerStore store = new PacsServerStore(home.resolve("pacs-servers.json"));
        store.put(BASIC);
        store.put(TOKEN);
        PacsServer changed = BASIC.withAuth(PacsAuth.NONE);
        store.put(new PacsServer("HOSPITAL", changed.baseUrl(), changed.auth(), null));
        assertThat(store.list()).extracting(PacsServer::name).containsExactly("HOSPITAL", "Research");
        assertThat(store.remove("research")).isTrue();
        assertThat(store.remove("research")).isFalse();
        assertThat(store.list()).extracting(PacsServer::auth).containsExactly(PacsAuth.NONE);
        assertThatThrownBy(() -> store.get("nope")).hasMessage("no PACS server named 'nope'; configured: HOSPITAL");
    }

    @Test
    void aFileOthersCouldReadIsMadePrivateWhenRead() throws Exception {
        PacsServerStore store = new PacsServerStore(home.resolve("pacs-servers.json"));
        store.put(BASIC);
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(store.list()).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void secretsAppearInNoStringAndNoParseError() throws Exception {
        for (Object o : List.of(BASIC, TOKEN, BASIC.auth(), TOKEN.auth())) {
            assertThat(o.toString()).doesNotContain("open-sesame", "eyJ.token.value");
        }
        assertThat(BASIC.toString()).isEqualTo("PacsServer[name=Hospital, baseUrl=https://pacs.example.org/dicom-web,"
                + " auth=BASIC]");
        Path broken = Files.writeString(home.resolve("broken.json"), "{\"schema\": \"hardy-pacs-servers/1\", "
                + "\"servers\": [{\"password\": open-sesame}]}");
        assertThatThrownBy(() -> new PacsServerStore(broken).list()).hasMessageNotContaining("open-sesame")
                .hasMessageEndingWith("not a readable server list (invalid JSON at line 1)");
    }

    @Test
    void urlsWithCredentialsOrQueriesAreRefused() {
        assertThatThrownBy(() -> PacsServer.parseUrl("https://user:pw@pacs.example.org/dicom-web"))
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> PacsServer.parseUrl("ftp://pacs.example.org")).hasMessageContaining("http");
        assertThatThrownBy(() -> PacsServer.parseUrl("https://pacs.example.org/x?y=1")).hasMessageContaining("query");
    }
}
