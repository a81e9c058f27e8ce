import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws Hardy's application icon (no third-party artwork): a dark rounded square holding an axial "slice" with a
 * brain-like outline and a coloured label overlay, and an "H". Writes all three jpackage icons, PNG-compressed:
 * {@code linux/hardy.png} (256 px), {@code windows/hardy.ico} (16-256 px) and {@code macos/hardy.icns} (128-512 px).
 *
 * <pre>java -Djava.awt.headless=true installer/Icon.java installer</pre>
 */
public final class Icon {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "installer");
        Files.write(dir.resolve("linux/hardy.png"), png(256));
        // ICO: header, one 16-byte directory entry per size, then the PNG images (Windows Vista and later).
        int[] ico = {16, 32, 48, 256};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> images = new ArrayList<>();
        for (int n : ico) {
            images.add(png(n));
        }
        out.write(le16(0));
        out.write(le16(1));
        out.write(le16(ico.length));
        int offset = 6 + 16 * ico.length;
        for (int i = 0; i < ico.length; i++) {
            out.write(ico[i] % 256);
            out.write(ico[i] % 256);
            out.write(new byte[] {0, 0});
            out.write(le16(1));
            out.write(le16(32));
            out.write(le32(images.get(i).length));
            out.write(le32(offset));
            offset += images.get(i).length;
        }
        for (byte[] b : images) {
            out.write(b);
        }
        Files.write(dir.resolve("windows/hardy.ico"), out.toByteArray());
        // ICNS: big-endian 'icns' + length, then (type, length, PNG) entries: ic07 128, ic08 256, ic09 512 px.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        String[] types = {"ic07", "ic08", "ic09"};
        int[] sizes = {128, 256, 512};
        for (int i = 0; i < types.length; i++) {
            byte[] b = png(sizes[i]);
            d.writeBytes(types[i]);
            d.writeInt(8 + b.length);
            d.write(b);
        }
        ByteArrayOutputStream icns = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(icns);
        h.writeBytes("icns");
        h.writeInt(8 + body.size());
        h.write(body.toByteArray());
        Files.write(dir.resolve("macos/hardy.icns"), icns.toByteArray());
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** The icon drawn at n x n pixels, as PNG bytes. */
    static byte[] png(int n) throws IOException {
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        float s = n / 256f;

        g.setPaint(new GradientPaint(0, 0, new Color(0x1E2A3A), 0, n, new Color(0x0B1220)));
        g.fill(new RoundRectangle2D.Float(8 * s, 8 * s, 240 * s, 240 * s, 48 * s, 48 * s));

        // The head and brain of an axial slice, grey as on MRI.
        g.setColor(new Color(0x6B7280));
        g.fill(new Ellipse2D.Float(40 * s, 36 * s, 176 * s, 190 * s));
        g.setColor(new Color(0xC9CED6));
        g.fill(new Ellipse2D.Float(56 * s, 52 * s, 144 * s, 158 * s));

        // Label overlay: two hemispheres and the ventricles.
        g.setColor(new Color(0x3355AA, false));
        g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.75f));
        g.fill(new Ellipse2D.Float(66 * s, 64 * s, 60 * s, 134 * s));
        g.setColor(new Color(0x66AB54));
        g.fill(new Ellipse2D.Float(130 * s, 64 * s, 60 * s, 134 * s));
        g.setColor(new Color(0xE0A030));
        g.fill(new Ellipse2D.Float(112 * s, 104 * s, 32 * s, 56 * s));
        g.setComposite(java.awt.AlphaComposite.SrcOver);

        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(3 * s));
        g.draw(new Ellipse2D.Float(56 * s, 52 * s, 144 * s, 158 * s));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(64 * s)));
        String h = "H";
        int w = g.getFontMetrics().stringWidth(h);
        g.drawString(h, (n - w) / 2f + 64 * s, 236 * s);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IllegalStateException("no PNG writer");
        }
        return bytes.toByteArray();
    }
}
