import { describe, expectTypeOf, it } from 'vitest'
import { createClient } from '../../src/core/client.js'
import type { Client, Paginated } from '../../src/core/types.js'
import {
  copyFile,
  exportFileById,
  getFileById,
  getFiles,
  getTables,
  wait,
  workiva,
  type Accepted,
  type File,
  type FileImportResponse,
  type Operation,
  type TableDto,
  type WorkivaClient,
  importFile,
  partiallyUpdateFileById,
  createFile,
  type WriteOptions,
} from '../../src/workiva/index.js'
import type { CallOptions } from '../../src/core/types.js'

const client = workiva({ clientId: 'id', clientSecret: 'secret' })

describe('Workiva function types', () => {
  it('a plain GET resolves with its schema type; a list is Paginated of its items', () => {
    expectTypeOf(getFileById(client, { fileId: 'f' })).toEqualTypeOf<Promise<File>>()
    expectTypeOf(getFiles(client)).toEqualTypeOf<Paginated<File>>()
    expectTypeOf(getTables(client, { limit: 10 })).toEqualTypeOf<Paginated<TableDto>>()
  })

  it('POST/PATCH and long-running functions take { idempotent }; a GET does not', () => {
    expectTypeOf(partiallyUpdateFileById(client, { fileId: 'f', body: [] }, { idempotent: true })).toEqualTypeOf<Promise<File>>()
    expectTypeOf(createFile(client, { body: { kind: 'Document' } }, { idempotent: false, timeout: 5_000 })).toEqualTypeOf<Promise<File>>()
    expectTypeOf(copyFile(client, { fileId: 'f', body: {} }, { idempotent: true, wait: true })).toEqualTypeOf<Promise<Operation>>()
    expectTypeOf<WriteOptions>().toMatchTypeOf<CallOptions>()
    // @ts-expect-error a GET is retried anyway: no idempotent option
    void getFileById(client, { fileId: 'f' }, { idempotent: true })
  })

  it('a long-running call gives the 202, or the Operation when it waits', () => {
    expectTypeOf(copyFile(client, { fileId: 'f', body: {} })).toEqualTypeOf<Promise<Accepted<undefined>>>()
    expectTypeOf(copyFile(client, { fileId: 'f', body: {} }, { wait: true })).toEqualTypeOf<Promise<Operation>>()
    expectTypeOf(exportFileById(client, { fileId: 'f', body: { kind: 'Document' } }, { wait: { timeout: 1000 } })).toEqualTypeOf<Promise<Operation>>()
    expectTypeOf(copyFile(client, { fileId: 'f', body: {} }, { wait: false })).toEqualTypeOf<Promise<Accepted<undefined>>>()
    expectTypeOf(importFile(client, { body: { fileName: 'a.docx' } })).toEqualTypeOf<Promise<Accepted<FileImportResponse>>>()
    expectTypeOf(wait(client, 'op-1').result()).toEqualTypeOf<Promise<Operation>>()
  })

  it('required params and body are required; names follow the spec without $', () => {
    // @ts-expect-error fileId is required
    void getFileById(client, {})
    // @ts-expect-error the body is required
    void copyFile(client, { fileId: 'f' })
    // @ts-expect-error $maxpagesize is `maxpagesize`
    void getFiles(client, { $maxpagesize: 10 })
    void getFiles(client, { maxpagesize: 10, filter: "kind eq 'Folder'", orderBy: 'name', next: 'o10' })
  })

  it('a Workiva client or a plain client fits; another service does not', () => {
    expectTypeOf(client).toEqualTypeOf<WorkivaClient>()
    void getFileById(createClient({ baseURL: 'https://x.test' }), { fileId: 'f' })
    const folio = createClient<'folio'>({ baseURL: 'https://x.test' }) as Client<'folio'>
    // @ts-expect-error a FOLIO client is not a Workiva client
    void getFileById(folio, { fileId: 'f' })
  })
})
