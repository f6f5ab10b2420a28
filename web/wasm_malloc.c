// The modules' allocator (cmake/WasmModule.cmake, SMALL_MALLOC): blocks of
// 16 << k bytes with an 8-byte header holding k, one free list per size, taken
// from the end of memory with memory.grow. No splitting, no coalescing: the
// core, font-size and QR modules make few short-lived allocations of a few
// sizes, and a freed block is reused for the next request of its size class.
// Emscripten's emmalloc (about 1.6 KB of wasm, 0.8 KB gzip per module) does
// far more than these modules need. Payloads are 8-byte aligned, as
// emmalloc's. Memory is never given back (WebAssembly memory cannot shrink).
#include <stddef.h>
#include <stdint.h>
#include <string.h>

extern unsigned char __heap_base;  // the first byte after the data and the stack (wasm-ld)

enum { kHeader = 8, kClasses = 27 };  // 16 B … 1 GB blocks
static void* free_lists[kClasses];
static uintptr_t heap_end;

// `bytes` (a multiple of 16) at the end of the heap, growing memory as needed; 0 when it cannot.
static unsigned char* grab(size_t bytes) {
  if (!heap_end) heap_end = ((uintptr_t)&__heap_base + 15) & ~(uintptr_t)15;
  const uintptr_t have = (uintptr_t)__builtin_wasm_memory_size(0) * 65536u;
  if (bytes > have || heap_end > have - bytes) {
    const size_t pages = (heap_end + bytes - have + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return 0;
  }
  unsigned char* block = (unsigned char*)heap_end;
  heap_end += bytes;
  return block;
}

static size_t capacity(unsigned k) { return ((size_t)16 << k) - kHeader; }

void* malloc(size_t n) {
  unsigned k = 0;
  while (capacity(k) < n) {
    if (++k == kClasses) return 0;
  }
  unsigned char* block = free_lists[k];
  if (block) {
    free_lists[k] = *(void**)(block + kHeader);
  } else {
    block = grab((size_t)16 << k);
    if (!block) return 0;
    *(uint32_t*)block = k;
  }
  return block + kHeader;
}

void free(void* p) {
  if (!p) return;
  unsigned char* block = (unsigned char*)p - kHeader;
  const unsigned k = *(uint32_t*)block;
  *(void**)p = free_lists[k];
  free_lists[k] = block;
}

void* calloc(size_t count, size_t size) {
  if (size && count > (size_t)-1 / size) return 0;
  void* p = malloc(count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

void* realloc(void* p, size_t n) {
  if (!p) return malloc(n);
  const size_t have = capacity(*(uint32_t*)((unsigned char*)p - kHeader));
  if (n <= have) return p;
  void* q = malloc(n);
  if (!q) return 0;
  memcpy(q, p, have);
  free(p);
  return q;
}
