package hardy.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DICOMweb server over HTTPS with a self-signed certificate: refused until its certificate is imported. */
class PacsTlsTest {

    @TempDir
    Path tmp;
    private HttpsServer https;
    private String pem;

    @BeforeEach
    void startHttps() throws Exception {
        Path keystore = tmp.resolve("server.p12");
        char[] pass = "changeit".toCharArray();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        Path cert = tmp.resolve("server.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass",
                "changeit", "-file", cert.toString());
        pem = Files.readString(cert);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ssl));
        https.createContext("/dicom-web/studies", ex -> {
            byte[] body = "[]".getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().add("Content-Type", "application/dicom+json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        https.start();
    }

    @AfterEach
    void stop() {
        https.stop(0);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private URI url() {
        return URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/dicom-web");
    }

    @Test
    void aSelfSignedServerIsRefusedWithoutItsCertificate() throws Exception {
        try (DicomWebClient c = new DicomWebClient(new PacsServer("selfsigned", url(), PacsAuth.NONE, null))) {
            assertThatThrownBy(c::check).isInstanceOfSatisfying(PacsException.class, e -> {
                assertThat(e.kind()).isEqualTo(PacsException.Kind.TLS);
                assertThat(e.getMessage()).isEqualTo("cannot connect securely to PACS 'selfsigned' at 127.0.0.1:"
                        + https.getAddress().getPort() + ": its certificate is not trusted or does not match the host "
                        + "name (import the server's certificate in its settings)");
            });
        }
    }

    @Test
    void anImportedCertificateIsTrustedAlongsideTheDefaultAuthorities() throws Exception {
        try (DicomWebClient c = new DicomWebClient(new PacsServer("selfsigned", url(), PacsAuth.NONE, pem))) {
            assertThat(c.check()).startsWith("PACS 'selfsigned' answers DICOMweb queries");
        }
        assertThat(PacsTls.context(pem)).isNotSameAs(SSLContext.getDefault());
    }

    @Test
    void somethingElseThanACertificateIsRefusedWhenImported() {
        assertThatThrownBy(() -> PacsTls.parse("hello")).hasMessage(
                "not a PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
}
