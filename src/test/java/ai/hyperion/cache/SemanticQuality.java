package ai.hyperion.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Precision and recall of the semantic tier's decision (similarity at or above the threshold, then
 * {@link PostMatchCheck}) on the labelled pairs in {@code cache/semantic-pairs.tsv}. Pairs are
 * split by position: even rows calibrate, odd rows are held out. Run by {@code
 * bench/semantic-quality.sh} (prints the table) and asserted by {@link SemanticQualityTest}.
 */
public final class SemanticQuality {

  static final String PAIRS = "/cache/semantic-pairs.tsv";

  /** One labelled pair with its similarity and the post-match verdict. */
  record Scored(
      int row,
      boolean hit,
      String category,
      String first,
      String second,
      double similarity,
      Optional<String> disagreement) {

    boolean predicted(double threshold, boolean withCheck) {
      return similarity >= threshold && (!withCheck || disagreement.isEmpty());
    }
  }

  /** Precision and recall of one set at one threshold. */
  record Score(double threshold, int tp, int fp, int fn, int tn) {
    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }
  }

  private SemanticQuality() {}

  static List<String[]> pairs() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = SemanticQuality.class.getResourceAsStream(PAIRS);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] columns = line.split("\t");
        if (columns.length != 4 || !(columns[0].equals("hit") || columns[0].equals("miss"))) {
          throw new IllegalStateException("Malformed pair: " + line);
        }
        rows.add(columns);
      }
    }
    return rows;
  }

  static List<Scored> score(MiniLmEmbedder embedder) throws IOException {
    Map<String, float[]> vectors = new HashMap<>();
    List<Scored> scored = new ArrayList<>();
    List<String[]> pairs = pairs();
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i);
      float[] a = vectors.computeIfAbsent(p[2], embedder::embedNow);
      float[] b = vectors.computeIfAbsent(p[3], embedder::embedNow);
      scored.add(
          new Scored(
              i,
              p[0].equals("hit"),
              p[1],
              p[2],
              p[3],
              Vectors.cosine(a, b),
              PostMatchCheck.disagreement(p[2], p[3])));
    }
    return scored;
  }

  static Score at(List<Scored> pairs, double threshold, boolean withCheck) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (Scored s : pairs) {
      boolean predicted = s.predicted(threshold, withCheck);
      if (s.hit()) {
        tp += predicted ? 1 : 0;
        fn += predicted ? 0 : 1;
      } else {
        fp += predicted ? 1 : 0;
        tn += predicted ? 0 : 1;
      }
    }
    return new Score(threshold, tp, fp, fn, tn);
  }

  static List<Scored> calibration(List<Scored> all) {
    return all.stream().filter(s -> s.row() % 2 == 0).toList();
  }

  static List<Scored> heldOut(List<Scored> all) {
    return all.stream().filter(s -> s.row() % 2 == 1).toList();
  }

  public static void main(String[] args) throws IOException {
    double threshold =
        args.length > 0 ? Double.parseDouble(args[0]) : CacheDefaults.SIMILARITY_THRESHOLD;
    try (MiniLmEmbedder embedder = new MiniLmEmbedder(1, 1)) {
      List<Scored> all = score(embedder);
      long hits = all.stream().filter(Scored::hit).count();
      System.out.printf(
          Locale.ROOT,
          "pairs: %d (%d should hit, %d must miss); calibration %d, held out %d%n",
          all.size(),
          hits,
          all.size() - hits,
          calibration(all).size(),
          heldOut(all).size());
      System.out.printf(Locale.ROOT, "%nat the configured threshold %.2f:%n", threshold);
      System.out.println("| set | check | precision | recall | tp | fp | fn | tn |");
      System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
      for (String set : List.of("calibration", "held out", "all")) {
        List<Scored> rows =
            set.equals("calibration")
                ? calibration(all)
                : set.equals("held out") ? heldOut(all) : all;
        for (boolean check : List.of(false, true)) {
          Score s = at(rows, threshold, check);
          System.out.printf(
              Locale.ROOT,
              "| %s | %s | %.3f | %.3f | %d | %d | %d | %d |%n",
              set,
              check ? "similarity + post-match check" : "similarity only",
              s.precision(),
              s.recall(),
              s.tp(),
              s.fp(),
              s.fn(),
              s.tn());
        }
      }
      System.out.println("\nprecision/recall over thresholds (all pairs):");
      System.out.print(curve(all));
      if (args.length > 1 && args[1].equals("--errors")) {
        System.out.println("\nerrors at the threshold (with the check):");
        for (Scored s : all) {
          if (s.predicted(threshold, true) != s.hit()) {
            System.out.printf(
                Locale.ROOT,
                "%s %-10s %.3f %-12s %s | %s%n",
                s.hit() ? "FN" : "FP",
                s.category(),
                s.similarity(),
                s.disagreement().orElse("-"),
                s.first(),
                s.second());
          }
        }
      }
      boolean met = true;
      for (List<Scored> rows : List.of(heldOut(all), all)) {
        Score score = at(rows, threshold, true);
        met &= meetsTargets(score);
      }
      System.out.printf(
          Locale.ROOT,
          "%ntargets (precision >= %.2f with recall >= %.2f, held out and all, with the check):"
              + " %s%n",
          MIN_PRECISION,
          MIN_RECALL,
          met ? "met" : "NOT MET");
      if (!met) {
        System.exit(1);
      }
    }
  }

  static final double MIN_PRECISION = 0.95;
  static final double MIN_RECALL = 0.7;

  static boolean meetsTargets(Score score) {
    return score.precision() >= MIN_PRECISION && score.recall() >= MIN_RECALL;
  }

  /** The precision/recall curve over thresholds 0.50-0.98, as a markdown table. */
  static String curve(List<Scored> all) {
    StringBuilder out = new StringBuilder();
    out.append("| threshold | P (similarity) | R (similarity) | P (+check) | R (+check) |\n");
    out.append("|---:|---:|---:|---:|---:|\n");
    for (int t = 50; t <= 98; t += 2) {
      Score plain = at(all, t / 100.0, false);
      Score checked = at(all, t / 100.0, true);
      out.append(
          String.format(
              Locale.ROOT,
              "| %.2f | %.3f | %.3f | %.3f | %.3f |%n",
              t / 100.0,
              plain.precision(),
              plain.recall(),
              checked.precision(),
              checked.recall()));
    }
    return out.toString();
  }
}
