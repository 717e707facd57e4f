/** A slice of a list sent in one request; `indices` are the items' positions in the caller's list. */
export interface Batch<T> {
  items: T[]
  indices: number[]
}

/**
 * Splits items into request batches: at most `size` items, and at most `maxChunks` type-chunks
 * (Salesforce processes a collection as chunks of consecutive records of one type, ten at most).
 */
export function _makeBatches<T>(items: readonly { item: T; index: number }[], size: number, typeOf: (item: T) => string, maxChunks = 10): Batch<T>[] {
  const batches: Batch<T>[] = []
  let current: Batch<T> | undefined
  let chunks = 0
  let lastType: string | undefined
  for (const { item, index } of items) {
    const type = typeOf(item)
    const newChunk = type !== lastType
    if (!current || current.items.length >= size || (newChunk && chunks >= maxChunks)) {
      current = { items: [], indices: [] }
      batches.push(current)
      chunks = 0
      lastType = undefined
    }
    if (type !== lastType) chunks++
    lastType = type
    current.items.push(item)
    current.indices.push(index)
  }
  return batches
}
