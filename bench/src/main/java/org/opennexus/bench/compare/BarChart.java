package org.opennexus.bench.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Draws guest MIPS per workload and emulator as a grouped bar chart (PNG, headless AWT). */
public final class BarChart {
    private static final Color[] COLORS = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0x59a14f), new Color(0xe15759)
    };

    private BarChart() { }

    public static void write(ComparisonTable table, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int groups = table.rows().size();
        int bars = table.emulators().size();
        int width = Math.max(640, 90 + groups * (bars * 28 + 30));
        int height = 420;
        int left = 70, bottom = 60, top = 50, plotH = height - top - bottom;
        double max = 1;
        for (var row : table.rows()) {
            for (double v : row.mips().values()) {
                max = Math.max(max, v);
            }
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Guest MIPS per workload (higher is better)", left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(1));
        for (int t = 0; t <= 4; t++) {
            int y = top + plotH - (int) (plotH * t / 4.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, width - 10, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.0f", max * t / 4), 8, y + 4);
        }
        int x = left + 15;
        for (var row : table.rows()) {
            for (int b = 0; b < bars; b++) {
                Double v = row.mips().get(table.emulators().get(b));
                if (v != null) {
                    int h = (int) (plotH * v / max);
                    g.setColor(COLORS[b % COLORS.length]);
                    g.fillRect(x + b * 28, top + plotH - h, 24, h);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(row.workload(), x, top + plotH + 16);
            x += bars * 28 + 30;
        }
        for (int b = 0; b < bars; b++) {
            g.setColor(COLORS[b % COLORS.length]);
            g.fillRect(left + b * 130, height - 28, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(table.emulators().get(b), left + b * 130 + 16, height - 18);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
