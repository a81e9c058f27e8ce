package hardy.pacs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 whose handler writes raw bytes, for the fault cases a real PACS does not
 * produce: wrong statuses, malformed or truncated multipart bodies, lies about lengths, silence.
 */
final class FakeHttpServer implements AutoCloseable {

    /** Writes the whole response (status line included) for one request. */
    @FunctionalInterface
    interface Handler {
        void handle(Request request, OutputStream out) throws Exception;
    }

    record Request(String method, String target, Map<String, String> headers, byte[] body) {
    }

    private final ServerSocket socket;
    private final CopyOnWriteArrayList<Socket> open = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Request> requests = new CopyOnWriteArrayList<>();

    FakeHttpServer(Handler handler) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    open.add(s);
                    Thread c = new Thread(() -> serve(s, handler), "fake-http-conn");
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-http-accept");
        t.setDaemon(true);
        t.start();
    }

    private void serve(Socket s, Handler handler) {
        try (s) {
            InputStream in = s.getInputStream();
            Request r = read(in);
            requests.add(r);
            OutputStream out = s.getOutputStream();
            handler.handle(r, out);
            out.flush();
        } catch (Exception e) {
            // The client hung up, or the test closed the server.
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] first = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = new byte[0];
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
        return new Request(first[0], first[1], headers, body);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/dicom-web");
    }

    PacsServer server() {
        return new PacsServer("fake", base(), PacsAuth.NONE, null);
    }

    /** A complete response with a Content-Length. */
    static void respond(OutputStream out, int status, String contentType, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
    }

    /** Response headers without a length: the body ends when the connection closes. */
    static void head(OutputStream out, int status, String contentType) throws IOException {
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** A multipart/related body of DICOM parts (no closing delimiter when {@code close} is false). */
    static byte[] multipart(String boundary, boolean close, byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(p);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (close) {
            b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    static String multipartType(String boundary) {
        return "multipart/related; type=\"application/dicom\"; boundary=" + boundary;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
