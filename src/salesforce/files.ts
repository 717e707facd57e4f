import { CALL_OPTION_KEYS, checkOptionKeys } from '../core/options.js'
import type { CallOptions, Client } from '../core/types.js'
import { _checkFieldName, _checkId } from './records.js'
import { _checkRef, _typeName, type SObjectRef } from './sobject.js'
import { _dataPath } from './version.js'

/**
 * Downloads a blob field (`ContentVersion.VersionData`, `Attachment.Body`, `Document.Body`) as a
 * stream — never a whole buffer — so a Worker can return it as a `Response` body.
 *
 * @example
 * const body = await downloadFile(sf, 'ContentVersion', versionId, 'VersionData')
 * return new Response(body, { headers: { 'content-type': 'application/pdf' } })
 */
export async function downloadFile(client: Client<'salesforce'>, type: SObjectRef, id: string, field: string, options: CallOptions = {}): Promise<ReadableStream<Uint8Array>> {
  checkOptionKeys('downloadFile', options, CALL_OPTION_KEYS)
  _checkRef(type, 'downloadFile')
  _checkId(id, 'downloadFile')
  _checkFieldName(field, 'downloadFile', 'field')
  const body = await client.request<ReadableStream<Uint8Array> | null>({
    operation: 'downloadFile', template: `/services/data/v{version}/sobjects/${_typeName(type)}/{id}/${field}`,
    path: await _dataPath(client, `sobjects/${_typeName(type)}/${id}/${field}`),
    responseType: 'stream',
    signal: options.signal,
    timeout: options.timeout,
    deadline: options.deadline,
  })
  // An empty blob has no body: give an empty stream rather than null.
  return body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
}
