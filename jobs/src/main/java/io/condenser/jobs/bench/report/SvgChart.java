package io.condenser.jobs.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * Small self-contained SVG charts (bars, grouped or stacked, and lines), so the command draws its
 * plots without gnuplot. Plain SVG 1.1, no scripts, readable on GitHub.
 */
public final class SvgChart {

    /** One named series of values, one per category (bars) or per x (lines). */
    public record Series(String name, double[] values) {}

    private static final String[] COLORS = {
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"
    };
    private static final int W = 720;
    private static final int H = 360;
    private static final int LEFT = 80;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private SvgChart() {}

    /**
     * Bars per category: side by side, or stacked. Negative values (a component that does not
     * exist) are drawn as nothing.
     */
    public static String bars(
            String title,
            String yLabel,
            List<String> categories,
            List<Series> series,
            boolean stacked) {
        double max = 0;
        for (int c = 0; c < categories.size(); c++) {
            double stack = 0;
            for (Series s : series) {
                double v = Math.max(0, s.values()[c]);
                stack += v;
                max = Math.max(max, stacked ? stack : v);
            }
        }
        double top = niceCeiling(max);
        StringBuilder svg = header(title);
        axes(svg, yLabel, top);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        double slot = (double) plotW / Math.max(1, categories.size());
        double barW = stacked ? slot * 0.5 : slot * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double x0 = LEFT + c * slot + (stacked ? slot * 0.25 : slot * 0.1);
            double base = 0;
            for (int i = 0; i < series.size(); i++) {
                double v = Math.max(0, series.get(i).values()[c]);
                double h = top == 0 ? 0 : v / top * plotH;
                double x = stacked ? x0 : x0 + i * barW;
                double y = TOP + plotH - (stacked ? base + h : h);
                svg.append(
                        String.format(
                                Locale.ROOT,
                                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>%n",
                                x,
                                y,
                                barW,
                                h,
                                COLORS[i % COLORS.length],
                                escape(categories.get(c)),
                                escape(series.get(i).name()),
                                number(series.get(i).values()[c])));
                if (!stacked && v > 0) {
                    text(svg, x + barW / 2, y - 3, number(v), 10, "middle");
                }
                base += stacked ? h : 0;
            }
            text(svg, LEFT + c * slot + slot / 2, H - BOTTOM + 18, categories.get(c), 12, "middle");
        }
        legend(svg, series);
        return svg.append("</svg>\n").toString();
    }

    /** Lines over a shared x axis (e.g. seconds since the traffic started). */
    public static String lines(
            String title,
            String xLabel,
            String yLabel,
            List<double[][]> points,
            List<String> names) {
        double maxX = 0;
        double maxY = 0;
        for (double[][] series : points) {
            for (double[] p : series) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double topY = niceCeiling(maxY);
        double topX = niceCeiling(maxX);
        StringBuilder svg = header(title);
        axes(svg, yLabel, topY);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        for (int t = 0; t <= 5; t++) {
            double x = LEFT + plotW * t / 5.0;
            text(svg, x, H - BOTTOM + 16, number(topX * t / 5), 10, "middle");
        }
        text(svg, LEFT + plotW / 2.0, H - 8, xLabel, 12, "middle");
        for (int s = 0; s < points.size(); s++) {
            StringBuilder d = new StringBuilder();
            for (double[] p : points.get(s)) {
                double x = LEFT + (topX == 0 ? 0 : p[0] / topX * plotW);
                double y = TOP + plotH - (topY == 0 ? 0 : p[1] / topY * plotH);
                d.append(d.length() == 0 ? "M" : " L")
                        .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            }
            svg.append(
                    String.format(
                            "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                            d, COLORS[s % COLORS.length]));
        }
        legend(svg, names.stream().map(n -> new Series(n, new double[0])).toList());
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder header(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(
                String.format(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n",
                        W, H, W, H));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, W / 2.0, 22, title, 14, "middle");
        return svg;
    }

    private static void axes(StringBuilder svg, String yLabel, double top) {
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        for (int t = 0; t <= 5; t++) {
            double y = TOP + plotH - plotH * t / 5.0;
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                            LEFT,
                            y,
                            LEFT + plotW,
                            y));
            text(svg, LEFT - 6, y + 4, number(top * t / 5), 10, "end");
        }
        svg.append(
                String.format(
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                        LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"16\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
                        TOP + plotH / 2.0,
                        TOP + plotH / 2.0,
                        escape(yLabel)));
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        for (int i = 0; i < series.size(); i++) {
            int y = TOP + 10 + i * 18;
            svg.append(
                    String.format(
                            "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                            W - RIGHT + 16, y - 10, COLORS[i % COLORS.length]));
            text(svg, W - RIGHT + 34, y, series.get(i).name(), 11, "start");
        }
    }

    private static void text(
            StringBuilder svg, double x, double y, String s, int size, String anchor) {
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                        x,
                        y,
                        size,
                        anchor,
                        escape(s)));
    }

    /** 1, 2 or 5 times a power of ten at or above {@code v}. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String number(double v) {
        if (v < 0) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
