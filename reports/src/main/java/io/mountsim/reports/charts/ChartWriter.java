package io.mountsim.reports.charts;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders one chart to PNG (for slides and chat) and SVG (sharp at any zoom, used by report.html). */
final class ChartWriter {

    static final int WIDTH = 960;
    static final int HEIGHT = 560;

    private ChartWriter() {
    }

    static void write(JFreeChart chart, Path chartsDir, String baseName, int height) throws IOException {
        Files.createDirectories(chartsDir);
        // Opaque RGB: every chart paints a white background, so an alpha channel would only
        // add a quarter more bytes to filter and deflate. (ChartUtils.writeChartAsPNG draws
        // ARGB and hands it to ImageIO, ignoring its compression and alpha arguments.)
        BufferedImage image = chart.createBufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB, null);
        try (OutputStream out = Files.newOutputStream(chartsDir.resolve(baseName + ".png"))) {
            ImageIO.write(image, "png", out);
        }
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, height);
        // the default prefix embeds System.nanoTime(); a fixed one keeps the SVG reproducible
        g2.setDefsKeyPrefix("mountsim-" + baseName + "-");
        chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, height));
        Files.writeString(chartsDir.resolve(baseName + ".svg"), g2.getSVGDocument(), StandardCharsets.UTF_8);
    }
}
