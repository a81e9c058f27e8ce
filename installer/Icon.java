import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws Hardy's application icon (no third-party artwork): a dark rounded square holding an axial "slice" with a
 * brain-like outline and a coloured label overlay, and an "H".
 *
 * <pre>java installer/Icon.java installer/linux/hardy.png 256</pre>
 *
 * Windows' .ico and macOS' .icns are made from this PNG on those machines (installer/README.md).
 */
public final class Icon {

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "installer/linux/hardy.png");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
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
        if (!ImageIO.write(img, "png", out)) {
            throw new IllegalStateException("no PNG writer");
        }
    }
}
