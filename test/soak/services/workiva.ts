import { workivaFake, workivaFakeBaseURLs } from '../../../src/testing/index.js'
import { createFile, getFileById, getFiles, partiallyUpdateFileById, workiva } from '../../../src/workiva/index.js'
import { expectResult, marker, plan } from '../plan.js'

const SEEDED = 25
const CLIENT_ID = 'soak-workiva-client'
const CLIENT_SECRET = 'soak-workiva-client-secret-5b2e91'

/** Workiva: OAuth2 client credentials (tokens expire), files read, listed, created and renamed. */
export function workivaPlan() {
  const fake = workivaFake({ files: SEEDED, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })
  const fileId = (i: number) => `file-${String((i % SEEDED) + 1).padStart(3, '0')}`
  return plan({
    service: 'workiva',
    fake,
    expires: true,
    staticSecrets: [CLIENT_SECRET],
    client: (url, options) => workiva({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseURLs: workivaFakeBaseURLs(url), ...options }),
    async call(client, kind, i, signal) {
      if (kind === 'get') {
        const file = await getFileById(client, { fileId: fileId(i) }, { signal })
        expectResult(file.id === fileId(i), `getFileById(${fileId(i)}) gave ${String(file.id)}`)
      } else if (kind === 'list') {
        const folders = await getFiles(client, { filter: "kind eq 'Folder'" }, { signal })
        expectResult(folders.length === 2 && folders.every((f) => f.kind === 'Folder'), `getFiles(Folder) gave ${folders.length} files`)
      } else if (kind === 'create') {
        const file = await createFile(client, { body: { name: marker('workiva', i), kind: 'Document' } }, { signal })
        expectResult(file.name === marker('workiva', i) && typeof file.id === 'string', `createFile gave ${JSON.stringify(file)}`)
      } else {
        // The same name every time: applying it twice changes nothing.
        const id = fileId(i)
        const file = await partiallyUpdateFileById(client, { fileId: id, body: [{ op: 'replace', path: '/name', value: `Report ${id.slice(5)}` }] }, { signal })
        expectResult(file.id === id, `partiallyUpdateFileById(${id}) gave ${String(file.id)}`)
      }
    },
    markers: () => [...fake.state.files.values()].map((f) => f.name).filter((name) => name.startsWith('soak-workiva-')),
    issuedSecrets: () => [...fake.state.tokens.keys()],
  })
}
