package hardy.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.io.dicom.DicomFormatException;
import hardy.io.dicom.DicomInstance;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One STOW-RS request: the files' identities (read first, so a file that is not DICOM is refused before anything is
 * sent), the multipart body streamed from the files, and the reading of the server's answer.
 */
final class StowRequest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Path> files;
    private final List<DicomInstance> ids;
    private final String boundary;

    private StowRequest(List<Path> files, List<DicomInstance> ids) {
        this.files = files;
        this.ids = ids;
        byte[] r = new byte[16];
        RANDOM.nextBytes(r);
        this.boundary = "hardy-" + HexFormat.of().formatHex(r);
    }

    /**
     * Reads the identities of the files to send.
     *
     * @throws IllegalArgumentException naming the file if one is not a complete DICOM object
     */
    static StowRequest of(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no DICOM file to store");
        }
        List<DicomInstance> ids = new ArrayList<>();
        for (Path f : files) {
            try {
                ids.add(DicomInstance.read(f));
            } catch (DicomFormatException e) {
                throw new IllegalArgumentException(f.getFileName() + ": " + e.getMessage());
            }
        }
        return new StowRequest(List.copyOf(files), ids);
    }

    /** {@code /studies/{uid}} when all files are of one study, else {@code /studies}. */
    String path() {
        String study = ids.getFirst().studyUid();
        boolean one = ids.stream().allMatch(i -> i.studyUid().equals(study));
        if (one) {
            DicomWebClient.checkUid(study, "study");
        }
        return one ? "/studies/" + study : "/studies";
    }

    String contentType() {
        return "multipart/related; type=\"application/dicom\"; boundary=" + boundary;
    }

    /** The body: each file as one part, streamed from disk when the request is sent. */
    HttpRequest.BodyPublisher body() throws FileNotFoundException {
        List<HttpRequest.BodyPublisher> pieces = new ArrayList<>();
        for (Path f : files) {
            pieces.add(ascii("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n"));
            pieces.add(HttpRequest.BodyPublishers.ofFile(f));
            pieces.add(ascii("\r\n"));
        }
        pieces.add(ascii("--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(pieces.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private static HttpRequest.BodyPublisher ascii(String s) {
        return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** The server's answer: ReferencedSOPSequence (0008,1199) and FailedSOPSequence (0008,1198). */
    StoreResult parse(PacsServer server, int status, byte[] answer) throws PacsException {
        List<StoreResult.Stored> stored = new ArrayList<>();
        List<StoreResult.Failed> failed = new ArrayList<>();
        if (answer.length > 0) {
            JsonNode root;
            try {
                root = JSON.readTree(answer);
            } catch (IOException e) {
                throw PacsErrors.badAnswer(server, "its answer to the store is not DICOM JSON (HTTP " + status + ")");
            }
            if (root != null && root.isArray() && !root.isEmpty()) {
                root = root.get(0);
            }
            if (root != null && root.isObject()) {
                for (JsonNode item : DicomJson.items(root, "00081199")) {
                    int warning = DicomJson.integer(item, "00081196");
                    stored.add(new StoreResult.Stored(DicomJson.string(item, "00081155"),
                            warning > 0 ? StoreResult.reason(warning) : null));
                }
                for (JsonNode item : DicomJson.items(root, "00081198")) {
                    int code = DicomJson.integer(item, "00081197");
                    failed.add(new StoreResult.Failed(DicomJson.string(item, "00081155"), Math.max(code, 0),
                            code > 0 ? StoreResult.reason(code) : "no reason given"));
                }
            }
        }
        if (status == 409 && failed.isEmpty()) {
            failed.add(new StoreResult.Failed("", 0, "the server refused the instances (HTTP 409) without a reason"));
        }
        return new StoreResult(status, files.size(), stored, failed);
    }
}
