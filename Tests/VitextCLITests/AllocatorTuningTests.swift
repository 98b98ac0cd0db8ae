import CAllocatorTuning
import Testing

/// The long-running commands ask glibc to keep freed memory. The settings once compiled to
/// nothing (the glibc test came before any libc header defined it), and the service and the
/// benchmark engine paid some 700 page faults a query over long posting lists without a sign.
@Suite struct AllocatorTuningTests {
  @Test func glibcTakesEverySettingThatKeepsFreedMemory() {
    #if canImport(Glibc)
      #expect(vitext_keep_freed_memory() == 1)
    #else
      #expect(vitext_keep_freed_memory() == 0)
    #endif
  }
}
