package ai.hyperion.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory HNSW index (Lucene) of unit vectors for one scope, model and embedding model. Each
 * vector is filed under its cache key and the hash of its conversation; a search only considers
 * vectors of the same conversation (a Lucene filter), so two conversations never cross-hit.
 * Thread-safe: Lucene's writer and searcher manager are; searches see writes after a refresh that
 * the next search triggers.
 */
final class LuceneVectorIndex implements AutoCloseable {

  /** One neighbour: its cache key and cosine similarity. */
  record Neighbour(String key, double similarity) {}

  private static final String KEY = "key";
  private static final String CONVERSATION = "conversation";
  private static final String VECTOR = "vector";

  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AtomicBoolean dirty = new AtomicBoolean();

  LuceneVectorIndex() {
    try {
      writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig());
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("An in-memory index cannot fail to open", e);
    }
  }

  void put(String key, String conversation, float[] unitVector) {
    Document doc = new Document();
    doc.add(new StringField(KEY, key, Field.Store.YES));
    doc.add(new StringField(CONVERSATION, conversation, Field.Store.NO));
    doc.add(new KnnFloatVectorField(VECTOR, unitVector, VectorSimilarityFunction.DOT_PRODUCT));
    try {
      writer.updateDocument(new Term(KEY, key), doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dirty.set(true);
  }

  void remove(String key) {
    try {
      writer.deleteDocuments(new Term(KEY, key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dirty.set(true);
  }

  /** The {@code k} nearest vectors of the same conversation, most similar first. */
  List<Neighbour> nearest(String conversation, float[] unitVector, int k) {
    try {
      if (dirty.compareAndSet(true, false)) {
        searchers.maybeRefreshBlocking();
      }
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top =
            searcher.search(
                new KnnFloatVectorQuery(
                    VECTOR, unitVector, k, new TermQuery(new Term(CONVERSATION, conversation))),
                k);
        List<Neighbour> neighbours = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
          String key = searcher.storedFields().document(hit.doc).get(KEY);
          // Lucene scores a dot product of unit vectors as (1 + cosine) / 2.
          neighbours.add(new Neighbour(key, 2.0 * hit.score - 1.0));
        }
        return neighbours;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int size() {
    return writer.getDocStats().numDocs;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
