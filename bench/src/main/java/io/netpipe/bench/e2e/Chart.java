package io.netpipe.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

/**
 * Draws throughput against the number of receivers, one line per tool and loss condition, with Java2D (headless),
 * so the chart needs no dependency.
 */
final class Chart
{
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 220;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color NETPIPE = new Color(0x1f77b4);
    private static final Color UDPCAST = new Color(0xff7f0e);

    private record Series(String label, Color color, boolean dashed, List<double[]> points)
    {
    }

    private Chart()
    {
    }

    /**
     * Writes the chart of the scenarios without loss and with loss on every receiver (no gbe).
     *
     * @param rows  the table's rows.
     * @param title the chart's title.
     * @param path  the PNG to write.
     * @throws IOException if it cannot be written.
     */
    static void write(final List<Report.Row> rows, final String title, final Path path) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final List<Series> series = new ArrayList<>();
        final Predicate<Scenario> clean = s -> !s.gbe() && s.lossAllPermille() == 0 && s.lossOnePermille() == 0;
        final Predicate<Scenario> lossy = s -> !s.gbe() && s.lossAllPermille() > 0 && s.lossOnePermille() == 0;
        series.add(series(rows, "netpipe, no loss", NETPIPE, false, clean, Report.Row::netpipe));
        series.add(series(rows, "udpcast, no loss", UDPCAST, false, clean, Report.Row::udpcast));
        series.add(series(rows, "netpipe, 1% loss each", NETPIPE, true, lossy, Report.Row::netpipe));
        series.add(series(rows, "udpcast, 1% loss each", UDPCAST, true, lossy, Report.Row::udpcast));
        series.removeIf(s -> s.points().isEmpty());

        final TreeSet<Integer> xs = new TreeSet<>();
        double maxY = 1;
        for (final Series s : series)
        {
            for (final double[] p : s.points())
            {
                xs.add((int) p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        maxY = niceCeiling(maxY);

        final BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = HEIGHT - TOP - BOTTOM;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        // Y grid and labels: five steps.
        for (int i = 0; i <= 5; i++)
        {
            final double v = maxY * i / 5;
            final int y = TOP + plotH - (int) Math.round(plotH * v / maxY);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.BLACK);
            final String label = String.format(Locale.ROOT, "%.0f", v);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        // X axis: the receiver counts, evenly spaced (they are 1, 4, 8, 16: a linear axis would crowd the left).
        final List<Integer> xList = new ArrayList<>(xs);
        for (int i = 0; i < xList.size(); i++)
        {
            final int x = xPos(i, xList.size(), plotW);
            final String label = Integer.toString(xList.get(i));
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
        }
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawString("receivers", LEFT + plotW / 2 - 25, HEIGHT - 18);
        final Graphics2D gv = (Graphics2D) g.create();
        gv.rotate(-Math.PI / 2);
        gv.drawString("MB/s (10^6 bytes/s), median", -(TOP + plotH / 2) - 80, 22);
        gv.dispose();

        int legendY = TOP + 10;
        for (final Series s : series)
        {
            g.setColor(s.color());
            g.setStroke(stroke(s.dashed()));
            int px = -1;
            int py = -1;
            for (final double[] p : s.points())
            {
                final int x = xPos(xList.indexOf((int) p[0]), xList.size(), plotW);
                final int y = TOP + plotH - (int) Math.round(plotH * p[1] / maxY);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0)
                {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawLine(LEFT + plotW + 15, legendY, LEFT + plotW + 45, legendY);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), LEFT + plotW + 52, legendY + 4);
            legendY += 22;
        }
        g.dispose();
        ImageIO.write(img, "png", path.toFile());
    }

    private static Series series(final List<Report.Row> rows, final String label, final Color color,
        final boolean dashed, final Predicate<Scenario> which, final Function<Report.Row, Cell> tool)
    {
        final List<double[]> points = new ArrayList<>();
        for (final Report.Row r : rows)
        {
            final Cell c = tool.apply(r);
            if (which.test(r.scenario()) && c != null && c.servedAll() && !Double.isNaN(c.megabytesPerSecond()))
            {
                points.add(new double[] {r.scenario().receivers(), c.megabytesPerSecond()});
            }
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        return new Series(label, color, dashed, points);
    }

    private static int xPos(final int index, final int count, final int plotW)
    {
        return count <= 1 ? LEFT + plotW / 2 : LEFT + 30 + (plotW - 60) * index / (count - 1);
    }

    private static BasicStroke stroke(final boolean dashed)
    {
        return dashed
            ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 6f}, 0f)
            : new BasicStroke(2.5f);
    }

    private static double niceCeiling(final double v)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (final double step : new double[] {1, 2, 2.5, 5, 10})
        {
            if (step * magnitude >= v)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
