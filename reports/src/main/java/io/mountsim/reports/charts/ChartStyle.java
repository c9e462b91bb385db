package io.mountsim.reports.charts;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * One look for every chart: white background, light grid, anti-aliased text, and series
 * told apart three ways at once (colour, dash pattern, marker shape) so they stay distinct
 * for colour-blind readers and on a greyscale printout.
 */
final class ChartStyle {

    /**
     * Fourteen colours, pairwise at least 18 CIE76 delta-E apart (computed from their sRGB
     * values), so 12+ series stay distinguishable: the Okabe-Ito palette (Okabe and Ito,
     * "Color Universal Design", 2008; Wong, Nature Methods 8:441, 2011), safe under the
     * common colour-vision deficiencies, first, without its pale yellow; then Paul Tol's
     * "muted" colours (Tol, "Colour Schemes", SRON/EPS/TN/09-002, 2021). Series also differ in
     * dash (4 patterns) and marker (5 shapes); with 14 colours every combination of colour,
     * dash and shape is unique for the first 140 series.
     */
    static final Color[] PALETTE = {
            new Color(0x00, 0x72, 0xB2), // blue
            new Color(0xD5, 0x5E, 0x00), // vermillion
            new Color(0x00, 0x9E, 0x73), // bluish green
            new Color(0xE6, 0x9F, 0x00), // orange
            new Color(0xCC, 0x79, 0xA7), // reddish purple
            new Color(0x56, 0xB4, 0xE9), // sky blue
            new Color(0x00, 0x00, 0x00), // black
            new Color(0x88, 0x22, 0x55), // wine (Tol)
            new Color(0x44, 0xAA, 0x99), // teal (Tol)
            new Color(0x99, 0x99, 0x33), // olive (Tol)
            new Color(0x33, 0x22, 0x88), // indigo (Tol)
            new Color(0xAA, 0x44, 0x99), // purple (Tol)
            new Color(0x11, 0x77, 0x33), // green (Tol)
            new Color(0xDD, 0xCC, 0x77), // sand (Tol), pale: last
    };

    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color MARKER = new Color(0x88, 0x00, 0x00);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font ITEM_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 10);

    private static final float[][] DASHES = {
            null,                 // solid
            {8f, 4f},             // dashed
            {2f, 3f},             // dotted
            {10f, 3f, 2f, 3f},    // dash-dot
    };

    private ChartStyle() {
    }

    static Color color(int series) {
        return PALETTE[Math.floorMod(series, PALETTE.length)];
    }

    static Stroke line(int series) {
        float[] dash = DASHES[Math.floorMod(series, DASHES.length)];
        return dash == null
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
                : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    static Shape shape(int series) {
        double s = 7;
        double h = s / 2;
        return switch (Math.floorMod(series, 5)) {
            case 0 -> new Ellipse2D.Double(-h, -h, s, s);
            case 1 -> new Rectangle2D.Double(-h, -h, s, s);
            case 2 -> polygon(new double[]{0, h, -h}, new double[]{-h, h, h});          // triangle
            case 3 -> polygon(new double[]{0, h, 0, -h}, new double[]{-h, 0, h, 0});    // diamond
            default -> polygon(new double[]{-h, h, 0}, new double[]{-h, -h, h});        // down triangle
        };
    }

    private static Shape polygon(double[] xs, double[] ys) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        p.closePath();
        return p;
    }

    /** A chart with the house style, a bold title and a smaller subtitle saying where. */
    static JFreeChart chart(String title, String subtitle, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        // the SVG names each series' elements (jfreechart's item refs): scripts and the browser test can find a curve
        chart.setElementHinting(true);
        chart.setTextAntiAlias(true);
        if (subtitle != null && !subtitle.isBlank()) {
            chart.addSubtitle(new TextTitle(subtitle, SUBTITLE_FONT));
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        if (plot instanceof XYPlot xy) {
            grid(xy);
            axis(xy.getDomainAxis());
            axis(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(GRID);
            cat.setRangeGridlineStroke(new BasicStroke(1f));
            axis(cat.getDomainAxis());
            axis(cat.getRangeAxis());
        }
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(BlockBorder.NONE);
            l.setItemFont(TICK_FONT);
            l.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    private static void grid(XYPlot xy) {
        xy.setDomainGridlinePaint(GRID);
        xy.setRangeGridlinePaint(GRID);
        xy.setDomainGridlineStroke(new BasicStroke(1f));
        xy.setRangeGridlineStroke(new BasicStroke(1f));
    }

    private static void axis(Axis a) {
        if (a != null) {
            a.setLabelFont(LABEL_FONT);
            a.setTickLabelFont(TICK_FONT);
            a.setLabelPaint(Color.BLACK);
            a.setTickLabelPaint(Color.DARK_GRAY);
        }
    }

    static Paint markerPaint() {
        return MARKER;
    }
}
