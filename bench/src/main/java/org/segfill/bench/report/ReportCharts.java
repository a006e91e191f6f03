package org.segfill.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.segfill.bench.load.LoadPoint;
import org.segfill.bench.load.LoadReport;

/**
 * The report's PNG charts, drawn with JFreeChart (headless Java2D): per-stage latency bars per
 * backend on a log axis (stages span milliseconds to seconds), and click latency under load.
 * Every axis is labelled with its unit.
 */
final class ReportCharts {

  /** Pixel size of every chart. */
  static final int WIDTH = 1000;
  static final int HEIGHT = 600;
  static final String STAGES = "stage-latency.png";
  static final String LOAD = "click-latency-under-load.png";

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e),
      new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

  private ReportCharts() {}

  /** Writes the charts the report has data for into {@code dir}; returns their file names. */
  static List<String> write(BenchReport report, Path dir) throws IOException {
    List<String> written = new ArrayList<>();
    if (!report.stages().isEmpty()) {
      ChartUtils.saveChartAsPNG(dir.resolve(STAGES).toFile(), stages(report), WIDTH, HEIGHT);
      written.add(STAGES);
    }
    if (report.load() != null && report.load().points().stream().anyMatch(p -> p.clicks() > 0)) {
      ChartUtils.saveChartAsPNG(dir.resolve(LOAD).toFile(), load(report.load()), WIDTH, HEIGHT);
      written.add(LOAD);
    }
    return written;
  }

  static JFreeChart stages(BenchReport report) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Stage stage : Stage.MODEL_STAGES) {
      for (StageResult s : report.stages()) {
        if (s.stage().equals(stage.id())) {
          data.addValue(s.p50Ms(), s.backend() + " p50", stage.label());
          data.addValue(s.p99Ms(), s.backend() + " p99", stage.label());
        }
      }
    }
    JFreeChart chart = ChartFactory.createBarChart(
        "Latency per stage and backend (" + report.bundles() + ")", "stage",
        "latency per operation (ms, log scale)", data, PlotOrientation.HORIZONTAL, true, false,
        false);
    CategoryPlot plot = chart.getCategoryPlot();
    LogAxis axis = new LogAxis("latency per operation (ms, log scale)");
    // One tick per decade; room past the slowest bar for its value label.
    axis.setTickUnit(new NumberTickUnit(1));
    axis.setNumberFormatOverride(new DecimalFormat("0.###"));
    double min = report.stages().stream().mapToDouble(StageResult::p50Ms).filter(v -> v > 0)
        .min().orElse(1);
    double max = report.stages().stream().mapToDouble(StageResult::p99Ms).max().orElse(10);
    axis.setRange(min / 3, max * 4);
    plot.setRangeAxis(axis);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    BarRenderer bars = (BarRenderer) plot.getRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
        new DecimalFormat("0.##")));
    bars.setDefaultItemLabelsVisible(true);
    List<String> backends = report.backends();
    for (int i = 0; i < data.getRowCount(); i++) {
      String series = data.getRowKey(i).toString();
      Color c = PALETTE[backends.indexOf(series.substring(0, series.lastIndexOf(' ')))
          % PALETTE.length];
      bars.setSeriesPaint(i, series.endsWith("p99") ? c.brighter() : c.darker());
    }
    style(chart);
    return chart;
  }

  static JFreeChart load(LoadReport load) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (LoadPoint p : load.points()) {
      if (p.clicks() == 0) {
        continue;
      }
      String suffix = ", " + p.generations() + " generation" + (p.generations() == 1 ? "" : "s");
      data.addValue(p.p50Ms(), "p50" + suffix, Integer.toString(p.clients()));
      data.addValue(p.p99Ms(), "p99" + suffix, Integer.toString(p.clients()));
    }
    JFreeChart chart = ChartFactory.createLineChart(
        "Click latency under load (" + load.imageSize() + " photo)",
        "concurrent clients", "click latency over HTTP (ms)", data, PlotOrientation.VERTICAL,
        true, false, false);
    LineAndShapeRenderer lines = (LineAndShapeRenderer) chart.getCategoryPlot().getRenderer();
    lines.setDefaultShapesVisible(true);
    // One colour per generation count; p50 solid, p99 dashed, so pairs read together.
    for (int i = 0; i < data.getRowCount(); i++) {
      String series = data.getRowKey(i).toString();
      int generations = Integer.parseInt(series.replaceAll(".*, (\\d+) generations?", "$1"));
      lines.setSeriesPaint(i, PALETTE[Math.min(generations, PALETTE.length - 1)]);
      lines.setSeriesStroke(i, series.startsWith("p99")
          ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {8f, 6f}, 0f)
          : new BasicStroke(2.5f));
    }
    style(chart);
    return chart;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.GRAY);
    Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    plot.getDomainAxis().setLabelFont(axisFont);
    plot.getRangeAxis().setLabelFont(axisFont);
  }
}
