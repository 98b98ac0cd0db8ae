import Foundation
import VietDocuments
import VietSearch

/// Feeds a `SearchIndexWriter` from a `CorpusReader` on two threads: one reads and prepares
/// documents (parsing, UTF-8 checks, normalization, tokenization, term keys, entities), the
/// calling thread files them into the index in input order. The halves take comparable time on
/// the gov corpus, so a build on two cores takes a little over half as long; the index is the
/// same as one built on one thread.
package enum PipelinedIngest {
  struct Batch: Sendable {
    var documents: [PreparedDocument] = []
    var bytesRead = 0
  }

  static let batchSize = 32
  /// Batches prepared ahead of the writer, at most: bounds the memory the pipeline holds.
  static let batchesAhead = 8

  /// Indexes every document of `stream`; returns how many. `identify` names a document from
  /// its record and its number in the stream; `titles` says what records' titles are; `filed` is called after each batch is filed with
  /// the documents so far and the bytes read. An error on either side stops both; nothing is
  /// committed here.
  package static func run(
    stream: CorpusReader, into writer: SearchIndexWriter,
    identify: @escaping @Sendable (CorpusDocument, Int) -> String = { document, _ in document.id },
    titles: TitleHandling = .indexed,
    filed: (_ documents: Int, _ bytesRead: Int) -> Void = { _, _ in }
  ) throws -> Int {
    let handOff = HandOff<Batch>(capacity: batchesAhead)
    let producer = Producer(
      stream: stream, preparer: writer.preparer, identify: identify, titles: titles)
    let finished = DispatchSemaphore(value: 0)
    let thread = Thread {
      producer.run(into: handOff)
      finished.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    // Whatever happens below, the producer is told to stop and waited for before returning.
    defer {
      handOff.stop()
      finished.wait()
    }
    var documents = 0
    while let batch = try handOff.take() {
      for document in batch.documents { try writer.add(document) }
      documents += batch.documents.count
      filed(documents, batch.bytesRead)
    }
    return documents
  }

  /// What a record's `title` is to the index.
  package enum TitleHandling {
    /// Indexed as the document's title (searched with its text, and counting more).
    case indexed
    /// Left out.
    case ignored
    /// Indexed as the title, and also found at the start of the text followed by a blank line
    /// (how search_anchor_bench.py's `--with-title` hands documents over), where it is cut so
    /// that the title's words are not counted twice.
    case prefixedToText
  }

  /// The reading side; only its own thread touches the stream.
  private final class Producer: @unchecked Sendable {
    let stream: CorpusReader
    let preparer: DocumentPreparer
    let identify: @Sendable (CorpusDocument, Int) -> String
    let titles: TitleHandling

    init(
      stream: CorpusReader, preparer: DocumentPreparer,
      identify: @escaping @Sendable (CorpusDocument, Int) -> String,
      titles: TitleHandling
    ) {
      self.stream = stream
      self.preparer = preparer
      self.identify = identify
      self.titles = titles
    }

    func run(into handOff: HandOff<Batch>) {
      struct Stopped: Error {}
      var batch = Batch()
      var count = 0
      do {
        try stream.forEach { document, bytesRead in
          var text = document.text
          var title = document.title
          switch titles {
          case .indexed: break
          case .ignored: title = ""
          case .prefixedToText:
            let prefix = Array((title + "\n\n").utf8)
            if !title.isEmpty && text.starts(with: prefix) { text.removeFirst(prefix.count) }
          }
          batch.documents.append(
            try preparer.prepare(
              id: identify(document, count), title: title, validUTF8: text,
              metadata: document.metadata))
          batch.bytesRead = bytesRead
          count += 1
          if batch.documents.count == PipelinedIngest.batchSize {
            guard handOff.put(batch) else { throw Stopped() }
            batch = Batch()
          }
        }
        if !batch.documents.isEmpty { _ = handOff.put(batch) }
        handOff.finish(nil)
      } catch is Stopped {
        handOff.finish(nil)
      } catch {
        handOff.finish(error)
      }
    }
  }
}

/// Hands items from one producer thread to one consumer, holding at most `capacity`.
final class HandOff<Item: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [Item] = []
  private var isFinished = false
  private var failure: (any Error)?
  private var isStopped = false
  let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  /// Waits for room, then queues `item`; false (nothing queued) once the consumer has stopped.
  func put(_ item: Item) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count >= capacity && !isStopped { condition.wait() }
    guard !isStopped else { return false }
    items.append(item)
    condition.broadcast()
    return true
  }

  /// The producer is done; `error`, if any, reaches the consumer after the items before it.
  func finish(_ error: (any Error)?) {
    condition.lock()
    isFinished = true
    failure = error
    condition.broadcast()
    condition.unlock()
  }

  /// The next item, nil when the producer finished cleanly; throws the producer's error.
  func take() throws -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !isFinished { condition.wait() }
    if !items.isEmpty {
      let item = items.removeFirst()
      condition.broadcast()
      return item
    }
    if let failure { throw failure }
    return nil
  }

  /// The consumer will take nothing more: a waiting or later `put` returns false.
  func stop() {
    condition.lock()
    isStopped = true
    condition.broadcast()
    condition.unlock()
  }
}
